import { createHash } from "node:crypto";
import YAML from "yaml";
import { validateInstrument, type Instrument } from "../core";
import { isBundledInstrumentId } from "./instrument-files";

/** Largest instrument file accepted for upload (the biggest bundled one is about 130 KB). */
export const INSTRUMENT_UPLOAD_MAX_BYTES = 1024 * 1024;

/** One problem of an uploaded instrument: where (`tree[1].children[0].weight`, `(root)`) and what. */
export interface InstrumentProblem {
  path: string;
  message: string;
}

/** Splits a validator problem `path: message` (validate-instrument.ts words them so) into its parts. */
export function splitProblem(problem: string): InstrumentProblem {
  const at = problem.indexOf(": ");
  return at < 0 ? { path: "(root)", message: problem } : { path: problem.slice(0, at), message: problem.slice(at + 2) };
}

export type UploadFormat = "json" | "yaml";

/** The format of an upload: YAML for a `.yaml`/`.yml` name or a YAML content type, else JSON. */
export function uploadFormatOf(fileName: string | undefined, contentType: string | undefined): UploadFormat {
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  if (fileName && /\.json$/i.test(fileName)) return "json";
  return contentType && /yaml/i.test(contentType) ? "yaml" : "json";
}

/** Parses the text of an upload; a syntax error is one problem at `(root)`. */
export function parseUploadText(text: string, format: UploadFormat): { ok: true; value: unknown } | { ok: false; problems: InstrumentProblem[] } {
  try {
    // YAML: the core schema only (no custom tags), and at most one document.
    return { ok: true, value: format === "yaml" ? YAML.parse(text, { schema: "core", maxAliasCount: 100 }) : JSON.parse(text) };
  } catch (e) {
    return { ok: false, problems: [{ path: "(root)", message: `not valid ${format === "yaml" ? "YAML" : "JSON"}: ${(e as Error).message.split("\n")[0]}` }] };
  }
}

/**
 * Checks an uploaded instrument with the validator of `pandu instruments validate` (every problem,
 * each with its path) plus the two rules of uploads: a bundled (official) id cannot be taken, and an
 * upload is never `status: official`.
 */
export function checkUploadedInstrument(input: unknown): { ok: true; instrument: Instrument; sha256: string } | { ok: false; problems: InstrumentProblem[] } {
  const result = validateInstrument(input);
  const problems = result.problems.map(splitProblem);
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id === "string" && isBundledInstrumentId(id)) problems.unshift({ path: "id", message: `"${id}" is a bundled official instrument and cannot be replaced; choose another id` });
  if ((input as { status?: unknown } | null)?.status === "official") problems.push({ path: "status", message: "only the bundled instruments are official; leave status out" });
  if (!result.ok || problems.length) return { ok: false, problems };
  return { ok: true, instrument: result.instrument, sha256: createHash("sha256").update(JSON.stringify(result.instrument)).digest("hex") };
}
