import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { validateForm, type FormDefinition, type FormProblem } from "../core";

/** Folder of the bundled application forms (forms/ at the repository root). */
export const FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../forms");

/** A form file that cannot be read or parsed (`problems` empty), or that is not a valid form. */
export class FormFileError extends Error {
  constructor(
    message: string,
    readonly problems: FormProblem[] = [],
  ) {
    super(message);
    this.name = "FormFileError";
  }
}

const isYaml = (fileName: string) => /\.ya?ml$/i.test(fileName);

/** Parses JSON or YAML text (YAML when the name ends in .yaml/.yml). */
export function parseFormText(text: string, fileName: string): unknown {
  try {
    return isYaml(fileName) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new FormFileError(`${fileName}: not valid ${isYaml(fileName) ? "YAML" : "JSON"}: ${(e as Error).message}`);
  }
}

/** Reads and validates a form file; throws FormFileError listing every problem. */
export function readFormFile(file: string): FormDefinition {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new FormFileError(`${file}: cannot read the file`);
  }
  const result = validateForm(parseFormText(text, file));
  if (!result.ok) throw new FormFileError(`${file}: invalid form`, result.problems);
  return result.form;
}

/** The bundled form files (JSON or YAML, not the schema), sorted by name. */
export function bundledFormFiles(): string[] {
  return fs
    .readdirSync(FORMS_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f) && !f.endsWith(".schema.json"))
    .sort()
    .map((f) => path.join(FORMS_DIR, f));
}
