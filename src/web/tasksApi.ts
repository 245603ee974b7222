import { api, type ApiResponse } from "./apiTypes";

/** My work list (types from the API contract, src/web/apiSchema.d.ts). */
export type TaskList = ApiResponse<"getMeTasks">;
/** One thing waiting for the signed-in user, with where to do it. */
export type Task = TaskList["tasks"][number];
/** What a task asks (the catalogue words each kind under `tasks.kind.*`). */
export type TaskKind = Task["kind"];
export const TASK_KINDS: TaskKind[] = ["fill", "verify", "assess", "submit", "close_stage", "review", "clarification", "monitor", "action", "applications", "complaints"];

/** My work list (GET /api/me/tasks). */
export async function fetchTasks(signal?: AbortSignal): Promise<TaskList> {
  return api("get", "/api/me/tasks", { signal });
}

/** Whether this server can e-mail reset links (SMTP configured). */
export async function fetchResetOptions(signal?: AbortSignal): Promise<{ mail: boolean }> {
  return { mail: (await api("get", "/api/auth/forgot-password", { signal })).mail === true };
}

/** Asks for a reset link for `email`; the answer is the same whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await api("post", "/api/auth/forgot-password", { body: { email } });
}
