import type { CompiledInstrument } from "../scoring/compile-instrument";
import { valueProblem, valueRangeText } from "../scoring/index-numerator";
import { indicatorsOf } from "../instruments/types";

/**
 * The LKE (Lembar Kerja Evaluasi) worksheet as plain data: what an export writes and what an import
 * checks. Nothing here knows about Excel; `src/lib/lke-workbook.ts` turns this into cells and back.
 * Columns, level names and allowed values come from the compiled instrument, never a fixed shape.
 */

/** The workbook format written in the meta sheet; an import refuses any other. */
export const LKE_FORMAT = "pandu-lke/1";
export const LKE_SHEET = "LKE";
export const LKE_CRITERIA_SHEET = "Kriteria";
export const LKE_META_SHEET = "pandu";
/** The longest explanation an import accepts (as the answer form). */
export const LKE_EXPLANATION_MAX = 10_000;

/** Stage names as written in column headers. */
const STAGE_LABELS: Record<string, string> = { mandiri: "Mandiri", dokumen: "Dokumen", interviu: "Interviu", visitasi: "Visitasi", final: "Final" };
const KIND_LABELS: Record<string, string> = { domain: "Domain", aspect: "Aspek", aspek: "Aspek" };
export const stageLabel = (stage: string) => STAGE_LABELS[stage] ?? stage;
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);

/** The identity of an exported workbook, kept in its hidden meta sheet. */
export interface LkeMeta {
  format: string;
  assessmentId: number;
  instrumentId: string;
  agencyCode: string;
  /** The stage whose level and explanation the workbook edits (the open stage at export). */
  stage: string;
  /** ISO timestamp of the export (information only). */
  exportedAt: string;
  /** The version of each indicator's answer in `stage` at export; 0 when it had none. */
  versions: Record<string, number>;
}

/** One column of the LKE sheet: its key (what the import looks for) and its header text. */
export interface LkeColumn {
  key: string;
  header: string;
  width: number;
  /** Whether a person edits it (the open stage's level and explanation); every other column is read-only. */
  editable?: boolean;
}

/** The columns of the LKE sheet for an instrument whose indicators sit below `depth` grouping levels. */
export function lkeColumns(compiled: CompiledInstrument, stages: readonly string[], openStage: string): LkeColumn[] {
  const groups = groupKinds(compiled);
  const earlier = stages.filter((s) => s !== "final" && s !== openStage && stages.indexOf(s) < stages.indexOf(openStage));
  return [
    ...groups.flatMap((kind, depth) => [
      { key: `group${depth}.code`, header: `Kode ${kindLabel(kind)}`, width: 8 },
      { key: `group${depth}.name`, header: kindLabel(kind), width: 28 },
    ]),
    { key: "code", header: "Kode Indikator", width: 10 },
    { key: "name", header: "Indikator", width: 48 },
    ...earlier.map((s) => ({ key: `level.${s}`, header: `Tingkat ${stageLabel(s)}`, width: 10 })),
    { key: "level", header: `Tingkat ${stageLabel(openStage)}`, width: 11, editable: true },
    { key: "levelName", header: "Nama Tingkat", width: 18 },
    { key: "explanation", header: `Penjelasan ${stageLabel(openStage)}`, width: 60, editable: true },
    { key: "evidence", header: "Bukti Dukung", width: 40 },
  ];
}

/** The kind of node at each grouping depth above the indicators (e.g. domain, aspect; Pemdi: aspect). */
function groupKinds(compiled: CompiledInstrument): string[] {
  const kinds: string[] = [];
  for (const n of compiled.nodes) if (kinds[n.depth] === undefined) kinds[n.depth] = n.kind;
  return kinds;
}

/** What may be entered as an indicator's value. */
export interface LkeAllowed {
  min: number;
  max: number;
  /** The step in hundredths: 100 for whole levels, 1 for values such as 1.26. */
  stepHundredths: number;
  /** The names of the levels on the indicator's scale, lowest first (may be empty). */
  names: { level: number; name: string }[];
  /** "an integer from 1 to 5" or "a value from 1.00 to 5.00 in steps of 0.01". */
  text: string;
}

