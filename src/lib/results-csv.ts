import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { PublishedResult } from "../core";

/** A row of the national results CSV (the format of seed/official-results/*.csv). */
export interface ResultsCsvRow extends PublishedResult {
  category: string;
  province: string;
  source: string;
}

const REQUIRED = ["year", "category", "province", "instansi", "index", "predicate"];

/** Raised when a results CSV is malformed; names the line and column. */
export class ResultsCsvError extends Error {}

function num(value: string, line: number, column: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new ResultsCsvError(`line ${line}: ${column} "${value}" is not a number`);
  return n;
}

/**
 * Parses the results CSV. Domain columns are those named `d<N>_…` and map to node codes `D<N>`;
 * a file may carry none (index-only history rows).
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
  const domainColumns = columns.filter((c) => /^d\d+_/.test(c));
  return records.map((r, i) => {
    const line = i + 2;
    const nodeValues: Record<string, number> = {};
    for (const c of domainColumns) {
      if (r[c] !== "") nodeValues[`D${c.slice(1, c.indexOf("_"))}`] = num(r[c]!, line, c);
    }
    return {
      line,
      year: num(r.year!, line, "year"),
      category: r.category!,
      province: r.province!,
      agencyName: r.instansi!,
      nodeValues,
      index: num(r.index!, line, "index"),
      predicate: r.predicate!,
      source: r.source_table ?? "",
    };
  });
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
