import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCalendar, validateHolidayFile, type HolidayFile, type WorkingCalendar } from "../core";

/** The bundled national holiday files (seed/holidays/<year>.json, one per SKB 3 Menteri). */
export const HOLIDAYS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../seed/holidays");

/** A holiday file that cannot be read, parsed or validated; `problems` lists each with its path. */
export class HolidayFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "HolidayFileError";
  }
}

/** Reads and validates one holiday file. */
export function readHolidayFile(file: string): HolidayFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new HolidayFileError(`${file}: cannot read the holiday file: ${(e as Error).message}`);
  }
  const r = validateHolidayFile(raw);
  if (!r.ok) throw new HolidayFileError(`${file}: invalid holiday file`, r.problems);
  return r.file;
}

/** The `*.json` file names of a holiday folder, in name order. */
export function holidayFileNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  } catch {
    throw new HolidayFileError(`${dir}: cannot read the holiday folder`);
  }
}

/** Every `*.json` of a folder, read and validated, in name order. */
export function readHolidayDir(dir: string): HolidayFile[] {
  return holidayFileNames(dir).map((n) => readHolidayFile(path.join(dir, n)));
}

/**
 * The working calendar of a region: the bundled national files plus the files of `extraDirs` (a
 * pemda's regional holidays, or a national year not bundled yet); files for other regions are skipped.
 */
export function loadWorkingCalendar(options: { region?: string; extraDirs?: string[]; uncoveredYears?: "error" | "weekends-only" } = {}): WorkingCalendar {
  const files = [HOLIDAYS_DIR, ...(options.extraDirs ?? [])].flatMap(readHolidayDir);
  return buildCalendar(files, { region: options.region, uncoveredYears: options.uncoveredYears });
}
