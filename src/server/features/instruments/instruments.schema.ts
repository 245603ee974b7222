import { z } from "zod";

/** A bundled instrument's id, or an uploaded version's key `<id>@<version>`. */
export const InstrumentKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}(@[1-9]\d{0,5})?$/, "an instrument id such as permenpanrb-59-2020, or an uploaded version such as my-instrument@2");
export const InstrumentIdParams = z.object({ id: InstrumentKey });

export const InstrumentSummary = z.object({
  id: z.string(),
  name: z.string(),
  status: z.literal("official").nullable(),
  sourceConfidence: z.string().nullable(),
  legalBasis: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  indicatorCount: z.number(),
  levels: z.object({ min: z.number(), max: z.number() }),
  /** `bundled`: an official file shipped with Pandu; `uploaded`: an administrator's upload (then `id` is `<id>@<version>`). */
  source: z.enum(["bundled", "uploaded"]),
  /** Uploaded: the instrument's own id and its version; null for a bundled one. */
  baseId: z.string().nullable(),
  version: z.number().nullable(),
  uploadedAt: z.string().nullable(),
  /** The uploader's name, shown to administrators only (null otherwise and for bundled instruments). */
  uploadedBy: z.string().nullable(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

export const ScoreBody = z.object({
  /** Code → value, or { score } for an indicator valued from another agency's index. */
  levels: z.record(z.string(), z.union([z.number(), z.object({ score: z.number() }).strict()]).nullable()),
  policy: z.enum(["exact", "rounded2"]).default("exact"),
  partial: z.boolean().default(false),
});

export const NodeScore = z.object({
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  depth: z.number(),
  weight: z.number(),
  index: z.number().nullable(),
  indexRounded: z.number().nullable(),
});

export const ScoreResponse = z.object({
  instrument: z.string(),
  policy: z.enum(["exact", "rounded2"]),
  index: z.number(),
  indexRounded: z.number(),
  predicate: z.string(),
  partial: z.boolean(),
  completeness: z.object({ answered: z.number(), total: z.number(), ratio: z.number() }),
  nodes: z.array(NodeScore),
});

export const OfficialPeriod = z.object({ year: z.number(), instrument: z.string(), predicatePolicy: z.enum(["exact", "rounded2"]), policyBasis: z.string(), label: z.string().optional() });

export const InstrumentProblem = z.object({ path: z.string(), message: z.string() });

export const InstrumentUploadResponse = z.object({
  instrument: InstrumentSummary,
  /** false when the file equals the newest version already kept (nothing was added). */
  created: z.boolean(),
});
