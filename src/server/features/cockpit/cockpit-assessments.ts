import {
  compareMeans,
  levelsAtStage,
  indicatorGroupsOf,
  levelsInForce,
  meanLevelHundredths,
  progressOf,
  roundRationalHalfUp,
  roundTenThousandthsToHundredths,
  scoreAssessment,
  STAGES,
  stagesFor,
  toScaledInt,
  type AnswerStatus,
  type CompiledInstrument,
  type ScoreResult,
  type Stage,
  type StageAnswer,
} from "../../../core";
import type { AgencyAssessment } from "../../../db/queries/cockpit";
import type { DashboardAgency } from "../../../db/queries/dashboards";
import type { CockpitResponse } from "./cockpit.schema";

type Answer = { assessmentId: number; stage: string; indicatorCode: string; level: number | null; verified: boolean };
type Result = { assessmentId: number; levels: Record<string, number>; index10k: number };

/**
 * Which assessment of each agency feeds the heat map (the newest finalised one with a result;
 * otherwise the most advanced, newest first) and which the current-period progress (the newest
 * one not yet final).
 */
export function pickAssessments(list: AgencyAssessment[], finalised: Set<number>) {
  const heat = new Map<number, AgencyAssessment>();
  const current = new Map<number, AgencyAssessment>();
  const order = (s: string) => STAGES.indexOf(s as Stage);
  for (const a of list) {
    if (a.stage !== "final" && !current.has(a.agencyId)) current.set(a.agencyId, a);
    const best = heat.get(a.agencyId);
    const done = a.stage === "final" && finalised.has(a.id);
    if (!best) heat.set(a.agencyId, a);
    else {
      const bestDone = best.stage === "final" && finalised.has(best.id);
      if (!bestDone && (done || order(a.stage) > order(best.stage))) heat.set(a.agencyId, a);
    }
  }
  return { heat, current };
}

/** Answers of one assessment grouped by indicator and stage. */
function byIndicator(answers: Answer[]): Record<string, Partial<Record<Stage, StageAnswer & { verified: boolean }>>> {
  const out: Record<string, Partial<Record<Stage, StageAnswer & { verified: boolean }>>> = {};
  for (const a of answers) (out[a.indicatorCode] ??= {})[a.stage as Stage] = { level: a.level, verified: a.verified };
  return out;
}

/** The levels in force of an assessment: the result snapshot when finalised, else carried forward to its open stage. */
function levelsOf(a: AgencyAssessment, compiled: CompiledInstrument, answers: Answer[], result: Result | undefined): Record<string, number | null> {
  return levelsInForce({ codes: compiled.codes, order: stagesFor(a.kind, a.withVisit), stage: a.stage as Stage, answers, result: result?.levels ?? null }).levels;
}

/**
 * The heat map (agencies × indicator levels, with aspect indices scored by the core in preview
 * mode), the province's aspect averages and the weakest indicators (lowest mean level).
 * Aspect averages are the mean of the agencies' aspect indices held in ten-thousandths, rounded
 * half-up to hundredths; indicator means are Σ level / count rounded half-up to hundredths,
 * ordered by the exact fraction.
 */
