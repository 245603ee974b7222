import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { publicServices, serviceFaqs } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Replaces a service's FAQ (questions and answers, in the order given) with its audit event, in one
 * transaction; the service row is locked so two editors queue. false when the agency has no such service.
 */
export async function replaceServiceFaq(db: Db, ctx: AuditContext, agencyId: number, serviceId: number, entries: { question: string; answer: string }[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [s] = await tx.select({ id: publicServices.id }).from(publicServices).where(and(eq(publicServices.id, serviceId), eq(publicServices.agencyId, agencyId))).for("no key update");
    if (!s) return false;
    const before = await tx.select({ question: serviceFaqs.question }).from(serviceFaqs).where(eq(serviceFaqs.serviceId, serviceId));
    await tx.delete(serviceFaqs).where(eq(serviceFaqs.serviceId, serviceId));
    if (entries.length) await tx.insert(serviceFaqs).values(entries.map((e, i) => ({ serviceId, position: i, question: e.question, answer: e.answer })));
    await recordAudit(tx, ctx, { agencyId, action: "service.faq_replace", targetType: "public_service", targetId: serviceId, before: { entries: before.length }, after: { entries: entries.length } });
    return true;
  });
}
