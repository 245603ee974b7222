import { z } from "zod";
import { AgencyCodeParams } from "../agencies/agencies.schema";

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Code = z.string().trim().min(1).max(20);
const IsoDate = z.iso.date();
/** Whole Rupiah, up to a trillion (fits a bigint and stays exact as a JS number). */
const Rupiah = z.number().int().min(0).max(1_000_000_000_000_000);

export const RecommendationSource = z.enum(["kemenpanrb", "tim_pilot_provinsi", "internal"]);
export const Priority = z.enum(["high", "medium", "low"]);
export const ActionStatus = z.enum(["planned", "in_progress", "done", "blocked"]);

export const IdParams = z.object({ id: Id });
export const ActionEvidenceParams = z.object({ id: Id, evidenceId: Id });
export const ProvinceParams = z.object({ code: z.string().regex(/^\d{2}$/, "a two-digit province code, e.g. 15") });
export const RecommendationListQuery = z.object({ period: Id.optional() });
export const BoardQuery = z.object({ year: z.coerce.number().int().min(2018).max(2100).optional() });
export const AnalysisQuery = z.object({ lang: z.enum(["id", "en"]).default("id") });
export { AgencyCodeParams };

export const RecommendationBody = z.object({
  text: z.string().trim().min(10).max(10_000),
  /** Defaults to the first source the caller may write (ministry, province, internal). */
  source: RecommendationSource.optional(),
  priority: Priority.default("medium"),
  aspectCodes: z.array(Code).max(50).default([]),
  indicatorCodes: z.array(Code).max(100).default([]),
  periodId: Id.nullable().optional(),
  assessmentId: Id.nullable().optional(),
});
export const RecommendationPatch = z
  .object({ text: z.string().trim().min(10).max(10_000), priority: Priority, aspectCodes: z.array(Code).max(50), indicatorCodes: z.array(Code).max(100) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");

const ActionFields = z.object({
  title: z.string().trim().min(3).max(500),
  ownerUnitId: Id.nullable().default(null),
  ownerName: z.string().trim().max(200).nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  targetIndicatorCode: Code.nullable().default(null),
  targetLevel: z.number().int().min(0).max(5).nullable().default(null),
  budget: Rupiah.nullable().default(null),
  status: ActionStatus.default("planned"),
});
export const ActionBody = ActionFields;
/** A new recommendation, optionally with its first actions (written together, all or none). */
export const NewRecommendationBody = RecommendationBody.extend({ actions: z.array(ActionBody).max(50).default([]) });
export const ActionPatch = z
  .object({
    title: ActionFields.shape.title,
    ownerUnitId: Id.nullable(),
    ownerName: z.string().trim().max(200).nullable(),
    dueDate: IsoDate.nullable(),
    targetIndicatorCode: Code.nullable(),
    targetLevel: z.number().int().min(0).max(5).nullable(),
    budget: Rupiah.nullable(),
    status: ActionStatus,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "nothing to change");
export const CommentBody = z.object({ body: z.string().trim().min(1).max(5000) });
export const ActionEvidenceBody = z.object({ evidenceId: Id });
export const GeneralRecommendationBody = z.object({ text: z.string().trim().min(10).max(20_000) });

const Target = z.union([z.object({ index: z.number().min(0).max(5) }), z.object({ predicate: z.string().min(1).max(50) })]);
/** What the roadmap's costs count: estimated person-days (hari kerja) or Rupiah (then they become the actions' budgets). */
export const CostUnit = z.enum(["person_days", "rupiah"]);
const Cost = z.number().positive().max(1_000_000_000_000);
export const FromRoadmapBody = z
  .object({
    /** The assessment whose levels the plan starts from; defaults to the recommendation's. */
    assessmentId: Id.optional(),
    /** One target (with `dueDate` for every action) … */
    target: Target.optional(),
    /** … or one per year, planned in year order; each action is due on 31 December of its year. */
    targets: z.array(z.object({ year: z.number().int().min(2018).max(2100), target: Target })).min(1).max(10).optional(),
    costs: z.record(z.string().max(20), z.union([Cost, z.array(Cost).max(5)])).optional(),
    costUnit: CostUnit.default("person_days"),
    maxStepsPerIndicator: z.number().int().min(1).max(5).default(1),
    /** Every action due on this date (one target); without it the steps are spread to 31 December of `targetYear`. */
    dueDate: IsoDate.nullable().default(null),
    /** One target without `dueDate`: the year it should be reached; the actions' due dates are spread evenly from today to its 31 December (default: next year). */
    targetYear: z.number().int().min(2018).max(2100).optional(),
    ownerUnitId: Id.nullable().default(null),
  })
  .refine((b) => (b.target === undefined) !== (b.targets === undefined), { message: "give either target or targets", path: ["target"] })
  .refine((b) => b.targetYear === undefined || (b.targets === undefined && b.dueDate === null), { message: "targetYear spreads the due dates of one target without dueDate", path: ["targetYear"] })
  .refine((b) => b.targets === undefined || b.dueDate === null, { message: "a multi-year plan dates each action on 31 December of its year", path: ["dueDate"] })
  .refine((b) => b.costUnit !== "rupiah" || Object.values(b.costs ?? {}).flat().every(Number.isInteger), { message: "Rupiah costs are whole numbers", path: ["costs"] });

export const CommentResponse = z.object({ id: z.number(), body: z.string(), author: z.string().nullable(), createdAt: z.string() });
export const LinkedEvidence = z.object({ id: z.number(), title: z.string(), documentNumber: z.string().nullable() });
export const ActionResponse = z.object({
  id: z.number(),
  recommendationId: z.number(),
  title: z.string(),
  ownerUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  targetIndicatorCode: z.string().nullable(),
  targetLevel: z.number().nullable(),
  budget: z.number().nullable(),
  status: ActionStatus,
  comments: z.array(CommentResponse),
  evidence: z.array(LinkedEvidence),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActionResponse = z.infer<typeof ActionResponse>;
export const RecommendationResponse = z.object({
  id: z.number(),
  agency: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ id: z.number(), name: z.string(), year: z.number() }).nullable(),
  assessmentId: z.number().nullable(),
  text: z.string(),
  source: RecommendationSource,
  priority: Priority,
  aspectCodes: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  author: z.string().nullable(),
  canEdit: z.boolean(),
  actions: z.array(ActionResponse),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RecommendationResponse = z.infer<typeof RecommendationResponse>;
export const RecommendationListResponse = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  abilities: z.object({ writeRecommendations: z.array(RecommendationSource), manageActions: z.boolean() }),
  recommendations: z.array(RecommendationResponse),
});

const Finding = z.object({ code: z.string(), name: z.string(), aspectCode: z.string(), level: z.number() });
export const AnalysisResponse = z.object({
  assessmentId: z.number(),
  agency: z.object({ code: z.string(), name: z.string() }),
  period: z.object({ id: z.number(), name: z.string(), year: z.number(), instrument: z.string(), predicatePolicy: z.enum(["exact", "rounded2"]) }),
  levelSource: z.enum(["result", "stage"]),
  levels: z.record(z.string(), z.number()),
  /** Indicators never answered (counted at the lowest level). */
  missing: z.array(z.string()),
  analysis: z.object({
    aspects: z.array(z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable().describe("The domain above the aspect (59/2020); null when the aspect is top-level (Pemdi 2026)"), indicatorCount: z.number(), fulfilled: z.number(), fulfilmentPercent: z.number(), indexHundredths: z.number() })),
    strengths: z.array(Finding),
    weaknesses: z.array(Finding),
    indexHundredths: z.number(),
    predicate: z.string(),
    strongestAspects: z.array(z.string()),
    weakestAspects: z.array(z.string()),
  }),
  draft: z.string(),
  saved: z.object({ text: z.string(), editedBy: z.string().nullable(), editedAt: z.string() }).nullable(),
  abilities: z.object({ editRecommendation: z.boolean(), writeRecommendations: z.array(RecommendationSource), manageActions: z.boolean() }),
});
export const GeneralRecommendationResponse = z.object({ text: z.string(), editedAt: z.string() });
const RoadmapStep = z.object({ indicator: z.string(), from: z.number(), to: z.number(), cost: z.number() });
export const FromRoadmapResponse = z.object({
  /** Every step (of every year, in year order). */
  steps: z.array(RoadmapStep),
  totalCost: z.number(),
  /** Index and predicate after the (last year's) plan. */
  index: z.number(),
  predicate: z.string(),
  costUnit: CostUnit,
  /** Per year, for a multi-year plan. */
  years: z.array(z.object({ year: z.number(), steps: z.array(RoadmapStep), totalCost: z.number(), index: z.number(), predicate: z.string() })).optional(),
  actions: z.array(ActionResponse),
});

const StatusCounts = z.object({ total: z.number(), planned: z.number(), inProgress: z.number(), done: z.number(), blocked: z.number(), overdue: z.number() });
export const BoardResponse = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  year: z.number().nullable(),
  instrument: z.string(),
  today: z.string(),
  aspects: z.array(z.object({ code: z.string(), name: z.string() })),
  agencies: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      recommendations: z.number(),
      actions: StatusCounts,
      latestAssessment: z.object({ id: z.number(), period: z.string(), year: z.number(), stage: z.string() }).nullable(),
    }),
  ),
  /** Rows = kab/kota (in `agencies` order), one cell per aspect; `donePercent` null when no action touches it. */
  matrix: z.array(z.object({ agencyCode: z.string(), cells: z.array(StatusCounts.extend({ aspectCode: z.string(), donePercent: z.number().nullable() })) })),
  overdue: z.array(z.object({ agencyCode: z.string(), agencyName: z.string(), actionId: z.number(), title: z.string(), dueDate: z.string(), status: ActionStatus, owner: z.string().nullable() })),
  weakIndicators: z.array(z.object({ instrument: z.string(), code: z.string(), name: z.string(), aspectCode: z.string(), agencies: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })) })),
});
export type BoardResponse = z.infer<typeof BoardResponse>;
