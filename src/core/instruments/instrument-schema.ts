import { z } from "zod";

/**
 * Zod schema for the instrument file format (shape only). The rules that need the whole tree —
 * weight sums, unique codes, level texts for every level — are in validate-instrument.ts.
 */
const LevelTexts = z.record(z.string(), z.string().min(1));

export const ScaleLevelSchema = z.object({
  level: z.number().int(),
  name: z.string().min(1),
  description: z.string().optional(),
});

/**
 * One numbered evidence item (butir bukti dukung) a level asks for: `L{level}-{NN}`, the code the
 * national portal files it under when known (e.g. `PG_04_01`), and what it is.
 */
export const EvidenceItemSchema = z.object({
  code: z.string().regex(/^L\d+-\d{2}$/, "expected an item code like L2-01"),
  portalCode: z.string().regex(/^[A-Z]{2,4}_\d{2}_\d{2}$/, "expected a portal code like PG_04_01").optional(),
  text: z.string().min(1),
});

export const PredicateBandSchema = z.object({
  name: z.string().min(1),
  min: z.number().nonnegative(),
});

export interface InstrumentNodeInput {
  code: string;
  kind: string;
  name: string;
  weight: number;
  children?: InstrumentNodeInput[] | undefined;
  scale?: string | undefined;
  question?: string | undefined;
  description?: string | undefined;
  criteria?: Record<string, string> | undefined;
  evidence?: Record<string, string> | undefined;
  evidenceItems?: Record<string, z.infer<typeof EvidenceItemSchema>[]> | undefined;
  sameAs?: { instrument: string; code: string }[] | undefined;
  valueStep?: number | undefined;
  externalScore?: z.infer<typeof ExternalScoreSchema> | undefined;
}

/** How an indicator's value is converted from another agency's index (see types.ts ExternalScore). */
export const ExternalScoreSchema = z.object({
  source: z.string().min(1),
  min: z.number(),
  max: z.number(),
  conversion: z.enum(["linear", "level"]),
  bands: z
    .array(
      z.object({
        from: z.number(),
        to: z.number(),
        level: z.number(),
        valueFrom: z.number().optional(),
        valueTo: z.number().optional(),
      }),
    )
    .min(1),
});

/** An indicator of another instrument that is the same indicator under another code or name. */
export const SameAsSchema = z.object({
  instrument: z.string().min(1),
  code: z.string().min(1),
});

export const InstrumentNodeSchema: z.ZodType<InstrumentNodeInput> = z.lazy(() =>
  z.object({
    code: z.string().min(1),
    kind: z.string().min(1),
    name: z.string().min(1),
    weight: z.number().positive(),
    children: z.array(InstrumentNodeSchema).optional(),
    scale: z.string().optional(),
    question: z.string().optional(),
    description: z.string().optional(),
    criteria: LevelTexts.optional(),
    evidence: LevelTexts.optional(),
    evidenceItems: z.record(z.string(), z.array(EvidenceItemSchema).min(1)).optional(),
    sameAs: z.array(SameAsSchema).optional(),
    valueStep: z.number().positive().optional(),
    externalScore: ExternalScoreSchema.optional(),
  }),
);

export const InstrumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens"),
  name: z.string().min(1),
  legalBasis: z.string().optional(),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD").optional(),
  status: z.literal("official").optional(),
  sourceConfidence: z.string().min(1).optional(),
  description: z.string().optional(),
  levels: z.object({ min: z.number().int().min(0), max: z.number().int().max(100) }),
  valueStep: z.number().positive().optional(),
  scales: z.record(z.string(), z.array(ScaleLevelSchema).min(1)),
  predicates: z.array(PredicateBandSchema).min(1),
  tree: z.array(InstrumentNodeSchema).min(1),
});
