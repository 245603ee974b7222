import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { compileInstrument, periodInForce, validateInstrument, type CompiledInstrument, type Instrument } from "../core";
import type { PredicatePolicy } from "../core";

/** Folder of the bundled instruments (instruments/ at the repository root). */
export const INSTRUMENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../instruments");

/** Raised for an instrument file that cannot be read, parsed or validated. */
export class InstrumentFileError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "InstrumentFileError";
  }
}

/** Parses JSON or YAML text (YAML when the name ends in .yaml/.yml). */
export function parseInstrumentText(text: string, fileName: string): unknown {
  try {
    return /\.ya?ml$/i.test(fileName) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new InstrumentFileError(`${fileName}: not valid ${/\.ya?ml$/i.test(fileName) ? "YAML" : "JSON"}: ${(e as Error).message}`);
  }
}

/** Reads and validates an instrument file; throws InstrumentFileError listing every problem. */
export function readInstrumentFile(file: string): Instrument {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new InstrumentFileError(`${file}: cannot read the file`);
  }
  const result = validateInstrument(parseInstrumentText(text, file));
  if (!result.ok) throw new InstrumentFileError(`${file}: invalid instrument`, result.problems);
  return result.instrument;
}

const bundledCache = new Map<string, CompiledInstrument>();

/** Ids of the bundled instruments, sorted. */
export function bundledInstrumentIds(): string[] {
  return fs
    .readdirSync(INSTRUMENTS_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f) && f !== "official-periods.json" && !f.endsWith(".schema.json"))
    .map((f) => f.replace(/\.(json|ya?ml)$/, ""))
    .sort();
}

/** A bundled instrument by id, compiled and cached; undefined when there is none. */
export function bundledInstrument(id: string): CompiledInstrument | undefined {
  const cached = bundledCache.get(id);
  if (cached) return cached;
  if (!bundledInstrumentIds().includes(id)) return undefined;
  const file = ["json", "yaml", "yml"].map((e) => path.join(INSTRUMENTS_DIR, `${id}.${e}`)).find((f) => fs.existsSync(f))!;
  const compiled = compileInstrument(readInstrumentFile(file));
  bundledCache.set(id, compiled);
  return compiled;
}

/** Whether `id` names a bundled (official) instrument: such an id can never be uploaded. */
export function isBundledInstrumentId(id: string): boolean {
  return bundledInstrumentIds().includes(id);
}

/**
 * Uploaded instruments known to this process, by key `<id>@<version>` (see db/queries/instruments.ts:
 * filled from the database at start-up, on upload, and when an unknown key is asked for).
 */
const uploadedInstruments = new Map<string, CompiledInstrument>();

/** The key a period stores for version `version` of uploaded instrument `id`. */
export const uploadedInstrumentKey = (id: string, version: number) => `${id}@${version}`;

/** `permenpanrb-59-2020` → { id, version: null }; `my-instrument@2` → { id: "my-instrument", version: 2 }. */
export function parseInstrumentKey(key: string): { id: string; version: number | null } {
  const m = /^(.+)@([1-9]\d*)$/.exec(key);
  return m ? { id: m[1]!, version: Number(m[2]) } : { id: key, version: null };
}

/**
 * Compiles an uploaded, already validated instrument under its key: the compiled copy's `id` is the
 * key (`<id>@<version>`), so everything that names the instrument of a period names the version.
 */
export function registerUploadedInstrument(key: string, instrument: Instrument): CompiledInstrument {
  const known = uploadedInstruments.get(key);
  if (known) return known;
  const compiled = compileInstrument({ ...instrument, id: key });
  uploadedInstruments.set(key, compiled);
  return compiled;
}

/**
 * The one resolver of an instrument id within a running process: a bundled instrument, else an
 * uploaded version by its key (as registered; db/queries/instruments.ts `instrumentFor` also reads
 * the database when the key is unknown here).
 */
export function instrumentById(id: string): CompiledInstrument | undefined {
  return bundledInstrument(id) ?? uploadedInstruments.get(id);
}

/** Resolves `--instrument <id|path>`: a bundled id, otherwise a file path. */
export function resolveInstrument(idOrPath: string): CompiledInstrument {
  const bundled = bundledInstrument(idOrPath);
  if (bundled) return bundled;
  if (fs.existsSync(idOrPath)) return compileInstrument(readInstrumentFile(idOrPath));
  throw new InstrumentFileError(`no bundled instrument "${idOrPath}" and no such file (bundled: ${bundledInstrumentIds().join(", ")})`);
}

export interface OfficialPeriod {
  year: number;
  instrument: string;
  predicatePolicy: PredicatePolicy;
  policyBasis: string;
  /** How the cycle is called when that differs from the instrument (e.g. "Pemantauan SPBE 2025"). */
  label?: string;
}

/** The national evaluation cycles as data (instruments/official-periods.json). */
export function officialPeriods(): OfficialPeriod[] {
  const raw = JSON.parse(fs.readFileSync(path.join(INSTRUMENTS_DIR, "official-periods.json"), "utf8")) as { periods: OfficialPeriod[] };
  return raw.periods;
}

/**
 * The national cycle in force in `year` (core \`periodInForce\`): its own entry, else the latest
 * earlier one (2027 → Pemdi 2026). New periods propose its instrument.
 */
export function officialPeriodInForce(year: number): OfficialPeriod {
  return periodInForce(officialPeriods(), year)!;
}

/** The official period of a year, if known. */
export function officialPeriod(year: number): OfficialPeriod | undefined {
  return officialPeriods().find((p) => p.year === year);
}
