import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { validateWorkflow, type WorkflowDefinition, type WorkflowProblem } from "../core";

/** Folder of the bundled workflows (workflows/ at the repository root). */
export const WORKFLOWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../workflows");

/** A workflow file that cannot be read or parsed (`problems` empty), or that is not a valid workflow. */
export class WorkflowFileError extends Error {
  constructor(
    message: string,
    readonly problems: WorkflowProblem[] = [],
  ) {
    super(message);
    this.name = "WorkflowFileError";
  }
}

const isYaml = (fileName: string) => /\.ya?ml$/i.test(fileName);

/** Parses JSON or YAML text (YAML when the name ends in .yaml/.yml). */
export function parseWorkflowText(text: string, fileName: string): unknown {
  try {
    return isYaml(fileName) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new WorkflowFileError(`${fileName}: not valid ${isYaml(fileName) ? "YAML" : "JSON"}: ${(e as Error).message}`);
  }
}

/** Reads and validates a workflow file; throws WorkflowFileError listing every problem. */
export function readWorkflowFile(file: string): WorkflowDefinition {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new WorkflowFileError(`${file}: cannot read the file`);
  }
  const result = validateWorkflow(parseWorkflowText(text, file));
  if (!result.ok) throw new WorkflowFileError(`${file}: invalid workflow`, result.problems);
  return result.workflow;
}

/** The bundled workflow files (JSON or YAML, not the schema), sorted by name. */
export function bundledWorkflowFiles(): string[] {
  return fs
    .readdirSync(WORKFLOWS_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f) && !f.endsWith(".schema.json"))
    .sort()
    .map((f) => path.join(WORKFLOWS_DIR, f));
}
