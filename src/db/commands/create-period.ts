import type { Db } from "../client";
import { assessments, periods } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface NewPeriod {
  name: string;
  year: number;
  kind: "pemantauan" | "evaluasi";
  withVisit: boolean;
  instrumentId: string;
  predicatePolicy: "exact" | "rounded2";
  ownerAgencyId: number | null;
  schedule: Record<string, { opens: string; closes: string }>;
  participantIds: number[];
}

/** Creates a period and an assessment for each participating agency, in one transaction. */
export async function createPeriod(db: Db, ctx: AuditContext, p: NewPeriod): Promise<number> {
  return db.transaction(async (tx) => {
    const { participantIds, ...values } = p;
    const [period] = await tx.insert(periods).values(values).returning({ id: periods.id });
    if (participantIds.length) await tx.insert(assessments).values(participantIds.map((agencyId) => ({ periodId: period!.id, agencyId })));
    await recordAudit(tx, ctx, {
      agencyId: p.ownerAgencyId,
      action: "period.create",
      targetType: "period",
      targetId: period!.id,
      after: { name: p.name, year: p.year, kind: p.kind, instrument: p.instrumentId, policy: p.predicatePolicy, participants: participantIds.length },
    });
    return period!.id;
  });
}
