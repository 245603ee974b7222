import { lkeColumns, lkeRows, lkeVersions, LKE_FORMAT, stagesFor, type CompiledInstrument, type PeriodKind } from "../../core";
import type { LkeWorkbookModel } from "../../lib/lke-workbook";
import type { Db } from "../client";
import { answersOf } from "./assessments";
import { evidenceLinksOf } from "./evidence";

/** The assessment as an LKE export needs it (what `findAssessment` returns, narrowed). */
export interface LkeAssessment {
  assessment: { id: number; stage: string };
  period: { kind: string; withVisit: boolean; instrumentId: string };
  agencyCode: string;
}

/**
 * What an LKE workbook shows of an assessment: every indicator with its levels in the stages up to
 * the open one, the open stage's explanation, the titles of the linked evidence, and the answer
 * versions of the open stage (for the import's staleness check). `exportedAt` is passed in. A final
 * assessment exports its last working stage.
 */
export async function lkeWorkbookModel(db: Db, found: LkeAssessment, compiled: CompiledInstrument, exportedAt: Date): Promise<LkeWorkbookModel> {
  const [answers, links] = await Promise.all([answersOf(db, found.assessment.id), evidenceLinksOf(db, found.assessment.id)]);
  const allStages = stagesFor(found.period.kind as PeriodKind, found.period.withVisit);
  const working = allStages.filter((s) => s !== "final");
  // A final assessment exports its last working stage (read as it stands; an import is refused).
  const open = working.includes(found.assessment.stage as never) ? found.assessment.stage : working.at(-1)!;
  const titles = new Map<string, string[]>();
  for (const l of links) titles.set(l.indicatorCode, [...(titles.get(l.indicatorCode) ?? []), l.title]);
  const list = answers.map((a) => ({ stage: a.stage, indicatorCode: a.indicatorCode, level: a.level, explanation: a.explanation, version: a.version }));
  return {
    meta: { format: LKE_FORMAT, assessmentId: found.assessment.id, instrumentId: compiled.instrument.id, agencyCode: found.agencyCode, stage: open, exportedAt: exportedAt.toISOString(), versions: lkeVersions(compiled, open, list) },
    columns: lkeColumns(compiled, allStages, open),
    rows: lkeRows(compiled, allStages, open, list, titles),
    stages: working.slice(0, working.indexOf(open as never) + 1),
  };
}

/** The open stage's current answers by indicator code (level, explanation, version). */
export async function currentLkeAnswers(db: Db, assessmentId: number, stage: string) {
  const rows = await answersOf(db, assessmentId);
  return new Map(rows.filter((a) => a.stage === stage).map((a) => [a.indicatorCode, { level: a.level, explanation: a.explanation, version: a.version }]));
}
