import type { TaskItem } from "./tasks.schema";
import { TaskKind } from "./tasks.schema";

/** At most this many tasks are listed; the counts cover all. */
export const TASK_LIST_LIMIT = 200;

const KIND_ORDER = TaskKind.options;

/** Orders the tasks (overdue first, then by deadline, none last, then kind), counts them per kind and cuts the list. */
export function presentTasks(tasks: TaskItem[], today: string) {
  const sorted = [...tasks].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline ?? "9999-12-31").localeCompare(b.deadline ?? "9999-12-31") ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.agency?.code ?? "").localeCompare(b.agency?.code ?? "", "en", { numeric: true }),
  );
  const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, 0])) as Record<TaskItem["kind"], number>;
  for (const t of tasks) counts[t.kind] += 1;
  // Whitelisted fields only.
  const list = sorted.slice(0, TASK_LIST_LIMIT).map((t) => ({
    kind: t.kind,
    count: t.count,
    agency: t.agency ? { code: t.agency.code, name: t.agency.name } : null,
    period: t.period,
    stage: t.stage,
    indicator: t.indicator,
    title: t.title,
    deadline: t.deadline,
    overdue: t.overdue,
    link: t.link,
  }));
  return { today, tasks: list, counts, total: tasks.length };
}
