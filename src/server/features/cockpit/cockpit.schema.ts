import { z } from "zod";
import { CATEGORIES } from "../national/national.schema";
import { ResultInstrument } from "../public-results/public-results.schema";

export const ProvinceParams = z.object({ code: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15") });
export const CockpitQuery = z.object({ year: z.coerce.number().int().min(2018).max(2100).optional() });

const Named = z.object({ code: z.string(), name: z.string() });
/** A mean over `count` values, rounded half-up to two decimals (null when there are none). */
const Average = z.object({ count: z.number(), index: z.number().nullable(), nodes: z.record(z.string(), z.number().nullable()) });

export const CockpitAgency = z.object({
  code: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  /** Competition rank within the province by the year's published index (1, 2, 2, 4); null without a result. */
  rank: z.number().nullable(),
  result: z.object({ year: z.number(), instrument: z.string(), index: z.number(), predicate: z.string(), nodes: z.record(z.string(), z.number()) }).nullable(),
  previous: z.object({ year: z.number(), index: z.number() }).nullable(),
  change: z.number().nullable(),
});

const TrendPoint = z.object({ year: z.number(), instrument: z.string(), index: z.number(), source: z.enum(["official", "pandu"]) });

export const CockpitResponse = z.object({
  province: Named,
  year: z.number(),
  years: z.array(z.number()),
  /** The top-level nodes of the year's instrument: the keys of every `nodes` record (D1–D4, or A1–A7 for Pemdi). */
  nodes: z.array(Named),
  /** The instruments of the year and of the trend, with their index family. */
  instruments: z.array(ResultInstrument),
  agencies: z.array(CockpitAgency),
  averages: z.object({ province: Average, national: z.record(z.string(), Average) }),
  trend: z.object({ years: z.array(z.number()), series: z.array(Named.extend({ points: z.array(TrendPoint) })), provinceAverage: z.array(z.object({ year: z.number(), instrument: z.string(), index: z.number(), count: z.number() })) }),
  heatmap: z.object({
    instrument: z.string().nullable(),
    indicators: z.array(Named),
    aspects: z.array(Named),
    rows: z.array(
      Named.extend({
        period: z.string(),
        year: z.number(),
        stage: z.string(),
        final: z.boolean(),
        index: z.number().nullable(),
        levels: z.record(z.string(), z.number().nullable()),
        aspects: z.record(z.string(), z.number().nullable()),
      }),
    ),
    aspectAverages: z.array(Named.extend({ index: z.number().nullable(), count: z.number() })),
    /** The same over the newest finalised Pandu result of every agency in the country (national periods, this instrument). */
    nationalAspectAverages: z.array(Named.extend({ index: z.number().nullable(), count: z.number() })),
  }),
  weakest: z.array(Named.extend({ average: z.number(), count: z.number() })),
  progress: z.array(
    Named.extend({ period: z.string(), year: z.number(), stage: z.string(), total: z.number(), filled: z.number(), verified: z.number(), withEvidence: z.number() }),
  ),
  targets: z.array(z.object({ year: z.number(), target: z.number(), source: z.string(), actual: z.number().nullable(), gap: z.number().nullable() })),
  abilities: z.object({ setTargets: z.boolean() }),
});
export type CockpitResponse = z.infer<typeof CockpitResponse>;

export const ProvinceListResponse = z.object({ provinces: z.array(Named) });

export const TargetsBody = z.object({
  targets: z
    .array(
      z.object({
        year: z.number().int().min(2018).max(2100),
        /** The target index, two decimals at most (e.g. 3.40). */
        target: z.number().min(0).max(5).refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "at most two decimals"),
        source: z.string().trim().min(3).max(300),
      }),
    )
    .max(30)
    .refine((list) => new Set(list.map((t) => t.year)).size === list.length, "one target per year"),
});
export const TargetsResponse = z.object({ targets: z.array(z.object({ year: z.number(), target: z.number(), source: z.string() })) });
