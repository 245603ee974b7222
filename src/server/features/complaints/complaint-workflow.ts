import path from "node:path";
import { readWorkflowFile, WORKFLOWS_DIR } from "../../../lib/workflow-files";
import type { WorkflowDefinition } from "../../../core";

let cached: WorkflowDefinition | null = null;

/** The complaint workflow (workflows/pengaduan-lapor.json), read and validated once per process. */
export function complaintWorkflow(): WorkflowDefinition {
  cached ??= readWorkflowFile(path.join(WORKFLOWS_DIR, "pengaduan-lapor.json"));
  return cached;
}

/** The states where a complaint is closed. */
export const terminalStates = (def: WorkflowDefinition) => def.states.filter((s) => s.terminal).map((s) => s.id);
