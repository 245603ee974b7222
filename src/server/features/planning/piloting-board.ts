import { indicatorsOf, type CompiledInstrument } from "../../../core";
import type { Db } from "../../../db/client";
import { answerLevelsOf, childAgencies, latestAssessments, planningBook, type PlanningBook } from "../../../db/queries/planning";
import { bundledInstrument, instrumentById, officialPeriod, officialPeriods } from "../../../lib/instrument-files";
import { aspectOfIndicator, planningLevels } from "./assessment-levels";
import { isOverdue } from "./planning.presenter";
import type { BoardResponse } from "./planning.schema";

/** Indicators at or below this level count as weak on the board. */
const WEAK_LEVEL = 2;
/** A weak indicator is a joint-programme candidate when this many kab/kota share it. */
const MIN_SHARED = 2;

type Counts = BoardResponse["agencies"][number]["actions"];
const emptyCounts = (): Counts => ({ total: 0, planned: 0, inProgress: 0, done: 0, blocked: 0, overdue: 0 });
function add(c: Counts, status: string, overdue: boolean) {
  c.total++;
  if (status === "planned") c.planned++;
  else if (status === "in_progress") c.inProgress++;
  else if (status === "done") c.done++;
  else if (status === "blocked") c.blocked++;
  if (overdue) c.overdue++;
}
/** Done share in whole percent, half-up, in integers; null for an empty cell. */
const donePercent = (c: Counts) => (c.total === 0 ? null : Math.floor((c.done * 200 + c.total) / (c.total * 2)));

/** The instrument the board's aspects come from: the one most of the latest assessments use, else the year's official one. */
function boardInstrument(ids: string[], year: number | undefined): CompiledInstrument {
  const tally = new Map<string, number>();
  for (const id of ids) tally.set(id, (tally.get(id) ?? 0) + 1);
  const common = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const fallback = (year !== undefined ? officialPeriod(year)?.instrument : undefined) ?? officialPeriods().at(-1)!.instrument;
  return instrumentById(common ?? fallback) ?? bundledInstrument(fallback)!;
}

/**
 * The piloting board of a province (for its Koordinator Provinsi): every kab/kota with its
 * recommendations and actions by status, a kab/kota × aspect matrix of action status, the overdue
 * actions, and the indicators weak (level ≤ 2) in the latest assessment of several kab/kota —
 * candidates for joint programmes. An action counts for the aspect of its target indicator, or
 * else for the aspects its recommendation names (directly or through its indicators).
 */
export async function pilotingBoard(db: Db, province: { id: number; code: string; name: string }, year: number | undefined, today: string): Promise<{ board: BoardResponse; book: PlanningBook }> {
  const children = await childAgencies(db, province.id);
  const ids = children.map((c) => c.id);
  const book = await planningBook(db, ids, year === undefined ? {} : { year });
  const latest = await latestAssessments(db, ids, year);
  const compiled = boardInstrument(
    latest.map((l) => l.period.instrumentId),
    year,
  );
  const aspectOf = aspectOfIndicator(compiled);
  const aspectCodes = new Set(aspectOf.values());
  const aspects = compiled.nodes.filter((n) => aspectCodes.has(n.code)).map((n) => ({ code: n.code, name: n.name }));

  const recById = new Map(book.recommendations.map((r) => [r.recommendation.id, r.recommendation]));
  const byAgency = new Map(children.map((c) => [c.id, { counts: emptyCounts(), cells: new Map(aspects.map((a) => [a.code, emptyCounts()])), recommendations: 0 }]));
  for (const r of book.recommendations) byAgency.get(r.recommendation.agencyId)!.recommendations++;
  const overdue: BoardResponse["overdue"] = [];
  const childById = new Map(children.map((c) => [c.id, c]));
  for (const { action, unitName } of book.actions) {
    const entry = byAgency.get(action.agencyId)!;
    const late = isOverdue(action, today);
    add(entry.counts, action.status, late);
    const rec = recById.get(action.recommendationId)!;
    const targetAspect = action.targetIndicatorCode ? aspectOf.get(action.targetIndicatorCode) : undefined;
    const touched = targetAspect ? [targetAspect] : [...new Set([...rec.aspectCodes, ...rec.indicatorCodes.map((c) => aspectOf.get(c)).filter((c): c is string => !!c)])];
    for (const code of touched) {
      const cell = entry.cells.get(code);
      if (cell) add(cell, action.status, late);
    }
    if (late) {
      const agency = childById.get(action.agencyId)!;
      overdue.push({ agencyCode: agency.code, agencyName: agency.name, actionId: action.id, title: action.title, dueDate: action.dueDate!, status: action.status, owner: [unitName, action.ownerName].filter(Boolean).join(" — ") || null });
    }
  }
  overdue.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.agencyCode.localeCompare(b.agencyCode) || a.actionId - b.actionId);

  // Weak indicators across kab/kota, from each one's latest assessment (answered indicators only).
  const levelRows = await answerLevelsOf(db, latest.filter((l) => !l.result).map((l) => l.assessment.id));
  const weak = new Map<string, BoardResponse["weakIndicators"][number]>();
  for (const l of latest) {
    const inst = instrumentById(l.period.instrumentId);
    if (!inst) continue;
    const { levels, missing } = planningLevels(inst, {
      period: l.period,
      stage: l.assessment.stage,
      answers: levelRows.filter((a) => a.assessmentId === l.assessment.id),
      resultLevels: l.result ? l.result.levels : null,
    });
    const skip = new Set(missing);
    const names = new Map(indicatorsOf(inst.instrument.tree).map((n) => [n.code, n.name]));
    const instAspects = inst === compiled ? aspectOf : aspectOfIndicator(inst);
    const agency = childById.get(l.assessment.agencyId)!;
    for (const code of inst.codes) {
      if (skip.has(code) || levels[code]! > WEAK_LEVEL) continue;
      const key = `${inst.instrument.id}|${code}`;
      const entry = weak.get(key) ?? { instrument: inst.instrument.id, code, name: names.get(code) ?? code, aspectCode: instAspects.get(code) ?? "", agencies: [] };
      entry.agencies.push({ code: agency.code, name: agency.name, level: levels[code]! });
      weak.set(key, entry);
    }
  }
  const order = (w: { instrument: string; code: string }) => instrumentById(w.instrument)?.position.get(w.code) ?? 0;
  for (const w of weak.values()) w.agencies.sort((x, y) => x.code.localeCompare(y.code));
  const weakIndicators = [...weak.values()].filter((w) => w.agencies.length >= MIN_SHARED).sort((a, b) => b.agencies.length - a.agencies.length || a.instrument.localeCompare(b.instrument) || order(a) - order(b));

  const board: BoardResponse = {
    province: { code: province.code, name: province.name },
    year: year ?? null,
    instrument: compiled.instrument.id,
    today,
    aspects,
    agencies: children.map((c) => {
      const e = byAgency.get(c.id)!;
      const l = latest.find((x) => x.assessment.agencyId === c.id);
      return { code: c.code, name: c.name, recommendations: e.recommendations, actions: e.counts, latestAssessment: l ? { id: l.assessment.id, period: l.period.name, year: l.period.year, stage: l.assessment.stage } : null };
    }),
    matrix: children.map((c) => ({ agencyCode: c.code, cells: aspects.map((a) => ({ aspectCode: a.code, ...byAgency.get(c.id)!.cells.get(a.code)!, donePercent: donePercent(byAgency.get(c.id)!.cells.get(a.code)!) })) })),
    overdue,
    weakIndicators,
  };
  return { board, book };
}
