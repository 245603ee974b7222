import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { improvementActions, publicServices, skmFollowUps, skmResponses, skmSurveys, units } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { SkmProfile } from "../../core";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Why an SKM command refused; the route turns it into its error code. */
export class SkmCommandError extends Error {
  constructor(
    readonly reason: "foreign_service" | "foreign_unit" | "foreign_action" | "bad_transition" | "survey_closed" | "survey_not_open" | "duplicate_response",
    readonly details: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

export interface SurveyFields {
  serviceId: number;
  title: string;
  periodStart: string;
  periodEnd: string;
  population: number | null;
  counters: string[];
}

/** Creates a draft survey for a service of this agency (`foreign_service` otherwise), with its audit event. */
export async function createSurvey(db: Db, ctx: AuditContext, agencyId: number, fields: SurveyFields, options: { demo?: boolean } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const [service] = await tx
      .select({ id: publicServices.id })
      .from(publicServices)
      .where(and(eq(publicServices.id, fields.serviceId), eq(publicServices.agencyId, agencyId)));
    if (!service) throw new SkmCommandError("foreign_service", { service: fields.serviceId });
    const [row] = await tx
      .insert(skmSurveys)
      .values({ agencyId, ...fields, demo: options.demo ?? false, createdByUserId: ctx.actorUserId })
      .returning({ id: skmSurveys.id });
    await recordAudit(tx, ctx, { agencyId, action: "skm.survey_create", targetType: "skm_survey", targetId: row!.id, after: { ...fields } });
    return row!.id;
  });
}

/** Changes a survey's title, period, population and counters (any status); false when the agency has no such survey. */
export async function updateSurvey(db: Db, ctx: AuditContext, agencyId: number, surveyId: number, fields: Omit<SurveyFields, "serviceId">): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(skmSurveys)
      .where(and(eq(skmSurveys.id, surveyId), eq(skmSurveys.agencyId, agencyId)))
      .for("update");
    if (!before) return false;
    await tx
      .update(skmSurveys)
      .set({ ...fields, updatedAt: sql`now()` })
      .where(eq(skmSurveys.id, surveyId));
    const pick = (r: Omit<SurveyFields, "serviceId">) => ({ title: r.title, periodStart: r.periodStart, periodEnd: r.periodEnd, population: r.population, counters: r.counters });
    await recordAudit(tx, ctx, { agencyId, action: "skm.survey_update", targetType: "skm_survey", targetId: surveyId, before: pick(before), after: pick(fields) });
    return true;
  });
}

/**
 * Opens a draft survey or closes an open one (the row is locked, so two officers clicking at once
 * get one change and one `bad_transition`). False when the agency has no such survey.
 */
export async function setSurveyStatus(db: Db, ctx: AuditContext, agencyId: number, surveyId: number, to: "open" | "closed"): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: skmSurveys.status })
      .from(skmSurveys)
      .where(and(eq(skmSurveys.id, surveyId), eq(skmSurveys.agencyId, agencyId)))
      .for("update");
    if (!before) return false;
    const from = to === "open" ? "draft" : "open";
    if (before.status !== from) throw new SkmCommandError("bad_transition", { status: before.status });
    await tx
      .update(skmSurveys)
      .set(to === "open" ? { status: to, openedAt: sql`now()`, updatedAt: sql`now()` } : { status: to, closedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(skmSurveys.id, surveyId));
    await recordAudit(tx, ctx, { agencyId, action: `skm.survey_${to === "open" ? "open" : "close"}`, targetType: "skm_survey", targetId: surveyId, before: { status: before.status }, after: { status: to } });
    return true;
  });
}

export interface ResponseInput {
  answers: readonly number[];
  profile: SkmProfile;
  channel: "online" | "counter" | "paper" | "import";
  counter: string | null;
  deviceHash: string | null;
}

