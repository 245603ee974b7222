import { resultColumnsOf } from "../../../core";
import { fixZipEntryTimes } from "../../../lib/zip-fixed-time";
import { instrumentsOf } from "./public-result.presenter";
import type { PublicResult } from "./public-results.schema";

/** The media type of an .xlsx workbook. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Workbook dates (core properties): fixed, so the same rows give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/** The identity columns of the open data, before the node columns (as in the CSV). */
const LEADING = [
  { header: "year", key: "year", width: 6 },
  { header: "agency_code", key: "agencyCode", width: 12 },
  { header: "agency_name", key: "agencyName", width: 44 },
  { header: "category", key: "category", width: 12 },
  { header: "province_code", key: "provinceCode", width: 13 },
  { header: "province_name", key: "provinceName", width: 26 },
] as const;

/** Cells that must stay text whatever they look like (`35.10` is a region code, not 35.1). */
const TEXT_KEYS = ["agencyCode", "agencyName", "category", "provinceCode", "provinceName", "predicate", "source", "instrument"];

/**
 * The open data as a workbook: one sheet per year (named after it, oldest first), with the CSV's
 * header and columns — identity columns, one column per top-level node of that year's instruments
 * (lower-case codes), then index, predicate, source, instrument. Figures are number cells shown with
 * two decimals (`0.00`, which a spreadsheet displays with the reader's decimal separator), the year
 * an integer, and codes and names text cells (with the text format `@`, so a code keeps its trailing
 * zero even when edited). Missing values are empty cells. `year` names the sheet when there are no rows.
 */
export async function publicResultsWorkbook(rows: PublicResult[], year: number | undefined): Promise<Buffer> {
  // exceljs is loaded with the first workbook, not at start-up.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Pandu SPBE";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const byYear = new Map<number, PublicResult[]>();
  for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  if (byYear.size === 0) byYear.set(year ?? 0, []);
  for (const [y, list] of [...byYear].sort(([a], [b]) => a - b)) {
    const sheet = wb.addWorksheet(y === 0 ? "results" : String(y), { views: [{ state: "frozen", ySplit: 1 }] });
    const nodes = resultColumnsOf(instrumentsOf(list)).map((n) => n.code);
    sheet.columns = [
      ...LEADING,
      ...nodes.map((code) => ({ header: code.toLowerCase(), key: `node:${code}`, width: 7 })),
      { header: "index", key: "index", width: 7 },
      { header: "predicate", key: "predicate", width: 12 },
      { header: "source", key: "source", width: 28 },
      { header: "instrument", key: "instrument", width: 22 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const key of TEXT_KEYS) sheet.getColumn(key).numFmt = "@";
    for (const key of [...nodes.map((c) => `node:${c}`), "index"]) sheet.getColumn(key).numFmt = "0.00";
    sheet.getColumn("year").numFmt = "0";
    for (const r of list) {
      sheet.addRow({
        year: r.year,
        agencyCode: r.agencyCode,
        agencyName: r.agencyName,
        category: r.category,
        provinceCode: r.provinceCode,
        provinceName: r.provinceName,
        ...Object.fromEntries(nodes.map((c) => [`node:${c}`, r.nodes[c] ?? null])),
        index: r.index,
        predicate: r.predicate,
        source: r.source,
        instrument: r.instrument,
      });
    }
    // The header row keeps the default format (the column formats above apply to the data cells too).
    sheet.getRow(1).eachCell((c) => (c.numFmt = "General"));
  }
  // Fixed document and entry dates: the same published data gives the same bytes, so the same ETag
  // in every worker process and after a restart.
  return fixZipEntryTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}
