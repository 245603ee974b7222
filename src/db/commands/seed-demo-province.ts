import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, answers, assessments, periods, regionalTargets } from "../schema";
import { recordAudit } from "../audit/record-audit";

/** The name that marks the demo round; the seed skips itself when a period of this name exists. */
export const DEMO_PERIOD_NAME = "Pemantauan Internal SPBE 2025 Provinsi Jambi (DATA DEMO)";
/** Source text of the demo targets, so nobody mistakes them for the RPJMD. */
export const DEMO_TARGET_SOURCE = "DATA DEMO: contoh target, bukan angka RPJMD resmi";

const PROVINCE = "15";

/**
 * DEMO DATA ONLY (used when the server runs in demo mode): a current internal monitoring round of
 * Provinsi Jambi with its 11 kabupaten/kota, partially filled self-assessments (deterministic
 * levels, some verified, two already in the document review) and example regional targets, so the
 * province cockpit shows a current period on a fresh install. It adds no official results.
 * Runs once, in one transaction, audited as `seed:demo`.
 */
export async function seedDemoProvinceRound(db: Db): Promise<boolean> {
  const list = await db
    .select({ id: agencies.id, code: agencies.code })
    .from(agencies)
    .where(or(eq(agencies.code, PROVINCE), inArray(agencies.parentId, db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, PROVINCE)))))
    .orderBy(asc(agencies.code));
  const province = list.find((a) => a.code === PROVINCE);
  if (!province) return false;
  const [existing] = await db.select({ id: periods.id }).from(periods).where(and(eq(periods.name, DEMO_PERIOD_NAME), eq(periods.ownerAgencyId, province.id)));
  if (existing) return false;
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  await db.transaction(async (tx) => {
    const [period] = await tx
      .insert(periods)
      .values({ name: DEMO_PERIOD_NAME, year: 2025, kind: "pemantauan", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: province.id, schedule: {} })
      .returning({ id: periods.id });
    const rows = await tx
      .insert(assessments)
      .values(list.map((a, i) => ({ periodId: period!.id, agencyId: a.id, stage: i % 5 === 1 ? "dokumen" : "mandiri" })))
      .returning({ id: assessments.id, agencyId: assessments.agencyId });
    const values = rows.flatMap((row, i) => {
      // Between 12 and 47 indicators filled, levels 1–4 spread by agency and indicator; the first half verified.
      const filled = 12 + ((i * 13) % 36);
      return Array.from({ length: filled }, (_, k) => ({
        assessmentId: row.id,
        stage: "mandiri",
        indicatorCode: String(k + 1),
        level: 1 + ((i * 7 + k * 3 + (k % 5)) % 4),
        explanation: "Data demo",
        verified: k < filled / 2,
      }));
    });
    await tx.insert(answers).values(values);
    // Targets the province already set are kept.
    await tx
      .insert(regionalTargets)
      .values([2024, 2025, 2026].map((year, i) => ({ agencyId: province.id, year, targetHundredths: 320 + i * 15, source: DEMO_TARGET_SOURCE })))
      .onConflictDoNothing();
    await recordAudit(tx, ctx, { agencyId: province.id, action: "period.create", targetType: "period", targetId: period!.id, after: { name: DEMO_PERIOD_NAME, demo: true, participants: rows.length } });
  });
  return true;
}
