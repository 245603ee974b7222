import { stringify } from "csv-stringify/sync";

/**
 * The one CSV writer of the app (audit export, open data): every CSV goes through `writeCsv`, so
 * no user-controlled text can become a spreadsheet formula (CSV injection). A string cell that a
 * spreadsheet would read as a formula or a command — it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return — gets a leading apostrophe, which spreadsheets show as text (OWASP). A string
 * that is just a number ("-0.26") is left alone, and so are number cells, so figures stay figures.
 * (exceljs writes JavaScript strings as text cells, never as formulas, so XLSX needs no such step.)
 */
export function writeCsv(records: readonly (readonly unknown[])[], options: CsvDialect = {}): string {
  return stringify(records.map((row) => row.map(neutraliseFormula)), { delimiter: options.delimiter ?? ",", bom: options.bom ?? false });
}

/** A CSV other than RFC 4180's defaults: another field separator, a UTF-8 byte order mark first. */
export interface CsvDialect {
  delimiter?: string;
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** A CSV cell that a spreadsheet cannot evaluate; non-string cells are returned as they are. */
export function neutraliseFormula(cell: unknown): unknown {
  return typeof cell === "string" && FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