const rowOf = (surveyId: number, r: ResponseInput, importBatch: number | null) => ({
  surveyId,
  u1: r.answers[0]!,
  u2: r.answers[1]!,
  u3: r.answers[2]!,
  u4: r.answers[3]!,
  u5: r.answers[4]!,
  u6: r.answers[5]!,
  u7: r.answers[6]!,
  u8: r.answers[7]!,
  u9: r.answers[8]!,
  ...r.profile,
  channel: r.channel,
  counter: r.counter,
  deviceHash: r.deviceHash,
  importBatch,
});

/** Refuses a response to a survey that is not open or whose period does not hold `today` (ISO, Asia/Jakarta). */
function assertAccepting(survey: { status: string; periodStart: string; periodEnd: string }, today: string): void {
  if (survey.status === "closed" || (survey.status === "open" && today > survey.periodEnd)) throw new SkmCommandError("survey_closed", { periodEnd: survey.periodEnd });
  if (survey.status !== "open" || today < survey.periodStart) throw new SkmCommandError("survey_not_open", { periodStart: survey.periodStart });
}

/**
 * Stores one public response (no audit event: a respondent is anonymous, and the table is the
 * record) in one statement: the survey is read and the row inserted only while the survey is open
 * and its period holds `today` (ISO, Asia/Jakarta). A counter is kept only when the survey offers it.
 * One device answers a survey once: the unique (survey, device hash) decides between two submissions
 * at once (`duplicate_response`). Answers false when there is no such survey or it is still a draft.
 */
export async function submitSurveyResponse(db: Db, surveyId: number, response: ResponseInput, today: string): Promise<boolean> {
  const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = response.answers;
  const p = response.profile;
  const result = await db.execute(sql`
    with s as (select id, status, period_start, period_end, counters from skm_surveys where id = ${surveyId}),
    ins as (
      insert into skm_responses (survey_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex, education, occupation, channel, counter, device_hash)
      select s.id, ${u1}, ${u2}, ${u3}, ${u4}, ${u5}, ${u6}, ${u7}, ${u8}, ${u9}, ${p.ageBand ?? null}, ${p.sex ?? null}, ${p.education ?? null}, ${p.occupation ?? null},
        ${response.channel}, case when ${response.counter}::text = any(s.counters) then ${response.counter}::text end, ${response.deviceHash}
      from s
      where s.status = 'open' and ${today}::date between s.period_start and s.period_end
      on conflict (survey_id, device_hash) do nothing
      returning id
    )
    select s.status, s.period_start::text as period_start, s.period_end::text as period_end, (select count(*) from ins)::int as inserted from s`);
  const [survey] = (result as unknown as { rows: { status: string; period_start: string; period_end: string; inserted: number }[] }).rows;
  if (!survey || survey.status === "draft") return false;
  if (survey.inserted === 1) return true;
  assertAccepting({ status: survey.status, periodStart: survey.period_start, periodEnd: survey.period_end }, today);
  throw new SkmCommandError("duplicate_response");
}

/**
 * Imports paper or spreadsheet responses into an open survey, all or none, with one audit event
 * (the survey row is locked so a close waits for the import). Answers the number stored, or
 * undefined when the agency has no such survey.
 */
