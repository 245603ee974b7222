import { z } from "zod";
import { IKM_POLICY_NAMES, SKM_AGE_BANDS, SKM_EDUCATIONS, SKM_ELEMENT_CODES, SKM_OCCUPATIONS, SKM_SEXES, type SkmElementCode } from "../../../core";
import { honeypotField } from "../../honeypot";
import { AgencyCodeParams } from "../agencies/agencies.schema";

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "not a calendar date");
const id = z.coerce.number().int().positive().max(2_147_483_647);

export const SurveyStatus = z.enum(["draft", "open", "closed"]);
export const SkmMutu = z.enum(["A", "B", "C", "D"]);
export const IkmPolicyName = z.enum(IKM_POLICY_NAMES as [string, ...string[]]);
export const ElementCode = z.enum(SKM_ELEMENT_CODES as [SkmElementCode, ...SkmElementCode[]]);
export const FollowUpStatus = z.enum(["planned", "in_progress", "done"]);

export const SurveyParams = AgencyCodeParams.extend({ surveyId: id });
export const FollowUpParams = SurveyParams.extend({ followUpId: id });
export const PublicSurveyParams = z.object({ id });

/** A counter or channel label: printable, short. */
const counterLabel = text(60).min(1).regex(/^[\p{L}\p{N} .,()/-]+$/u, "letters, digits, spaces and . , ( ) / - only");

export const SurveyBody = z
  .object({
    serviceId: z.number().int().positive(),
    title: text(200).min(3),
    periodStart: isoDate,
    periodEnd: isoDate,
    population: z.number().int().min(1).max(100_000_000).nullable().default(null),
    counters: z.array(counterLabel).max(50).default([]),
  })
  .refine((b) => b.periodEnd >= b.periodStart, { path: ["periodEnd"], message: "the period ends before it starts" })
  .refine((b) => new Set(b.counters).size === b.counters.length, { path: ["counters"], message: "a counter is named twice" });
export const SurveyUpdateBody = z
  .object({
    title: text(200).min(3),
    periodStart: isoDate,
    periodEnd: isoDate,
    population: z.number().int().min(1).max(100_000_000).nullable().default(null),
    counters: z.array(counterLabel).max(50).default([]),
  })
  .refine((b) => b.periodEnd >= b.periodStart, { path: ["periodEnd"], message: "the period ends before it starts" });

export const SummaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), policy: IkmPolicyName.default("exact") });
export const ResultQuery = z.object({ policy: IkmPolicyName.default("exact") });
export const QrQuery = z.object({ loket: counterLabel.optional(), format: z.enum(["svg", "png"]).default("svg") });

export const IkmResultDto = z.object({
  respondents: z.number(),
  nrr: z.array(z.number().nullable()),
  /** NRR × 25 per element (2 decimals). */
  nrrConverted: z.array(z.number().nullable()),
  ikm: z.number().nullable(),
  mutu: SkmMutu.nullable(),
  kinerja: z.object({ id: z.string(), en: z.string() }).nullable(),
  policy: IkmPolicyName,
  population: z.number().nullable(),
  minimumRespondents: z.number().nullable(),
  enough: z.boolean().nullable(),
  weakestElements: z.array(ElementCode),
});

