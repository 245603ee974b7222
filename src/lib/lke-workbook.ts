import type { Cell, CellValue, Workbook, Worksheet } from "exceljs";
import { columnLetter, LKE_CRITERIA_SHEET, LKE_META_SHEET, LKE_SHEET, type LkeCell, type LkeColumn, type LkeMeta, type LkeParsed, type LkeRow } from "../core";
import { checkZipLimits, WORKBOOK_ZIP_LIMITS, ZipLimitError } from "./zip-limits";

/** The media type of an .xlsx workbook. */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The largest LKE workbook an import reads (a 47-indicator LKE is some 40 KB). */
export const LKE_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A workbook that cannot be read at all (not a ZIP, a ZIP bomb, not a spreadsheet). */
export class LkeWorkbookError extends Error {
  constructor(
    readonly reason: "unreadable" | "too_large",
    message: string,
  ) {
    super(message);
  }
}

export interface LkeWorkbookModel {
  meta: LkeMeta;
  columns: LkeColumn[];
  rows: LkeRow[];
  /** The stages shown with a level column, in order; the last is the open stage. */
  stages: string[];
}

// exceljs is loaded with the first workbook, not at start-up.
const loadExcel = async () => (await import("exceljs")).default;

const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } } as const;
const EDIT_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8DC" } } as const;
const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false } as const;

/** A spreadsheet string: quotes doubled. */
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The LKE as an .xlsx workbook: the sheet "LKE" (one row per indicator; only the open stage's level
 * and explanation are unlocked, the level with a drop-down of the allowed levels — or a decimal
 * range — and the level names in its prompt and in a formula column beside it), the read-only
 * sheet "Kriteria" (each level's criteria) and the very hidden sheet "pandu" with the workbook's
 * identity and the answer versions exported, which the import checks.
 */
export async function writeLkeWorkbook(model: LkeWorkbookModel): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Pandu SPBE";
  const exportedAt = new Date(model.meta.exportedAt);
  wb.created = exportedAt;
  wb.modified = exportedAt;
  await writeLkeSheet(wb, model);
  await writeCriteriaSheet(wb, model.rows);
  writeMetaSheet(wb, model.meta);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function writeLkeSheet(wb: Workbook, model: LkeWorkbookModel): Promise<void> {
  const sheet = wb.addWorksheet(LKE_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: model.columns.findIndex((c) => c.key === "name") + 1 }] });
  sheet.columns = model.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  const levelCol = model.columns.findIndex((c) => c.key === "level") + 1;
  const open = model.stages.at(-1)!;
  for (const r of model.rows) {
    const values: Record<string, unknown> = { code: r.code, name: r.name, explanation: r.explanation ?? null, evidence: r.evidence.join("\n") || null };
    r.groups.forEach((g, depth) => Object.assign(values, { [`group${depth}.code`]: g.code, [`group${depth}.name`]: g.name }));
    for (const s of model.stages) values[s === open ? "level" : `level.${s}`] = r.levels[s] ?? null;
    const row = sheet.addRow(values);
    row.alignment = { vertical: "top", wrapText: true };
    row.getCell("code").numFmt = "@";
    const level = row.getCell("level");
    const nameCell = row.getCell("levelName");
    const current = r.levels[open] ?? null;
    const currentName = current === null ? "" : (r.allowed.names.find((n) => n.level === Math.floor(current))?.name ?? "");
    if (r.allowed.names.length) {
      const ref = `${columnLetter(levelCol)}${row.number}`;
      const first = r.allowed.names[0]!.level;
      nameCell.value = { formula: `IFERROR(IF(ISNUMBER(${ref}),CHOOSE(INT(${ref})-${first - 1},${r.allowed.names.map((n) => quoted(n.name)).join(",")}),""),"")`, result: currentName };
    }
    if (r.external) {
      // Valued from another agency's index: shown, never edited here (the import skips the row).
      level.note = "Nilai dari indeks instansi lain: diisi di Pandu, tidak lewat LKE.";
      continue;
    }
    for (const key of ["level", "explanation"]) {
      const cell = row.getCell(key);
      cell.protection = { locked: false };
      cell.fill = EDIT_FILL;
    }
    level.dataValidation = levelValidation(r);
  }
  await sheet.protect("", PROTECTION);
}