/** One indicator's row of an export. */
export interface LkeRow {
  groups: { code: string; name: string }[];
  code: string;
  name: string;
  /** The value per stage (earlier stages and the open one); null when not answered. */
  levels: Record<string, number | null>;
  explanation: string | null;
  evidence: string[];
  /** Valued from another agency's index: shown read-only and skipped on import. */
  external: boolean;
  allowed: LkeAllowed;
  /** Criteria per level as written in the instrument (for the criteria sheet). */
  criteria: { level: number; name: string | null; text: string }[];
}

export interface LkeAnswer {
  stage: string;
  indicatorCode: string;
  level: number | null;
  explanation: string | null;
  version: number;
}

/** The rows of an export: every indicator in instrument order with its answers and evidence titles. */
export function lkeRows(compiled: CompiledInstrument, stages: readonly string[], openStage: string, answers: readonly LkeAnswer[], evidenceTitles: ReadonlyMap<string, string[]>): LkeRow[] {
  const leaves = indicatorsOf(compiled.instrument.tree);
  const byStage = new Map(answers.map((a) => [`${a.stage}/${a.indicatorCode}`, a]));
  const shown = stages.filter((s) => s !== "final" && stages.indexOf(s) <= stages.indexOf(openStage));
  return compiled.codes.map((code, i) => {
    const leaf = leaves[i]!;
    const scale = leaf.scale ? (compiled.instrument.scales[leaf.scale] ?? []) : [];
    const names = scale.map((l) => ({ level: l.level, name: l.name }));
    const groups = compiled.nodes.filter((n) => n.leafStart <= i && i < n.leafEnd).sort((a, b) => a.depth - b.depth);
    return {
      groups: groups.map((g) => ({ code: g.code, name: g.name })),
      code,
      name: leaf.name,
      levels: Object.fromEntries(shown.map((s) => [s, byStage.get(`${s}/${code}`)?.level ?? null])),
      explanation: byStage.get(`${openStage}/${code}`)?.explanation ?? null,
      evidence: evidenceTitles.get(code) ?? [],
      external: compiled.external[i] !== null,
      allowed: { min: compiled.levelMin, max: compiled.levelMax, stepHundredths: compiled.steps[i]!, names, text: valueRangeText(compiled, i) },
      criteria: Object.entries(leaf.criteria ?? {}).map(([level, text]) => ({ level: Number(level), name: names.find((n) => String(n.level) === level)?.name ?? null, text })),
    };
  });
}

/** The versions an export records: each indicator's answer version in the open stage (0 without one). */
export function lkeVersions(compiled: CompiledInstrument, openStage: string, answers: readonly LkeAnswer[]): Record<string, number> {
  const byCode = new Map(answers.filter((a) => a.stage === openStage).map((a) => [a.indicatorCode, a.version]));
  return Object.fromEntries(compiled.codes.map((c) => [c, byCode.get(c) ?? 0]));
}

// ---------------------------------------------------------------------------------------------
// Import: checking what was read back.

/** A cell as the workbook reader hands it over. */
export type LkeCell = string | number | boolean | null | { error: string };

/** The LKE sheet and the meta sheet as read from a workbook (1-based row numbers as a spreadsheet shows them). */
export interface LkeParsed {
  sheets: string[];
  /** The meta sheet's key → value rows, or null when the sheet is missing. */
  meta: Map<string, LkeCell> | null;
  /** Indicator code → exported version, from the meta sheet. */
  versions: Map<string, LkeCell>;
  /** Header texts of the LKE sheet's first row, by column number (1-based). */
  headers: Map<number, string>;
  rows: { row: number; cells: Map<number, LkeCell> }[];
}

export type LkeProblemCode =
  | "missing_sheet"
  | "not_lke_workbook"
  | "wrong_assessment"
  | "wrong_instrument"
  | "stage_closed"
  | "missing_column"
  | "level_not_number"
  | "level_out_of_range"
  | "unknown_indicator"
  | "duplicate_indicator"
  | "explanation_too_long"
  | "invalid_text";

/** One problem of a workbook: where (sheet, 1-based row, column letter — empty for a whole sheet) and what. */
export interface LkeProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  code: LkeProblemCode;
  message: string;
}

