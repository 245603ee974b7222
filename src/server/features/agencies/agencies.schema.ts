import { z } from "zod";

export const AgencyCategory = z.enum(["kementerian", "lembaga", "provinsi", "kabupaten", "kota"]);

export const ListAgenciesQuery = z.object({
  category: AgencyCategory.optional(),
  province: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15").optional(),
  q: z.string().trim().min(2).max(100).optional(),
});

export const AgencyCodeParams = z.object({ code: z.string().regex(/^[A-Z0-9.]{2,12}$/, "an agency code such as 15.71 or KL.K01") });

export const AgencyResponse = z.object({
  code: z.string(),
  name: z.string(),
  category: AgencyCategory,
  regionName: z.string().nullable(),
  parent: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type AgencyResponse = z.infer<typeof AgencyResponse>;
