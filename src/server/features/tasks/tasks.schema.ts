import { z } from "zod";

/** What a task asks of the user (the interface words each kind from its catalogue). */
export const TaskKind = z.enum(["fill", "verify", "assess", "submit", "close_stage", "review", "clarification", "monitor", "action", "applications", "complaints"]);
export type TaskKind = z.infer<typeof TaskKind>;

export const TaskItem = z.object({
  kind: TaskKind,
  /** How many: indicators to fill or verify, agencies still in a stage, cases waiting in a queue; 0 when the task is one act. */
  count: z.number().int(),
  agency: z.object({ code: z.string(), name: z.string() }).nullable(),
  period: z.string().nullable(),
  stage: z.string().nullable(),
  /** The indicator of a clarification thread. */
  indicator: z.string().nullable(),
  /** The title of an improvement action. */
  title: z.string().nullable(),
  /** ISO date: the stage's closing day from the period schedule, the action's due date or a queue's nearest state deadline; null when none is set. */
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  /** A path of the app where the work is done. */
  link: z.string(),
});
export type TaskItem = z.infer<typeof TaskItem>;

export const TasksResponse = z.object({
  /** The day the deadlines are measured against (Indonesian time). */
  today: z.string(),
  /** Overdue first, then by deadline (none last); at most 200. */
  tasks: z.array(TaskItem),
  /** How many tasks of each kind there are in all (also beyond the 200 listed). */
  counts: z.record(TaskKind, z.number().int()),
  total: z.number().int(),
});
