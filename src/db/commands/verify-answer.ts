import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { answers } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Marks a self-assessment answer verified (or not) by the Penanggung Jawab, if the version they saw
 * is still the current one; the answer's version does not change.
 */
export async function verifyAnswer(
  db: Db,
  ctx: AuditContext,
  input: { assessmentId: number; agencyId: number; indicatorCode: string; verified: boolean; version: number },
): Promise<{ ok: true; answer: typeof answers.$inferSelect } | { ok: false; current: typeof answers.$inferSelect | null }> {
  return db.transaction(async (tx) => {
    const key = and(eq(answers.assessmentId, input.assessmentId), eq(answers.stage, "mandiri"), eq(answers.indicatorCode, input.indicatorCode));
    const [current] = await tx.select().from(answers).where(key).for("update");
    if (!current || current.version !== input.version) return { ok: false, current: current ?? null };
    // The version counts edits of the answer: the flag leaves it alone, so whoever is editing the
    // answer saves on without a 409, and a save that changes it clears the flag (save-answer).
    const [saved] = await tx.update(answers).set({ verified: input.verified }).where(eq(answers.id, current.id)).returning();
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "answer.verify", targetType: "answer", targetId: `${input.assessmentId}/mandiri/${input.indicatorCode}`, before: { verified: current.verified }, after: { verified: input.verified } });
    return { ok: true, answer: saved! };
  });
}
