/**
 * The rows of an SKM sheet (paper or spreadsheet responses, one row per respondent, columns U1…U9 and
 * optional profile columns), checked cell by cell. Shared by `pandu ikm` and the survey import of the
 * server; the reading of CSV/XLSX files is in src/lib/skm-sheet-file.ts. Every bad cell is reported
 * with its row (as a spreadsheet numbers it, header = 1) and column; the caller stores nothing then.
 */
import { SKM_ELEMENT_CODES } from "./skm-elements";

/** One row of a sheet: its row number as a spreadsheet shows it (header = 1) and its cells. */
export interface SheetRow {
  line: number;
  cells: unknown[];
}

/** The profile fields the regulation's questionnaire names; every one optional, no identity. */
export const SKM_AGE_BANDS = ["<20", "20-29", "30-39", "40-49", "50-59", ">=60"] as const;
export const SKM_SEXES = ["L", "P"] as const;
export const SKM_EDUCATIONS = ["SD", "SMP", "SMA", "D1-D3", "D4-S1", "S2", "S3"] as const;
export const SKM_OCCUPATIONS = ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "PELAJAR", "LAINNYA"] as const;
export type SkmAgeBand = (typeof SKM_AGE_BANDS)[number];
export type SkmSex = (typeof SKM_SEXES)[number];
export type SkmEducation = (typeof SKM_EDUCATIONS)[number];
export type SkmOccupation = (typeof SKM_OCCUPATIONS)[number];

export interface SkmProfile {
  ageBand: SkmAgeBand | null;
  sex: SkmSex | null;
  education: SkmEducation | null;
  occupation: SkmOccupation | null;
}

/** The optional profile columns, by the header names a sheet may use (any case). */
const PROFILE_COLUMNS: readonly { key: keyof SkmProfile; headers: readonly string[]; values: readonly string[] }[] = [
  { key: "ageBand", headers: ["USIA", "UMUR", "AGE", "AGE_BAND", "AGEBAND"], values: SKM_AGE_BANDS },
  { key: "sex", headers: ["JENIS KELAMIN", "JENIS_KELAMIN", "JK", "SEX"], values: SKM_SEXES },
  { key: "education", headers: ["PENDIDIKAN", "EDUCATION"], values: SKM_EDUCATIONS },
  { key: "occupation", headers: ["PEKERJAAN", "OCCUPATION"], values: SKM_OCCUPATIONS },
];

export interface SheetProblem {
  /** The row as a spreadsheet numbers it (header = 1). */
  row: number;
  /** The column's header (U1…U9, a profile column), or null for the sheet as a whole. */
  column: string | null;
  message: string;
}

export interface SheetResponse {
  line: number;
  answers: number[];
  profile: SkmProfile;
}

const isBlank = (v: unknown) => v === "" || v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** The answer in a cell (1–4), or the Indonesian reason it is not one. */
export function skmAnswerOf(v: unknown): number | string {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v >= 1 && v <= 4 ? v : `nilai ${v} di luar 1–4`;
    return `nilai ${String(v).replace(".", ",")} bukan bilangan bulat 1–4`;
  }
  const s = String(v ?? "").trim();
  if (s === "") return "kosong (setiap unsur dijawab 1–4)";
  if (/^[1-4]([.,]0+)?$/.test(s)) return Number(s[0]); // "4", also "4.0" or "4,0" from a spreadsheet
  if (/^-?\d+([.,]0+)?$/.test(s)) return `nilai ${s} di luar 1–4`;
  if (/^-?\d+[.,]\d+$/.test(s)) return `nilai ${s} bukan bilangan bulat 1–4`;
  return `nilai ${JSON.stringify(s)} bukan angka 1–4`;
}

/**
 * Finds U1…U9 (any case, any order; other columns ignored) and the optional profile columns in the
 * header and reads every non-empty row. Answers `problems` (all of them, in order) and, when there
 * are none, the responses.
 */
export function readSkmSheet(rows: readonly SheetRow[], options: { withProfile?: boolean } = {}): { problems: SheetProblem[]; responses: SheetResponse[] } {
  const header = rows[0];
  if (!header) return { problems: [{ row: 1, column: null, message: "berkas kosong (baris judul dengan kolom U1–U9 diharapkan)" }], responses: [] };
  const names = header.cells.map((c) => String(c ?? "").trim().toUpperCase());
  const problems: SheetProblem[] = [];
  const columns = SKM_ELEMENT_CODES.map((code) => {
    const at = names.flatMap((c, i) => (c === code ? [i] : []));
    if (at.length === 0) problems.push({ row: header.line, column: code, message: `kolom ${code} tidak ada (diharapkan kolom U1–U9)` });
    if (at.length > 1) problems.push({ row: header.line, column: code, message: `kolom ${code} muncul ${at.length} kali` });
    return at[0] ?? -1;
  });
  const profileColumns = options.withProfile ? PROFILE_COLUMNS.map((p) => ({ ...p, at: names.findIndex((n) => p.headers.includes(n)), label: "" })).filter((p) => p.at >= 0) : [];
  for (const p of profileColumns) p.label = String(header.cells[p.at] ?? "").trim();
  if (problems.length > 0) return { problems, responses: [] };
  const responses: SheetResponse[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every(isBlank)) continue;
    const answers = new Array<number>(9);
    let ok = true;
    columns.forEach((col, e) => {
      const a = skmAnswerOf(row.cells[col] ?? "");
      if (typeof a === "number") answers[e] = a;
      else {
        ok = false;
        problems.push({ row: row.line, column: SKM_ELEMENT_CODES[e]!, message: a });
      }
    });
    const profile: SkmProfile = { ageBand: null, sex: null, education: null, occupation: null };
    for (const p of profileColumns) {
      const v = row.cells[p.at];
      if (isBlank(v)) continue;
      const s = String(v).trim().toUpperCase();
      const found = p.values.find((x) => x.toUpperCase() === s);
      if (found === undefined) {
        ok = false;
        problems.push({ row: row.line, column: p.label, message: `nilai ${JSON.stringify(String(v).trim())} bukan salah satu dari ${p.values.join(", ")}` });
      } else (profile as unknown as Record<string, string>)[p.key] = found;
    }
    if (ok) responses.push({ line: row.line, answers, profile });
  }
  if (problems.length === 0 && responses.length === 0) problems.push({ row: header.line, column: null, message: "tidak ada baris jawaban di bawah baris judul" });
  return { problems, responses: problems.length ? [] : responses };
}
