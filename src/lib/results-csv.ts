import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { nodeCodeOfColumn, nodeValuesMismatch, resultNodesOf, type PublishedResult } from "../core";
import { bundledInstrument, officialPeriod } from "./instrument-files";

/** A row of the national results CSV (the format of seed/official-results/*.csv). */
export interface ResultsCsvRow extends PublishedResult {
  category: string;
  province: string;
  source: string;
  /** The CSV column each node value came from, by node code (for messages). */
  nodeColumns: Record<string, string>;
}

const REQUIRED = ["year", "category", "province", "instansi", "index", "predicate"];
/** Columns that are not node values; every other column names a node of the row's instrument. */
const FIXED = new Set([...REQUIRED, "source_table", "source"]);

/** Raised when a results CSV is malformed or does not fit its instruments; lists every problem. */
export class ResultsCsvError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/**
 * Parses the results CSV. Every column other than year, category, province, instansi, index,
 * predicate and source_table carries the published value of a top-level node of the row's
 * instrument, named by its code with an optional `_suffix` (`d1_kebijakan` → D1, `A7` → A7).
 * A row may leave all of them empty (index-only history). Every malformed cell is reported.
 */
export function parseResultsCsv(text: string): ResultsCsvRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new ResultsCsvError(`not a valid CSV: ${(e as Error).message}`);
  }
  if (!records.length) return [];
  const columns = Object.keys(records[0]!);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw new ResultsCsvError(`missing column(s): ${missing.join(", ")}`);
  const nodeColumns = columns.filter((c) => !FIXED.has(c));
  const problems: string[] = [];
  const num = (value: string, line: number, column: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) problems.push(`line ${line}: ${column} "${value}" is not a number`);
    return n;
  };
  const rows = records.map((r, i) => {
    const line = i + 2;
    const nodeValues: Record<string, number> = {};
    const columnOf: Record<string, string> = {};
    for (const c of nodeColumns) {
      if (r[c] === "" || r[c] === undefined) continue;
      const code = nodeCodeOfColumn(c);
      if (columnOf[code] !== undefined) problems.push(`line ${line}: columns ${columnOf[code]} and ${c} both give node ${code}`);
      nodeValues[code] = num(r[c]!, line, c);
      columnOf[code] = c;
    }
    return {
      line,
      year: num(r.year!, line, "year"),
      category: r.category!,
      province: r.province!,
      agencyName: r.instansi!,
      nodeValues,
      nodeColumns: columnOf,
      index: num(r.index!, line, "index"),
      predicate: r.predicate!,
      source: r.source_table ?? "",
    };
  });
  if (problems.length) throw new ResultsCsvError(`${problems.length} malformed cell(s)`, problems);
  return rows;
}

/**
 * Checks every row's node columns against the top-level nodes of the instrument of its year
 * (`instrumentOf`, from official-periods.json): a value under a column that is not a node of that
 * instrument, or a node left without a value, is named with its line and column. Throws
 * ResultsCsvError listing all of them, so an import writes nothing.
 */
export function checkResultsColumns(rows: ResultsCsvRow[], instrumentOf: (year: number) => string | undefined): void {
  const problems: string[] = [];
  for (const row of rows) {
    const id = instrumentOf(row.year);
    const compiled = id === undefined ? undefined : bundledInstrument(id);
    if (!compiled) {
      problems.push(`line ${row.line}: no official instrument for year ${row.year}`);
      continue;
    }
    const mismatch = nodeValuesMismatch(resultNodesOf(compiled.instrument), Object.keys(row.nodeValues));
    if (!mismatch) continue;
    for (const code of mismatch.unknown) problems.push(`line ${row.line}: column ${row.nodeColumns[code] ?? code}: ${code} is not a top-level node of ${id} (${row.year})`);
    if (mismatch.missing.length) problems.push(`line ${row.line}: no value for ${mismatch.missing.join(", ")} of ${id} (${row.year})`);
  }
  if (problems.length) throw new ResultsCsvError(`${problems.length} problem(s) with the node columns`, problems);
}

/** Reads and parses a results CSV file. */
export function readResultsCsv(file: string): ResultsCsvRow[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new ResultsCsvError(`${file}: cannot read the file`);
  }
  return parseResultsCsv(text);
}

/** The instrument of a year's official period (instruments/official-periods.json), if any. */
export const officialInstrumentOfYear = (year: number): string | undefined => officialPeriod(year)?.instrument;

/**
 * Reads a results CSV and checks every row's node columns against the official instrument of its
 * year (what `pandu results import|verify` accept); throws ResultsCsvError naming every problem.
 */
export function readCheckedResultsCsv(file: string): ResultsCsvRow[] {
  const rows = readResultsCsv(file);
  checkResultsColumns(rows, officialInstrumentOfYear);
  return rows;
}