/** One indicator's row as the import would write it. */
export interface LkeImportRow {
  row: number;
  code: string;
  level: number | null;
  explanation: string | null;
  /** The answer's version at export (0: it had none). */
  exportedVersion: number;
}

export interface LkeExpectation {
  assessmentId: number;
  /** The assessment's open stage now. */
  stage: string;
  /** The period's stages in order (for the columns). */
  stages: readonly string[];
}

/** Column number (1-based) → spreadsheet letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const NUMBER_TEXT = /^\s*[+-]?\d+(?:[.,]\d+)?\s*$/;
// NUL or a lone surrogate: PostgreSQL refuses them in text.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex

/** A cell as text ("" when empty); numbers as written. */
const cellText = (c: LkeCell | undefined): string => (c === null || c === undefined ? "" : typeof c === "object" ? "" : String(c).trim());

/**
 * Checks a workbook read back against the assessment it is imported into and the instrument, and
 * returns every problem at once (nothing is written while there is one) together with the rows
 * that would be imported. Indicators valued from another agency's index are skipped. Rows with an
 * empty indicator code are ignored (a blank line); an indicator missing from the sheet is left as it is.
 */
export function checkLkeImport(compiled: CompiledInstrument, parsed: LkeParsed, expected: LkeExpectation): { problems: LkeProblem[]; rows: LkeImportRow[] } {
  const problems: LkeProblem[] = [];
  const add = (sheet: string, row: number | null, column: string | null, code: LkeProblemCode, message: string) => problems.push({ sheet, row, column, code, message });
  if (!parsed.meta || parsed.meta.get("format") !== LKE_FORMAT) {
    add(LKE_META_SHEET, null, null, parsed.meta ? "not_lke_workbook" : "missing_sheet", parsed.meta ? `not an LKE workbook of Pandu (format ${cellText(parsed.meta.get("format")) || "missing"})` : `the hidden sheet "${LKE_META_SHEET}" is missing: export the LKE from Pandu and fill that workbook`);
    return { problems, rows: [] };
  }
  const metaRow = (key: string) => [...parsed.meta!.keys()].indexOf(key) + 1 || null;
  const assessmentId = parsed.meta.get("assessmentId");
  if (Number(assessmentId) !== expected.assessmentId) add(LKE_META_SHEET, metaRow("assessmentId"), "B", "wrong_assessment", `this workbook belongs to assessment ${cellText(assessmentId) || "?"}, not ${expected.assessmentId}`);
  const instrumentId = cellText(parsed.meta.get("instrumentId"));
  if (instrumentId !== compiled.instrument.id) add(LKE_META_SHEET, metaRow("instrumentId"), "B", "wrong_instrument", `this workbook is for instrument ${instrumentId || "?"}, the assessment uses ${compiled.instrument.id}`);
  const stage = cellText(parsed.meta.get("stage"));
  if (stage !== expected.stage) add(LKE_META_SHEET, metaRow("stage"), "B", "stage_closed", `this workbook edits stage ${stage || "?"}, which is no longer open (the open stage is ${expected.stage})`);
  if (problems.length) return { problems, rows: [] };
  if (!parsed.sheets.includes(LKE_SHEET)) {
    add(LKE_SHEET, null, null, "missing_sheet", `the sheet "${LKE_SHEET}" is missing`);
    return { problems, rows: [] };
  }

  const columns = lkeColumns(compiled, expected.stages, expected.stage);
  const at = new Map<string, number>();
  for (const key of ["code", "level", "explanation"]) {
    const header = columns.find((c) => c.key === key)!.header;
    const found = [...parsed.headers].find(([, h]) => h.trim() === header);
    if (found) at.set(key, found[0]);
    else add(LKE_SHEET, 1, null, "missing_column", `no column "${header}" in the header row`);
  }
  if (problems.length) return { problems, rows: [] };
  const [codeCol, levelCol, explanationCol] = [at.get("code")!, at.get("level")!, at.get("explanation")!];

  const rows: LkeImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of parsed.rows) {
    const code = cellText(cells.get(codeCol));
    if (!code) continue;
    const position = compiled.position.get(code);
    if (position === undefined) {
      add(LKE_SHEET, row, columnLetter(codeCol), "unknown_indicator", `indicator ${code} is not in instrument ${compiled.instrument.id}`);
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      add(LKE_SHEET, row, columnLetter(codeCol), "duplicate_indicator", `indicator ${code} appears again (first in row ${first})`);
      continue;
    }
    seen.set(code, row);
    if (compiled.external[position]) continue;
    const level = readLevel(compiled, position, cells.get(levelCol));
    if ("problem" in level) add(LKE_SHEET, row, columnLetter(levelCol), level.problem, `indicator ${code}: ${level.message}`);
    const raw = cells.get(explanationCol);
    const explanation = raw === null || raw === undefined || typeof raw === "object" ? null : String(raw);
    if (explanation !== null && explanation.length > LKE_EXPLANATION_MAX) add(LKE_SHEET, row, columnLetter(explanationCol), "explanation_too_long", `indicator ${code}: the explanation is longer than ${LKE_EXPLANATION_MAX} characters`);
    else if (explanation !== null && UNSTORABLE.test(explanation)) add(LKE_SHEET, row, columnLetter(explanationCol), "invalid_text", `indicator ${code}: the explanation holds characters that cannot be stored`);
    const version = Number(parsed.versions.get(code) ?? 0);
    if ("value" in level) rows.push({ row, code, level: level.value, explanation: explanation === null || explanation.trim() === "" ? null : explanation, exportedVersion: Number.isInteger(version) && version >= 0 ? version : 0 });
  }
  return { problems, rows: problems.length ? [] : rows };
}

