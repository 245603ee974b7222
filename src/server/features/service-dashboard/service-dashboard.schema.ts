import { z } from "zod";
import { SkmMutu } from "../skm/skm.schema";

export const DashboardQuery = z.object({
  /** The year (WIB) of survey periods, complaints filed and applications submitted; this year by default. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Buckets of the trend. */
  granularity: z.enum(["quarter", "month"]).default("quarter"),
});

export const SaveDashboardEvidenceBody = z.object({
  year: z.number().int().min(2000).max(2100),
});

const SurveyFigures = z.object({
  surveys: z.number(),
  respondents: z.number(),
  ikm: z.number().nullable(),
  mutu: SkmMutu.nullable(),
  minimumRespondents: z.number().nullable(),
  /** Null without a population; false: "belum memenuhi jumlah minimum responden". */
  enough: z.boolean().nullable(),
  /** Surveys below their own minimum. */
  partsBelowMinimum: z.number(),
});

const ComplaintFigures = z.object({
  received: z.number(),
  closed: z.number(),
  closedWithinDeadline: z.number(),
  /** Percent of the closed complaints closed within every deadline (one decimal); null with none closed. */
  slaCompliance: z.number().nullable(),
  open: z.number(),
  /** Open complaints past their current deadline. */
  overdue: z.number(),
});

const ApplicationFigures = z.object({
  submitted: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  slaCompliance: z.number().nullable(),
  /** Median calendar days from submission to closing (one decimal). */
  medianDays: z.number().nullable(),
  open: z.number(),
  overdue: z.number(),
});

export const DashboardFigures = z.object({ surveys: SurveyFigures, complaints: ComplaintFigures, applications: ApplicationFigures });

const DashboardGroup = z.object({ key: z.string(), name: z.string(), figures: DashboardFigures });

const TrendPoint = z.object({
  /** `2026-Q1` or `2026-01`. */
  period: z.string(),
  respondents: z.number(),
  ikm: z.number().nullable(),
  mutu: SkmMutu.nullable(),
  enough: z.boolean().nullable(),
  complaints: z.number(),
  applications: z.number(),
});

const DashboardPart = z.object({ code: z.string(), name: z.string(), figures: DashboardFigures, trend: z.array(TrendPoint) });

export const ServiceDashboard = z.object({
  year: z.number(),
  granularity: z.enum(["quarter", "month"]),
  /** The day (WIB) the figures were computed on: overdue counts are as of that day. */
  asOf: z.string(),
  agency: DashboardPart.extend({ byService: z.array(DashboardGroup), byUnit: z.array(DashboardGroup) }),
  /** For a province, to those who read its cockpit: the province and its kab/kota pooled, and per agency. */
  province: DashboardPart.extend({ byAgency: z.array(DashboardGroup) }).nullable(),
  abilities: z.object({ saveAsEvidence: z.boolean() }),
});

export const SavedEvidence = z.object({
  evidenceId: z.number(),
  version: z.number(),
  /** The library already held this exact file: nothing new was stored. */
  deduplicated: z.boolean(),
  title: z.string(),
  documentDate: z.string(),
  /** The indicator answers it was linked to (new links and ones already there). */
  links: z.array(z.object({ assessmentId: z.number(), instrumentId: z.string(), periodName: z.string(), indicatorCode: z.string(), created: z.boolean() })),
  /** Why it was not linked anywhere: no current assessment, or its stage does not let the caller link. */
  notLinked: z.enum(["no_assessment", "stage_closed"]).nullable(),
});