export const SurveySummary = z.object({
  id: z.number(),
  title: z.string(),
  service: z.object({ id: z.number(), name: z.string() }),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  agency: z.object({ code: z.string(), name: z.string() }),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: SurveyStatus,
  population: z.number().nullable(),
  counters: z.array(z.string()),
  demo: z.boolean(),
  respondents: z.number(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The public page's path: /survei/:id. */
  publicPath: z.string(),
});

export const SurveyList = z.object({ surveys: z.array(SurveySummary.extend({ ikm: z.number().nullable(), mutu: SkmMutu.nullable(), enough: z.boolean().nullable() })), abilities: z.object({ manage: z.boolean() }) });

export const FollowUpBody = z.object({
  element: ElementCode,
  action: text(2000).min(3),
  ownerUnitId: z.number().int().positive().nullable().default(null),
  dueDate: isoDate.nullable().default(null),
  status: FollowUpStatus.default("planned"),
  improvementActionId: z.number().int().positive().nullable().default(null),
});

export const FollowUp = z.object({
  id: z.number(),
  element: ElementCode,
  action: z.string(),
  ownerUnit: z.object({ id: z.number(), name: z.string() }).nullable(),
  dueDate: z.string().nullable(),
  status: FollowUpStatus,
  improvementActionId: z.number().nullable(),
});

export const SurveyDetail = z.object({
  survey: SurveySummary,
  result: IkmResultDto,
  followUps: z.array(FollowUp),
  /** The lowest-NRR elements without a follow-up yet: where to start. */
  suggestedElements: z.array(ElementCode),
  /** manage: open, close, import, follow-ups; saveAsEvidence: put the published report into the evidence library. */
  abilities: z.object({ manage: z.boolean(), saveAsEvidence: z.boolean() }),
});

export const ImportResponse = z.object({ imported: z.number(), respondents: z.number() });

const Group = z.object({ key: z.string(), name: z.string(), surveys: z.number(), partsBelowMinimum: z.number(), result: IkmResultDto });
export const SkmSummary = z.object({
  year: z.number().nullable(),
  policy: IkmPolicyName,
  agency: Group,
  byService: z.array(Group),
  byUnit: z.array(Group),
  /** For a province: the province's own agency and each kab/kota; the pooled province in `province`. */
  byAgency: z.array(Group),
  province: Group.nullable(),
});

// --- public ---

const Label = z.object({ id: z.string(), en: z.string() });
export const PublicSurvey = z.object({
  id: z.number(),
  title: z.string(),
  status: SurveyStatus,
  accepting: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string(),
  service: z.object({ id: z.number(), name: z.string() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  counters: z.array(z.string()),
  elements: z.array(z.object({ code: ElementCode, name: Label, answers: z.array(Label) })),
  profile: z.object({ ageBands: z.array(z.string()), sexes: z.array(z.string()), educations: z.array(z.string()), occupations: z.array(z.string()) }),
});

const answer = z.number().int().min(1, "an answer from 1 to 4").max(4, "an answer from 1 to 4");
export const ResponseBody = z.object({
  answers: z.object(Object.fromEntries(SKM_ELEMENT_CODES.map((c) => [c, answer])) as Record<SkmElementCode, typeof answer>).strict(),
  ageBand: z.enum(SKM_AGE_BANDS).nullable().default(null),
  sex: z.enum(SKM_SEXES).nullable().default(null),
  education: z.enum(SKM_EDUCATIONS).nullable().default(null),
  occupation: z.enum(SKM_OCCUPATIONS).nullable().default(null),
  counter: counterLabel.nullable().default(null),
  /** A random id the page keeps in localStorage; stored only as a hash (duplicate detection). */
  deviceToken: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "16–128 letters, digits, - or _"),
  ...honeypotField,
});
export const ResponseAccepted = z.object({ accepted: z.literal(true) });

export const OpenDataQuery = z.object({
  province: z.string().regex(/^\d{2}$/).optional(),
  agency: z.string().regex(/^\d{2}(\.\d{2})?$/).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export const OpenDataRow = z.object({
  provinceCode: z.string().nullable(),
  agencyCode: z.string(),
  agencyName: z.string(),
  serviceId: z.number(),
  serviceName: z.string(),
  surveyId: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: SurveyStatus,
  respondents: z.number(),
  ikm: z.number().nullable(),
  mutu: SkmMutu.nullable(),
  minimumRespondents: z.number().nullable(),
  enough: z.boolean().nullable(),
});
export const OpenDataDocument = z.object({ policy: z.literal("exact"), surveys: z.array(OpenDataRow) });