export function heatmapOf(
  agencies: DashboardAgency[],
  picked: Map<number, AgencyAssessment>,
  compiledFor: (id: string) => CompiledInstrument | undefined,
  answers: Answer[],
  results: Map<number, Result>,
): { heatmap: Omit<CockpitResponse["heatmap"], "nationalAspectAverages">; weakest: CockpitResponse["weakest"] } {
  const newest = [...picked.values()].sort((x, y) => y.year - x.year || y.id - x.id)[0];
  const compiled = newest ? compiledFor(newest.instrumentId) : undefined;
  if (!newest || !compiled) return { heatmap: { instrument: null, indicators: [], aspects: [], rows: [], aspectAverages: [] }, weakest: [] };
  const aspectNodes = aspectNodesOf(compiled);
  const indicators = compiled.codes.map((code) => ({ code, name: indicatorName(compiled, code) }));
  const rows: CockpitResponse["heatmap"]["rows"] = [];
  const scores: ScoreResult[] = [];
  const levelSums = new Map<string, { sum: number; count: number }>();
  for (const agency of agencies) {
    const a = picked.get(agency.id);
    if (!a || a.instrumentId !== compiled.instrument.id) continue;
    const levels = levelsOf(a, compiled, answers.filter((x) => x.assessmentId === a.id), results.get(a.id));
    const answered = Object.values(levels).some((l) => l !== null);
    const score = answered ? scoreAssessment(compiled, levels, { partial: true, policy: a.predicatePolicy }) : null;
    if (score) scores.push(score);
    const aspects = Object.fromEntries(aspectNodes.map((n) => [n.code, score?.nodes.find((x) => x.code === n.code)?.indexRounded ?? null]));
    for (const [code, level] of Object.entries(levels)) {
      if (level === null) continue;
      const s = levelSums.get(code) ?? { sum: 0, count: 0 };
      // in hundredths, so Pemdi's decimal values (1.26) add up exactly
      levelSums.set(code, { sum: s.sum + toScaledInt(level)!, count: s.count + 1 });
    }
    const result = results.get(a.id);
    const index = a.stage === "final" && result ? roundTenThousandthsToHundredths(result.index10k) / 100 : (score?.indexRounded ?? null);
    rows.push({ code: agency.code, name: agency.name, period: a.periodName, year: a.year, stage: a.stage, final: a.stage === "final" && !!result, index, levels, aspects });
  }
  const aspectAverages = averageAspects(aspectNodes, scores);
  const weakest = [...levelSums.entries()]
    .sort(([ca, a], [cb, b]) => compareMeans(a, b) || compiled.position.get(ca)! - compiled.position.get(cb)!)
    .slice(0, 10)
    .map(([code, s]) => ({ code, name: indicatorName(compiled, code), average: meanLevelHundredths(s.sum, s.count * 100)! / 100, count: s.count }));
  return { heatmap: { instrument: compiled.instrument.id, indicators, aspects: aspectNodes.map((n) => ({ code: n.code, name: n.name })), rows, aspectAverages }, weakest };
}

/**
 * Mean aspect indices over scored assessments: each aspect's index held in ten-thousandths, the
 * mean rounded half-up to hundredths; an assessment without a level in an aspect does not count
 * for that aspect.
 */
export function averageAspects(aspectNodes: { code: string; name: string }[], scores: ScoreResult[]) {
  return aspectNodes.map((n) => {
    const values = scores.map((s) => s.nodes.find((x) => x.code === n.code)?.index ?? null).filter((v): v is number => v !== null);
    const sum = values.reduce((acc, v) => acc + toScaledInt(v, 4)!, 0);
    return { code: n.code, name: n.name, count: values.length, index: values.length ? roundRationalHalfUp(sum, values.length * 100, 0) / 100 : null };
  });
}

/** The national aspect averages: the newest finalised result of every agency in the country, scored by the core. */
export function nationalAspectAverages(compiled: CompiledInstrument, levelMaps: Record<string, number>[]) {
  const scores = levelMaps.map((levels) => scoreAssessment(compiled, Object.fromEntries(compiled.codes.map((c) => [c, levels[c] ?? null])), { partial: true, policy: "exact" }));
  return averageAspects(aspectNodesOf(compiled), scores);
}

const aspectNodesOf = (compiled: CompiledInstrument) => indicatorGroupsOf(compiled);

function indicatorName(compiled: CompiledInstrument, code: string): string {
  const walk = (nodes: typeof compiled.instrument.tree): string | undefined => {
    for (const n of nodes) {
      if (n.code === code && !n.children) return n.name;
      const found = n.children ? walk(n.children) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return walk(compiled.instrument.tree) ?? code;
}

/**
 * Progress of each agency's current (not yet final) assessment, counted by the core's
 * `progressOf`: indicators with a level in force, verified self-assessment answers, and
 * indicators with linked evidence.
 */
export function progressRows(
  agencies: DashboardAgency[],
  current: Map<number, AgencyAssessment>,
  compiledFor: (id: string) => CompiledInstrument | undefined,
  answers: Answer[],
  evidence: Map<string, number>,
): CockpitResponse["progress"] {
  return agencies.flatMap((agency) => {
    const a = current.get(agency.id);
    const compiled = a ? compiledFor(a.instrumentId) : undefined;
    if (!a || !compiled) return [];
    const own = byIndicator(answers.filter((x) => x.assessmentId === a.id));
    const levels = levelsAtStage(stagesFor(a.kind, a.withVisit), own, compiled.codes, a.stage as Stage);
    const items: AnswerStatus[] = compiled.codes.map((code) => ({
      code,
      unit: null,
      filled: levels[code] !== null,
      verified: own[code]?.mandiri?.verified ?? false,
      evidenceCount: evidence.get(`${a.id}:${code}`) ?? 0,
    }));
    const { overall } = progressOf(items);
    return [{ code: agency.code, name: agency.name, period: a.periodName, year: a.year, stage: a.stage, ...overall }];
  });
}
