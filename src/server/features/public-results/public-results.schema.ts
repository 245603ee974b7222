import { z } from "zod";

export const PublicResultsQuery = z.object({
  year: z.coerce.number().int().min(2018).max(2100).optional(),
  province: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15").optional(),
  agency: z.string().regex(/^[A-Z0-9.]{2,12}$/).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const PublicResult = z.object({
  year: z.number(),
  agencyCode: z.string(),
  agencyName: z.string(),
  category: z.string(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  instrument: z.string(),
  domains: z.record(z.string(), z.number()),
  index: z.number(),
  predicate: z.string(),
  source: z.string(),
});
export type PublicResult = z.infer<typeof PublicResult>;
