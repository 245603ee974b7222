import { z } from "zod";
import { OFFICIAL_PREDICATES } from "../../../core";
import { ResultInstrument } from "../public-results/public-results.schema";

export const CATEGORIES = ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"] as const;

export const NationalQuery = z.object({
  year: z.coerce.number().int().min(2018).max(2100).optional(),
  category: z.enum(CATEGORIES).optional(),
  province: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15").optional(),
  predicate: z.enum(OFFICIAL_PREDICATES).optional(),
});

const Average = z.object({ count: z.number(), index: z.number().nullable(), nodes: z.record(z.string(), z.number().nullable()) });
export const NationalAgency = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  index: z.number(),
  predicate: z.string(),
  instrument: z.string(),
  /** Published values of the instrument's top-level nodes, by code (see `instruments`). */
  nodes: z.record(z.string(), z.number()),
  /** Competition rank among the filtered agencies (1, 2, 2, 4). */
  rank: z.number(),
});

export const NationalResponse = z.object({
  year: z.number(),
  years: z.array(z.number()),
  /** "all", or "assigned" when the view is limited to the external assessor's agencies. */
  scope: z.enum(["all", "assigned"]),
  filters: z.object({ category: z.enum(CATEGORIES).nullable(), province: z.string().nullable(), predicate: z.string().nullable() }),
  /** The instruments of the listed results: their top-level nodes are the keys of `nodes`. */
  instruments: z.array(ResultInstrument),
  count: z.number(),
  average: Average,
  categoryAverages: z.array(Average.extend({ category: z.enum(CATEGORIES) })),
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  predicates: z.array(z.object({ predicate: z.string(), count: z.number() })),
  top: z.array(NationalAgency),
  bottom: z.array(NationalAgency),
  agencies: z.array(NationalAgency),
});
export type NationalResponse = z.infer<typeof NationalResponse>;
