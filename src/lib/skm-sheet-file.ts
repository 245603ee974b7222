/**
 * Reads the rows of an SKM response sheet — CSV (comma or semicolon, as Indonesian spreadsheets
 * export) or the first worksheet of an .xlsx — for `readSkmSheet` of the core. Shared by `pandu ikm`
 * and the server's survey import. csv-parse and exceljs load on first use.
 */
import type { SheetRow } from "../core";
import { checkZipLimits, WORKBOOK_ZIP_LIMITS, ZipLimitError } from "./zip-limits";

/** The file is not a readable CSV or workbook; the message is Indonesian and names no path. */
export class SheetFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetFileError";
  }
}

export async function readCsvSheet(text: string): Promise<SheetRow[]> {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const { parse } = await import("csv-parse/sync");
  try {
    const records = parse(text, { delimiter, bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (e) {
    throw new SheetFileError(`bukan CSV yang sah: ${(e as Error).message}`);
  }
}

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("result" in v) return cellValue((v as { result: unknown }).result);
    if ("richText" in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("");
    if ("text" in v) return (v as { text: unknown }).text;
    if ("error" in v) return String((v as { error: unknown }).error); // #N/A, #VALUE! …
  }
  return v;
}

/** The first worksheet of an .xlsx (a path or its bytes). Formula cells give their result. */
export async function readXlsxSheet(source: string | Buffer): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    if (typeof source === "string") await wb.xlsx.readFile(source);
    else {
      checkZipLimits(source, WORKBOOK_ZIP_LIMITS); // an uploaded workbook is checked before it is inflated
      await wb.xlsx.load(source as unknown as ArrayBuffer);
    }
  } catch (e) {
    if (e instanceof ZipLimitError) throw new SheetFileError(`berkas .xlsx terlalu besar atau tidak sah: ${e.message}`);
    throw new SheetFileError(`tidak dapat dibaca sebagai berkas .xlsx: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new SheetFileError("tidak ada lembar kerja");
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[]; // 1-based: values[0] is empty
    rows.push({ line: row.number, cells: values.slice(1).map(cellValue) });
  });
  return rows;
}