/** A drop-down of the allowed whole levels, or a decimal range; the level names as the prompt. */
function levelValidation(r: LkeRow): Cell["dataValidation"] {
  const { min, max, stepHundredths, names, text } = r.allowed;
  const prompt = names.map((n) => `${n.level} ${n.name}`).join("; ").slice(0, 250);
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", errorTitle: "Tingkat tidak sah", error: text.slice(0, 250), showInputMessage: prompt !== "", promptTitle: "Tingkat", prompt } as const;
  if (stepHundredths === 100) {
    const levels = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    return { ...common, type: "list", formulae: [`"${levels.join(",")}"`] };
  }
  return { ...common, type: "decimal", operator: "between", formulae: [min, max] };
}

async function writeCriteriaSheet(wb: Workbook, rows: LkeRow[]): Promise<void> {
  const sheet = wb.addWorksheet(LKE_CRITERIA_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: "Kode Indikator", key: "code", width: 10 },
    { header: "Indikator", key: "name", width: 40 },
    { header: "Tingkat", key: "level", width: 8 },
    { header: "Nama Tingkat", key: "levelName", width: 18 },
    { header: "Kriteria", key: "criteria", width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn("code").numFmt = "@";
  for (const r of rows) for (const c of r.criteria) sheet.addRow({ code: r.code, name: r.name, level: c.level, levelName: c.name, criteria: c.text }).alignment = { vertical: "top", wrapText: true };
  await sheet.protect("", PROTECTION);
}

function writeMetaSheet(wb: Workbook, meta: LkeMeta): void {
  const sheet = wb.addWorksheet(LKE_META_SHEET, { state: "veryHidden" });
  const { versions, ...identity } = meta;
  for (const [key, value] of Object.entries(identity)) sheet.addRow([key, value]);
  for (const [code, version] of Object.entries(versions)) sheet.addRow([`version:${code}`, version]);
  sheet.getColumn(2).numFmt = "@";
}

/** A cell's value as the import sees it: text, number, boolean, an error, or null. */
function cellValue(v: CellValue): LkeCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return { error: String(v.error) };
  if ("formula" in v || "sharedFormula" in v) return cellValue((v as { result?: CellValue }).result ?? null);
  if ("text" in v) return String(v.text);
  return null;
}

/**
 * Reads an LKE workbook back: the ZIP limits are checked first (nothing is inflated past them),
 * then exceljs parses it. Throws `LkeWorkbookError` for anything that is not a readable workbook;
 * checking the content is `checkLkeImport`'s job.
 */
export async function readLkeWorkbook(bytes: Buffer): Promise<LkeParsed> {
  if (bytes.length > LKE_MAX_UPLOAD_BYTES) throw new LkeWorkbookError("too_large", `the file is larger than ${LKE_MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
  try {
    checkZipLimits(bytes, WORKBOOK_ZIP_LIMITS);
  } catch (e) {
    if (e instanceof ZipLimitError) throw new LkeWorkbookError(e.reason === "too_large" || e.reason === "too_many_entries" ? "too_large" : "unreadable", e.message);
    throw e;
  }
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new LkeWorkbookError("unreadable", `not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const sheets = wb.worksheets.map((s) => s.name);
  const metaSheet = wb.getWorksheet(LKE_META_SHEET);
  let meta: Map<string, LkeCell> | null = null;
  const versions = new Map<string, LkeCell>();
  if (metaSheet) {
    meta = new Map();
    metaSheet.eachRow({ includeEmpty: true }, (row) => {
      const key = cellValue(row.getCell(1).value);
      const value = cellValue(row.getCell(2).value);
      if (typeof key !== "string") return;
      if (key.startsWith("version:")) versions.set(key.slice("version:".length), value);
      else meta!.set(key, value);
    });
  }
  const headers = new Map<number, string>();
  const rows: LkeParsed["rows"] = [];
  const sheet: Worksheet | undefined = wb.getWorksheet(LKE_SHEET);
  if (sheet) {
    sheet.getRow(1).eachCell((c, col) => {
      const v = cellValue(c.value);
      if (typeof v === "string") headers.set(col, v);
    });
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = new Map<number, LkeCell>();
      row.eachCell((c, col) => cells.set(col, cellValue(c.value)));
      rows.push({ row: number, cells });
    });
  }
  return { sheets, meta, versions, headers, rows };
}
