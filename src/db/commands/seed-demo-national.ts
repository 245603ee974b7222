import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, answers, assessmentResults, assessments, officialResults, periods } from "../schema";
import { recordAudit } from "../audit/record-audit";
import type { CompiledInstrument } from "../../core";
import { bundledInstrument, officialPeriod } from "../../lib/instrument-files";
import { resultSnapshot } from "./finalise";

/** The name that marks the demo round; the seed skips itself when a period of this name exists. */
export const DEMO_NATIONAL_PERIOD_NAME = "Evaluasi SPBE 2024 — simulasi di Pandu (DATA DEMO)";
const YEAR = 2024;
const SKIPPED_PROVINCE = "15"; // Jambi keeps its own demo round in the heat map

/**
 * Levels that roughly reproduce published domain indices: each indicator of a domain sits at the
 * domain's index ± up to half a level (deterministic by position), within the instrument's levels.
 * Demo data only — real levels are never derived from published indices.
 */
export function demoLevelsNear(compiled: CompiledInstrument, domainHundredths: Record<string, number>): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const domain of compiled.nodes.filter((n) => n.depth === 0)) {
    const target = (domainHundredths[domain.code] ?? 250) / 100;
    for (let i = domain.leafStart; i < domain.leafEnd; i++) {
      const spread = (((i * 7) % 5) - 2) / 4; // −0.5 … +0.5
      levels[compiled.codes[i]!] = Math.min(compiled.levelMax, Math.max(compiled.levelMin, Math.round(target + spread)));
    }
  }
  return levels;
}

/**
 * DEMO DATA ONLY (demo mode): a finalised national round of 2024 in Pandu for every province except
 * Jambi, with levels near each province's published 2024 domain indices, answers and a result
 * snapshot scored by the core, so that the cockpit's national aspect averages (which only Pandu
 * levels can give) are not empty on a fresh install. The published results stay as they are; the
 * portal and the national view read only those. Runs once, in one transaction, audited as `seed:demo`.
 */
export async function seedDemoNationalRound(db: Db): Promise<boolean> {
  const official = officialPeriod(YEAR);
  const compiled = official && bundledInstrument(official.instrument);
  if (!official || !compiled) return false;
  const [existing] = await db.select({ id: periods.id }).from(periods).where(and(eq(periods.name, DEMO_NATIONAL_PERIOD_NAME), isNull(periods.ownerAgencyId)));
  if (existing) return false;
  const provinces = await db
    .select({ id: agencies.id, domains: officialResults.nodeValues })
    .from(agencies)
    .innerJoin(officialResults, and(eq(officialResults.agencyId, agencies.id), eq(officialResults.year, YEAR)))
    .where(and(eq(agencies.category, "provinsi"), ne(agencies.code, SKIPPED_PROVINCE)))
    .orderBy(asc(agencies.code));
  if (!provinces.length) return false;
  const policy = official.predicatePolicy;
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  await db.transaction(async (tx) => {
    const [period] = await tx
      .insert(periods)
      .values({ name: DEMO_NATIONAL_PERIOD_NAME, year: YEAR, kind: "evaluasi", withVisit: false, instrumentId: compiled.instrument.id, predicatePolicy: policy, ownerAgencyId: null, schedule: {} })
      .returning({ id: periods.id });
    const rows = await tx
      .insert(assessments)
      .values(provinces.map((p) => ({ periodId: period!.id, agencyId: p.id, stage: "final", reviewStatus: "valid" })))
      .returning({ id: assessments.id, agencyId: assessments.agencyId });
    const levelsOf = new Map(provinces.map((p) => [p.id, demoLevelsNear(compiled, p.domains)]));
    await tx.insert(answers).values(
      rows.flatMap((row) =>
        Object.entries(levelsOf.get(row.agencyId)!).map(([code, level]) => ({ assessmentId: row.id, stage: "mandiri", indicatorCode: code, level, explanation: "Data demo", verified: true })),
      ),
    );
    await tx.insert(assessmentResults).values(rows.map((row) => ({ assessmentId: row.id, revision: 1, ...resultSnapshot(compiled, levelsOf.get(row.agencyId)!, policy) })));
    await recordAudit(tx, ctx, { agencyId: null, action: "period.create", targetType: "period", targetId: period!.id, after: { name: DEMO_NATIONAL_PERIOD_NAME, demo: true, participants: rows.length } });
  });
  return true;
}