function readLevel(compiled: CompiledInstrument, position: number, cell: LkeCell | undefined): { value: number | null } | { problem: LkeProblemCode; message: string } {
  if (cell === null || cell === undefined || cell === "" || (typeof cell === "string" && cell.trim() === "")) return { value: null };
  const expected = valueRangeText(compiled, position);
  let value: number;
  if (typeof cell === "number") value = cell;
  else if (typeof cell === "string" && NUMBER_TEXT.test(cell)) value = Number(cell.trim().replace(",", "."));
  else return { problem: "level_not_number", message: `"${typeof cell === "object" && cell ? cell.error : String(cell)}" is not a number (expected ${expected})` };
  // A spreadsheet may carry 3.0000000001 for a typed 3: round to hundredths before the exact check.
  const rounded = Math.round(value * 100) / 100;
  if (Math.abs(rounded - value) > 1e-9) return { problem: "level_out_of_range", message: `${value} is not ${expected}` };
  return valueProblem(compiled, position, rounded) ? { problem: "level_out_of_range", message: `${rounded} is not ${expected}` } : { value: rounded };
}

/** Text compared as a spreadsheet keeps it: a workbook stores line breaks as LF, so CR LF equals LF. */
const sameText = (a: string | null, b: string | null) => (a ?? "").replace(/\r\n?/g, "\n") === (b ?? "").replace(/\r\n?/g, "\n");

/** A row of the import that differs from the current answer. */
export interface LkeChange {
  code: string;
  level: number | null;
  explanation: string | null;
  /** The version the write expects (the current one). */
  version: number;
}

/**
 * The rows whose level or explanation differ from the current answers of the open stage (an empty
 * explanation equals none, CR LF equals LF). A differing row whose answer changed since the export (its version
 * moved on) is stale: writing it would undo someone else's work.
 */
export function lkeChanges(rows: readonly LkeImportRow[], current: ReadonlyMap<string, { level: number | null; explanation: string | null; version: number }>): { changes: LkeChange[]; stale: string[] } {
  const changes: LkeChange[] = [];
  const stale: string[] = [];
  for (const r of rows) {
    const now = current.get(r.code);
    const level = now?.level ?? null;
    const explanation = now?.explanation?.trim() ? now.explanation : null;
    if (level === r.level && sameText(explanation, r.explanation)) continue;
    const version = now?.version ?? 0;
    if (version !== r.exportedVersion) stale.push(r.code);
    else changes.push({ code: r.code, level: r.level, explanation: r.explanation, version });
  }
  return { changes, stale };
}
