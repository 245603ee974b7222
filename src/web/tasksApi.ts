import { getJson, isRecord, request, ApiError } from "./api";

/** What a task asks (the catalogue words each kind under `tasks.kind.*`). */
export type TaskKind = "fill" | "verify" | "assess" | "submit" | "close_stage" | "review" | "clarification" | "monitor" | "action";
export const TASK_KINDS: TaskKind[] = ["fill", "verify", "assess", "submit", "close_stage", "review", "clarification", "monitor", "action"];

/** One thing waiting for the signed-in user, with where to do it. */
export interface Task {
  kind: TaskKind;
  count: number;
  agency: { code: string; name: string } | null;
  period: string | null;
  stage: string | null;
  indicator: string | null;
  title: string | null;
  deadline: string | null;
  overdue: boolean;
  link: string;
}

export interface TaskList {
  today: string;
  tasks: Task[];
  counts: Record<TaskKind, number>;
  total: number;
}

/** My work list (GET /api/me/tasks). */
export async function fetchTasks(signal?: AbortSignal): Promise<TaskList> {
  const body = await getJson("/api/me/tasks", signal);
  if (!isRecord(body) || !Array.isArray(body.tasks)) throw new ApiError(200, "invalid_response", "missing tasks");
  return body as unknown as TaskList;
}

/** Whether this server can e-mail reset links (SMTP configured). */
export async function fetchResetOptions(signal?: AbortSignal): Promise<{ mail: boolean }> {
  const body = await getJson("/api/auth/forgot-password", signal);
  return { mail: isRecord(body) && body.mail === true };
}

/** Asks for a reset link for `email`; the answer is the same whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await request("POST", "/api/auth/forgot-password", { email });
}