export async function importSurveyResponses(db: Db, ctx: AuditContext, agencyId: number, surveyId: number, responses: readonly ResponseInput[], meta: { filename: string }): Promise<number | undefined> {
  return db.transaction(async (tx: Tx) => {
    const [survey] = await tx
      .select({ status: skmSurveys.status, periodStart: skmSurveys.periodStart, periodEnd: skmSurveys.periodEnd })
      .from(skmSurveys)
      .where(and(eq(skmSurveys.id, surveyId), eq(skmSurveys.agencyId, agencyId)))
      .for("share");
    if (!survey) return undefined;
    if (survey.status === "closed") throw new SkmCommandError("survey_closed", { periodEnd: survey.periodEnd });
    if (survey.status !== "open") throw new SkmCommandError("survey_not_open", { periodStart: survey.periodStart });
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${skmResponses.importBatch}), 0)` })
      .from(skmResponses)
      .where(eq(skmResponses.surveyId, surveyId));
    const batch = Number(last?.n ?? 0) + 1;
    for (let i = 0; i < responses.length; i += 1000) {
      await tx.insert(skmResponses).values(responses.slice(i, i + 1000).map((r) => rowOf(surveyId, r, batch)));
    }
    await recordAudit(tx, ctx, { agencyId, action: "skm.responses_import", targetType: "skm_survey", targetId: surveyId, after: { rows: responses.length, batch, filename: meta.filename } });
    return responses.length;
  });
}

/** Inserts many responses at once, without checks or audit (demo data and benchmarks). */
export async function insertResponsesUnchecked(db: Db, surveyId: number, responses: readonly ResponseInput[]): Promise<void> {
  for (let i = 0; i < responses.length; i += 1000) {
    await db.insert(skmResponses).values(responses.slice(i, i + 1000).map((r) => rowOf(surveyId, r, null)));
  }
}

export interface FollowUpFields {
  element: string;
  action: string;
  ownerUnitId: number | null;
  dueDate: string | null;
  status: "planned" | "in_progress" | "done";
  improvementActionId: number | null;
}

async function checkFollowUpRefs(tx: Tx, agencyId: number, f: FollowUpFields): Promise<void> {
  if (f.ownerUnitId !== null) {
    const [u] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, f.ownerUnitId), eq(units.agencyId, agencyId)));
    if (!u) throw new SkmCommandError("foreign_unit", { unit: f.ownerUnitId });
  }
  if (f.improvementActionId !== null) {
    const [a] = await tx.select({ id: improvementActions.id }).from(improvementActions).where(and(eq(improvementActions.id, f.improvementActionId), eq(improvementActions.agencyId, agencyId)));
    if (!a) throw new SkmCommandError("foreign_action", { action: f.improvementActionId });
  }
}

/** Adds a follow-up action to a survey of this agency; undefined when there is no such survey. */
export async function createFollowUp(db: Db, ctx: AuditContext, agencyId: number, surveyId: number, f: FollowUpFields): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    const [survey] = await tx.select({ id: skmSurveys.id }).from(skmSurveys).where(and(eq(skmSurveys.id, surveyId), eq(skmSurveys.agencyId, agencyId)));
    if (!survey) return undefined;
    await checkFollowUpRefs(tx, agencyId, f);
    const [row] = await tx
      .insert(skmFollowUps)
      .values({ surveyId, ...f })
      .returning({ id: skmFollowUps.id });
    await recordAudit(tx, ctx, { agencyId, action: "skm.follow_up_create", targetType: "skm_survey", targetId: surveyId, after: { followUp: row!.id, ...f } });
    return row!.id;
  });
}

/** Changes a follow-up action of a survey of this agency; false when there is no such action. */
export async function updateFollowUp(db: Db, ctx: AuditContext, agencyId: number, surveyId: number, followUpId: number, f: FollowUpFields): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ f: skmFollowUps })
      .from(skmFollowUps)
      .innerJoin(skmSurveys, eq(skmFollowUps.surveyId, skmSurveys.id))
      .where(and(eq(skmFollowUps.id, followUpId), eq(skmFollowUps.surveyId, surveyId), eq(skmSurveys.agencyId, agencyId)))
      .for("update", { of: skmFollowUps });
    if (!before) return false;
    await checkFollowUpRefs(tx, agencyId, f);
    await tx
      .update(skmFollowUps)
      .set({ ...f, updatedAt: sql`now()` })
      .where(eq(skmFollowUps.id, followUpId));
    const { element, action, ownerUnitId, dueDate, status, improvementActionId } = before.f;
    await recordAudit(tx, ctx, { agencyId, action: "skm.follow_up_update", targetType: "skm_survey", targetId: surveyId, before: { followUp: followUpId, element, action, ownerUnitId, dueDate, status, improvementActionId }, after: { followUp: followUpId, ...f } });
    return true;
  });
}
