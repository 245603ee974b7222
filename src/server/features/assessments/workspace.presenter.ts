import { fromScaledInt, levelsInForce, roundTenThousandthsToHundredths, scoreAssessment, stagesFor, type CompiledInstrument, type Stage } from "../../../core";
import type { answers as answersTable, assessmentResults } from "../../../db/schema";
import type { findAssessment } from "../../../db/queries/assessments";
import type { EvidenceSummaryRow } from "../../../db/queries/evidence";
import { presentEvidenceSummary } from "../evidence/evidence.presenter";

type Answer = typeof answersTable.$inferSelect;
type Found = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

/** An answer as the workspace shows it (no internal ids or author ids). */
export function presentAnswer(a: Answer) {
  return {
    stage: a.stage as Stage,
    level: a.level,
    externalScore: a.externalScore === null ? null : { score: a.externalScore, source: a.externalSource ?? "", year: a.externalYear },
    explanation: a.explanation,
    facts: a.facts,
    analysis: a.analysis,
    justification: a.justification,
    verified: a.verified,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/**
 * The assessment workspace: every indicator with its answers per stage and the level in force at
 * the current stage (carried forward when the stage left it untouched), and the live index.
 */
export function presentWorkspace(
  found: Found,
  compiled: CompiledInstrument,
  rows: Answer[],
  /** Result revisions, oldest first. */
  results: { result: typeof assessmentResults.$inferSelect; authorName: string | null }[],
  abilities: Record<"answer" | "verify" | "submit" | "advance" | "assignInternal" | "assignExternal" | "review" | "revise" | "nameSectoralServices" | "uploadEvidence" | "readFieldNotes", boolean>,
  extras: {
    /** Linked evidence per indicator code. */
    evidence: Map<string, EvidenceSummaryRow[]>;
    /** Today in Indonesia (YYYY-MM-DD), for the age of review dates. */
    today: string;
    sectoral: { indicators: string[]; services: { indicatorCode: string; name: string; unitName: string }[] };
    submittedAt: Date | null;
    /** The Berita Acara available: each closed stage and the latest review decision, with its date. */
    records: { stage: string; at: Date; decision?: "valid" | "tidak_valid" }[];
    /** Indicator code → the unit (OPD) assigned to gather it. */
    units: Map<string, number>;
  },
) {
  const { assessment, period } = found;
  const order = stagesFor(period.kind, period.withVisit);
  const byCode = new Map<string, Answer[]>();
  for (const r of rows) byCode.set(r.indicatorCode, [...(byCode.get(r.indicatorCode) ?? []), r]);
  const stage = assessment.stage as Stage;
  // Once final, the latest result revision is in force: a correction changes levels without answers.
  const latest = results.at(-1)?.result ?? null;
  const inForce = levelsInForce({ codes: compiled.codes, order, stage, answers: rows, result: latest?.levels ?? null });
  const indicators = compiled.codes.map((code) => {
    const list = byCode.get(code) ?? [];
    const { corrected, ...eff } = inForce.indicators[code]!;
    // Marked with its revision only when a correction (revision 2 onwards) set it.
    const revision = corrected && latest!.revision > 1 ? latest!.revision : null;
    const evidence = (extras.evidence.get(code) ?? []).map((e) => presentEvidenceSummary(e, extras.today));
    return { code, ...eff, revision, unitId: extras.units.get(code) ?? null, answers: Object.fromEntries(list.map((a) => [a.stage, presentAnswer(a)])), evidence };
  });
  const score = scoreAssessment(compiled, Object.fromEntries(indicators.map((i) => [i.code, i.level])), { policy: period.predicatePolicy, partial: true });
  return {
    id: assessment.id,
    period: { id: period.id, name: period.name, year: period.year, kind: period.kind, instrument: period.instrumentId, predicatePolicy: period.predicatePolicy, stages: order },
    agency: { code: found.agencyCode, name: found.agencyName },
    stage,
    indicators,
    review: { status: assessment.reviewStatus, notes: assessment.reviewNotes },
    results: results.map(({ result: r, authorName }) => ({
      revision: r.revision,
      index: r.index10k / 10000,
      indexRounded: fromScaledInt(roundTenThousandthsToHundredths(r.index10k), 2),
      predicate: r.predicate,
      levels: r.levels,
      reason: r.reason,
      createdBy: authorName,
      createdAt: r.createdAt.toISOString(),
    })),
    score: { index: score.index, indexRounded: score.indexRounded, predicate: score.predicate, partial: score.partial, answered: score.completeness.answered, total: score.completeness.total },
    sectoralServices: extras.sectoral,
    officialRecord: extras.submittedAt ? { submittedAt: extras.submittedAt.toISOString() } : null,
    officialRecords: extras.records.map((r) => ({ stage: r.stage, at: r.at.toISOString(), decision: r.decision ?? null })),
    abilities,
  };
}
