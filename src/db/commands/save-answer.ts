import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answers } from "../schema";
import { recordAudit, type AuditContext, type AuditInput } from "../audit/record-audit";

export interface AnswerInput {
  assessmentId: number;
  agencyId: number;
  stage: string;
  indicatorCode: string;
  /** The version the writer last saw; 0 for a new answer. */
  version: number;
  level: number | null;
  /** For an indicator valued from another agency's index: the score, its source document and year (the level is its conversion). */
  externalScore?: number | null | undefined;
  externalSource?: string | null | undefined;
  externalYear?: number | null | undefined;
  explanation?: string | null | undefined;
  facts?: string | null | undefined;
  analysis?: string | null | undefined;
  justification?: string | null | undefined;
  authorUserId: number | null;
}

export type SaveOutcome = { ok: true; answer: typeof answers.$inferSelect } | { ok: false; current: typeof answers.$inferSelect | null };

const FIELDS = ["level", "externalScore", "externalSource", "externalYear", "explanation", "facts", "analysis", "justification"] as const;
/** What the Penanggung Jawab's verification vouches for. */
const VERIFIED_FIELDS = ["level", "explanation"] as const;

/**
 * Writes an answer if the caller saw the current version (optimistic concurrency), with an audit
 * event of the changed fields. A stale version returns the current answer instead of writing. A
 * change of the level or the explanation clears the Penanggung Jawab's verification.
 */
export async function saveAnswer(db: Db, ctx: AuditContext, input: AnswerInput): Promise<SaveOutcome> {
  return db.transaction((tx) => saveAnswerIn(tx, ctx, input));
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * `saveAnswer` inside the caller's transaction (an LKE import writes many answers in one). With
 * `deferAudit` the audit event is pushed there for the caller to record (in one batch) instead.
 */
export async function saveAnswerIn(tx: Tx, ctx: AuditContext, input: AnswerInput, deferAudit?: AuditInput[]): Promise<SaveOutcome> {
  const key = and(eq(answers.assessmentId, input.assessmentId), eq(answers.stage, input.stage), eq(answers.indicatorCode, input.indicatorCode));
  const [current] = await tx.select().from(answers).where(key).for("update");
  if ((current?.version ?? 0) !== input.version) return { ok: false, current: current ?? null };
  const values = Object.fromEntries(FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
  let saved: typeof answers.$inferSelect;
  if (current) {
    // The Penanggung Jawab verified what was there: a new level or explanation needs a new verification.
    const unverify = current.verified && VERIFIED_FIELDS.some((f) => f in values && values[f] !== current[f]);
    [saved] = (await tx
      .update(answers)
      .set({ ...values, ...(unverify ? { verified: false } : {}), authorUserId: input.authorUserId, version: current.version + 1, updatedAt: new Date() })
      .where(eq(answers.id, current.id))
      .returning()) as [typeof answers.$inferSelect];
  } else {
    // Two first saves of one indicator race past the empty SELECT: the loser's insert does nothing
    // (once the winner commits) and it answers like any stale version, with the winner's answer.
    const inserted = await tx
      .insert(answers)
      .values({ assessmentId: input.assessmentId, stage: input.stage, indicatorCode: input.indicatorCode, ...values, authorUserId: input.authorUserId })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length) return { ok: false, current: (await tx.select().from(answers).where(key))[0] ?? null };
    saved = inserted[0]!;
  }
  const withFlag = (a: typeof answers.$inferSelect) => ({ ...Object.fromEntries(FIELDS.map((f) => [f, a[f]])), verified: a.verified });
  const before = current ? withFlag(current) : null;
  const event: AuditInput = {
    agencyId: input.agencyId,
    action: "answer.save",
    targetType: "answer",
    targetId: `${input.assessmentId}/${input.stage}/${input.indicatorCode}`,
    before,
    after: withFlag(saved),
  };
  if (deferAudit) deferAudit.push(event);
  else await recordAudit(tx, ctx, event);
  return { ok: true, answer: saved };
}
