import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answers } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface AnswerInput {
  assessmentId: number;
  agencyId: number;
  stage: string;
  indicatorCode: string;
  /** The version the writer last saw; 0 for a new answer. */
  version: number;
  level: number | null;
  explanation?: string | null | undefined;
  facts?: string | null | undefined;
  analysis?: string | null | undefined;
  justification?: string | null | undefined;
  authorUserId: number | null;
}

export type SaveOutcome = { ok: true; answer: typeof answers.$inferSelect } | { ok: false; current: typeof answers.$inferSelect | null };

const FIELDS = ["level", "explanation", "facts", "analysis", "justification"] as const;

/**
 * Writes an answer if the caller saw the current version (optimistic concurrency), with an audit
 * event of the changed fields. A stale version returns the current answer instead of writing.
 */
export async function saveAnswer(db: Db, ctx: AuditContext, input: AnswerInput): Promise<SaveOutcome> {
  return db.transaction(async (tx) => {
    const key = and(eq(answers.assessmentId, input.assessmentId), eq(answers.stage, input.stage), eq(answers.indicatorCode, input.indicatorCode));
    const [current] = await tx.select().from(answers).where(key).for("update");
    if ((current?.version ?? 0) !== input.version) return { ok: false, current: current ?? null };
    const values = Object.fromEntries(FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]));
    let saved: typeof answers.$inferSelect;
    if (current) {
      [saved] = (await tx
        .update(answers)
        .set({ ...values, authorUserId: input.authorUserId, version: current.version + 1, updatedAt: new Date() })
        .where(eq(answers.id, current.id))
        .returning()) as [typeof answers.$inferSelect];
    } else {
      [saved] = (await tx
        .insert(answers)
        .values({ assessmentId: input.assessmentId, stage: input.stage, indicatorCode: input.indicatorCode, ...values, authorUserId: input.authorUserId })
        .returning()) as [typeof answers.$inferSelect];
    }
    const before = current ? Object.fromEntries(FIELDS.map((f) => [f, current[f]])) : null;
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "answer.save",
      targetType: "answer",
      targetId: `${input.assessmentId}/${input.stage}/${input.indicatorCode}`,
      before,
      after: Object.fromEntries(FIELDS.map((f) => [f, saved[f]])),
    });
    return { ok: true, answer: saved };
  });
}
