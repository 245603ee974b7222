import { z } from "zod";
import { STAGES } from "../../../core";
import { EvidenceSummary } from "../evidence/evidence.schema";
import { StageWindowItem } from "../stage-schedule/stage-schedule.schema";

const AgencyCode = z.string().regex(/^[A-Z0-9.]{2,12}$/);
const IsoDate = z.iso.date();
const Stage = z.enum(STAGES);
const PeriodKind = z.enum(["pemantauan", "evaluasi"]);
const PredicatePolicy = z.enum(["exact", "rounded2"]);

export const CreatePeriodBody = z.object({
  name: z.string().trim().min(3).max(200),
  year: z.number().int().min(2018).max(2100),
  kind: PeriodKind,
  withVisit: z.boolean().default(false),
  /** Absent: the instrument in force for the year (instruments/official-periods.json; 2026 → pemdi-2026). */
  instrument: z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}(@[1-9]\d{0,5})?$/).optional(),
  predicatePolicy: PredicatePolicy.optional(),
  /** A province's internal period: the province's code. Absent for a national period. */
  owner: AgencyCode.optional(),
  /** Working stages only (final has no dates); each stage of the period's kind, closing on or after its opening. */
  schedule: z.partialRecord(z.enum(STAGES).exclude(["final"]), z.object({ opens: IsoDate, closes: IsoDate })).default({}),
  agencies: z.array(AgencyCode).min(1).max(2000),
});

export { AnswerParams, AssessmentParams } from "./assessment-params.schema";

export const SaveAnswerBody = z.object({
  stage: z.enum(STAGES),
  version: z.number().int().min(0),
  /** A whole level, or a decimal (1.26) where the instrument declares decimal values. */
  level: z.number().nullable(),
  /** For an indicator valued from another agency's index: the score instead of a value; the server converts it. */
  externalScore: z.object({ score: z.number(), source: z.string().trim().min(1).max(500), year: z.number().int().min(2000).max(2100) }).nullable().optional(),
  explanation: z.string().max(10_000).nullable().optional(),
  facts: z.string().max(10_000).nullable().optional(),
  analysis: z.string().max(10_000).nullable().optional(),
  justification: z.string().max(10_000).nullable().optional(),
});

export const AnswerResponse = z.object({
  stage: Stage,
  level: z.number().nullable(),
  externalScore: z.object({ score: z.number(), source: z.string(), year: z.number().nullable() }).nullable(),
  explanation: z.string().nullable(),
  facts: z.string().nullable(),
  analysis: z.string().nullable(),
  justification: z.string().nullable(),
  verified: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});

export const PeriodSummary = z.object({
  id: z.number(),
  name: z.string(),
  year: z.number(),
  kind: PeriodKind,
  instrument: z.string(),
  predicatePolicy: PredicatePolicy,
  assessments: z.array(z.object({ id: z.number(), agencyCode: z.string(), agencyName: z.string(), stage: Stage })),
  /** Each working stage's dates (null when unscheduled) and where today falls. */
  schedule: z.array(StageWindowItem),
  /** The reader may set the stage dates (`PUT /api/periods/:id/schedule`). */
  canEditSchedule: z.boolean(),
});

/** A sectoral public service named for one of indicators 45–47, and the unit (OPD) that owns it. */
export const SectoralService = z.object({
  indicatorCode: z.string().min(1).max(20),
  name: z.string().trim().min(3).max(300),
  unitName: z.string().trim().min(2).max(300),
});
export const SectoralServicesBody = z.object({ services: z.array(SectoralService).max(10) });
export const SectoralServicesResponse = z.object({
  /** The indicators of this instrument that assess a sectoral service ([] when it has none). */
  indicators: z.array(z.string()),
  services: z.array(SectoralService),
});

export const WorkspaceResponse = z.object({
  id: z.number(),
  period: z.object({ id: z.number(), name: z.string(), year: z.number(), kind: PeriodKind, instrument: z.string(), predicatePolicy: PredicatePolicy, stages: z.array(Stage) }),
  agency: z.object({ code: z.string(), name: z.string() }),
  stage: Stage,
  indicators: z.array(
    z.object({
      code: z.string(),
      level: z.number().nullable(),
      carried: z.boolean(),
      from: Stage.nullable(),
      /** When final: the result revision (a correction) that set this level, if it differs from the stage answers. */
      revision: z.number().nullable(),
      /** The unit (OPD) assigned to gather this indicator, if any. */
      unitId: z.number().nullable(),
      answers: z.partialRecord(Stage, AnswerResponse),
      evidence: z.array(EvidenceSummary),
    }),
  ),
  sectoralServices: SectoralServicesResponse,
  /** The self-assessment was submitted: its Berita Acara can be downloaded. */
  officialRecord: z.object({ submittedAt: z.string() }).nullable(),
  /** The Berita Acara that can be downloaded: each closed stage (mandiri, dokumen, interviu, visitasi) and the latest review decision (reviu), dated. */
  officialRecords: z.array(z.object({ stage: z.enum(["mandiri", "dokumen", "interviu", "visitasi", "reviu"]), at: z.string(), decision: z.enum(["valid", "tidak_valid"]).nullable() })),
  score: z.object({ index: z.number(), indexRounded: z.number(), predicate: z.string(), partial: z.boolean(), answered: z.number(), total: z.number() }),
  review: z.object({ status: z.enum(["pending", "returned", "valid"]).nullable(), notes: z.string().nullable() }),
  /** The final result and its corrections (revision 1 is the finalisation): levels, who and why. */
  results: z.array(
    z.object({
      revision: z.number(),
      index: z.number(),
      indexRounded: z.number(),
      predicate: z.string(),
      levels: z.record(z.string(), z.number()),
      reason: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  abilities: z.object({
    answer: z.boolean(),
    verify: z.boolean(),
    submit: z.boolean(),
    advance: z.boolean(),
    assignInternal: z.boolean(),
    assignExternal: z.boolean(),
    review: z.boolean(),
    revise: z.boolean(),
    nameSectoralServices: z.boolean(),
    uploadEvidence: z.boolean(),
    /** Whether the interview and visit notes may be read now (asked only then: no 403 on load). */
    readFieldNotes: z.boolean(),
  }),
});

export const StageNoteBody = z.object({ note: z.string().trim().max(2000).optional() });
export const VerifyBody = z.object({ verified: z.boolean(), version: z.number().int().min(1) });
export const AssignBody = z.object({
  email: z.string().trim().toLowerCase().email(),
  role: z.enum(["asesor_eksternal", "asesor_internal"]),
  indicators: z.array(z.string().min(1).max(20)).min(1).max(100).optional(),
});
export const StageResponse = z.object({ stage: Stage, reviewStatus: z.enum(["pending", "returned", "valid"]).nullable() });
export const ReviewBody = z.object({ decision: z.enum(["valid", "tidak_valid"]), notes: z.string().trim().max(5000).optional() });
export const ReviseBody = z.object({ reason: z.string().trim().min(10).max(2000), levels: z.record(z.string(), z.number()) });
export const RevisionResponse = z.object({ revision: z.number(), index: z.number(), indexRounded: z.number(), predicate: z.string() });

/** Indicators given to units (OPD) of the agency for the self-assessment; `unitId: null` takes one back. */
export const IndicatorUnitsBody = z.object({
  assignments: z.array(z.object({ indicatorCode: z.string().min(1).max(20), unitId: z.number().int().positive().nullable() })).min(1).max(200),
});
