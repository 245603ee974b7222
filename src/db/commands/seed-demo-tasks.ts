import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, assessmentAssignments, assessments, clarificationMessages, clarificationThreads, improvementActions, periods, recommendations, users } from "../schema";
import { recordAudit } from "../audit/record-audit";
import { DEMO_PERIOD_NAME } from "./seed-demo-province";
import { isoDaysAfter } from "../../lib/iso-days";

/** Text of the demo recommendation, so nobody takes it for a real one (and the seed finds it again). */
export const DEMO_RECOMMENDATION_TEXT = "DATA DEMO: tetapkan kebijakan internal tata kelola data dan jalankan forum Satu Data";
/** The demo external assessor's question to Kota Jambi, so its team has a clarification to answer. */
export const DEMO_CLARIFICATION = {
  indicatorCode: "1",
  body: "DATA DEMO: mohon lampirkan kebijakan internal yang sudah ditetapkan (bukan rancangan) untuk indikator ini, atau jelaskan kapan akan ditetapkan.",
};
const EXTERNAL = "asesor.eksternal@demo.pandu.local";
const AGENCY = "15.71";

/**
 * DEMO DATA ONLY: gives every demo account something waiting on its home page ("Tugas saya") in the
 * demo round of Provinsi Jambi. The round gets a schedule around `today` (the self-assessment closes
 * in 60 days, the document review in 90), the demo external assessor is assigned to every assessment
 * in the document review, the last of them waits for the review team's decision, and Kota Jambi gets
 * a demo recommendation with one overdue and one upcoming action. The external assessor is also
 * assigned to Kota Jambi's self-assessment and has asked its team a question there (an open
 * clarification thread, waiting for the Koordinator SPBE and the Penanggung Jawab; no notification,
 * the home page shows it). Runs once (skips itself when the
 * demo recommendation exists), in one transaction, audited as `seed:demo`.
 */
export async function seedDemoTasks(db: Db, today: string): Promise<boolean> {
  const [period] = await db.select({ id: periods.id, schedule: periods.schedule, ownerAgencyId: periods.ownerAgencyId }).from(periods).where(eq(periods.name, DEMO_PERIOD_NAME));
  const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, AGENCY));
  if (!period || !agency) return false;
  const [done] = await db.select({ id: recommendations.id }).from(recommendations).where(and(eq(recommendations.agencyId, agency.id), eq(recommendations.text, DEMO_RECOMMENDATION_TEXT)));
  if (done) return false;
  const [external] = await db.select({ id: users.id }).from(users).where(eq(users.email, EXTERNAL));
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  await db.transaction(async (tx) => {
    if (!Object.keys(period.schedule).length) {
      const schedule = {
        mandiri: { opens: isoDaysAfter(today, -30), closes: isoDaysAfter(today, 60) },
        dokumen: { opens: isoDaysAfter(today, -30), closes: isoDaysAfter(today, 90) },
      };
      await tx.update(periods).set({ schedule }).where(eq(periods.id, period.id));
      await recordAudit(tx, ctx, { agencyId: period.ownerAgencyId, action: "period.schedule", targetType: "period", targetId: period.id, after: { schedule, demo: true } });
    }
    const inReview = await tx
      .select({ id: assessments.id, agencyId: assessments.agencyId })
      .from(assessments)
      .where(and(eq(assessments.periodId, period.id), eq(assessments.stage, "dokumen")))
      .orderBy(asc(assessments.id));
    if (external && inReview.length) {
      await tx
        .insert(assessmentAssignments)
        .values(inReview.map((a) => ({ assessmentId: a.id, userId: external.id, role: "asesor_eksternal" })))
        .onConflictDoNothing();
      for (const a of inReview) {
        await recordAudit(tx, ctx, { agencyId: a.agencyId, action: "assessment.assign", targetType: "assessment", targetId: a.id, after: { userId: external.id, role: "asesor_eksternal", demo: true } });
      }
    }
    const [own] = await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.periodId, period.id), eq(assessments.agencyId, agency.id)));
    if (external && own) {
      const assigned = await tx.insert(assessmentAssignments).values({ assessmentId: own.id, userId: external.id, role: "asesor_eksternal" }).onConflictDoNothing().returning({ id: assessmentAssignments.id });
      if (assigned.length) await recordAudit(tx, ctx, { agencyId: agency.id, action: "assessment.assign", targetType: "assessment", targetId: own.id, after: { userId: external.id, role: "asesor_eksternal", demo: true } });
      const [thread] = await tx.insert(clarificationThreads).values({ assessmentId: own.id, indicatorCode: DEMO_CLARIFICATION.indicatorCode }).onConflictDoNothing().returning({ id: clarificationThreads.id });
      if (thread) {
        const [message] = await tx.insert(clarificationMessages).values({ threadId: thread.id, authorUserId: external.id, side: "evaluator", body: DEMO_CLARIFICATION.body }).returning({ id: clarificationMessages.id });
        await recordAudit(tx, ctx, { agencyId: agency.id, action: "clarification.post", targetType: "clarification_thread", targetId: `${own.id}/${DEMO_CLARIFICATION.indicatorCode}`, after: { messageId: message!.id, side: "evaluator", evidenceId: null, demo: true } });
      }
    }
    // The last one in the document review has been handed to the review team.
    const last = inReview.at(-1);
    if (last && inReview.length > 1) {
      const note = "DATA DEMO: pemeriksaan dokumen selesai, mohon direviu";
      const changed = await tx
        .update(assessments)
        .set({ reviewStatus: "pending", reviewNotes: note })
        .where(and(inArray(assessments.id, [last.id]), isNull(assessments.reviewStatus)))
        .returning({ id: assessments.id });
      if (changed.length) await recordAudit(tx, ctx, { agencyId: last.agencyId, action: "assessment.review_request", targetType: "assessment", targetId: last.id, after: { reviewStatus: "pending", note } });
    }
    const [rec] = await tx
      .insert(recommendations)
      .values({ agencyId: agency.id, periodId: period.id, text: DEMO_RECOMMENDATION_TEXT, source: "internal", aspectCodes: [], indicatorCodes: ["1", "2"], priority: "high" })
      .returning({ id: recommendations.id });
    const actions = await tx
      .insert(improvementActions)
      .values([
        { recommendationId: rec!.id, agencyId: agency.id, title: "DATA DEMO: rancangan Peraturan Wali Kota tentang tata kelola data", ownerName: "Bagian Hukum", dueDate: isoDaysAfter(today, -7), status: "in_progress" as const, targetIndicatorCode: "1", targetLevel: 3 },
        { recommendationId: rec!.id, agencyId: agency.id, title: "DATA DEMO: forum Satu Data pertama bersama seluruh OPD", ownerName: "Dinas Kominfo", dueDate: isoDaysAfter(today, 14), status: "planned" as const, targetIndicatorCode: "2", targetLevel: 3 },
      ])
      .returning({ id: improvementActions.id });
    await recordAudit(tx, ctx, { agencyId: agency.id, action: "recommendation.create", targetType: "recommendation", targetId: rec!.id, after: { text: DEMO_RECOMMENDATION_TEXT, actions: actions.length, demo: true } });
  });
  return true;
}
