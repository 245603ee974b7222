import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { StageName } from "../../assessmentApi";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { fetchTasks, TASK_KINDS, type Task } from "../../tasksApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSession } from "../../session";

/** One line of the list: what to do, where, by when, and the link to do it. */
function TaskRow({ task }: { task: Task }) {
  const { t } = useTranslation();
  const lang = useLang();
  const stage = task.stage ? t(`stages.${task.stage as StageName}`) : "";
  const what = t(`tasks.item.${task.kind}`, { count: task.count, stage, indicator: task.indicator ?? "", title: task.title ?? "", period: task.period ?? "" });
  return (
    <li className={`card task-item${task.overdue ? " is-overdue" : ""}`} data-testid="task-item" data-kind={task.kind}>
      <Link to={task.link} className="task-link">
        {what}
      </Link>
      <p className="task-meta">
        {task.agency && <span>{task.agency.name}</span>}
        {task.period && task.kind !== "monitor" && <span>{task.period}</span>}
        <span className={task.overdue ? "task-deadline is-overdue" : "task-deadline"}>
          {task.deadline ? t(task.overdue ? "tasks.overdueSince" : "tasks.dueOn", { date: formatDate(task.deadline, lang) }) : t("tasks.noDeadline")}
        </span>
      </p>
    </li>
  );
}

function TaskBoard() {
  const { t } = useTranslation();
  const { me } = useSession();
  const state = useApi("tasks", fetchTasks);
  if (state.status === "loading") return <Loading label={t("tasks.loading")} />;
  if (state.status === "error") return <ErrorMessage error={state.error} retry={state.retry} />;
  const { tasks, counts, total } = state.data;
  const kinds = TASK_KINDS.filter((k) => (counts[k] ?? 0) > 0);
  return (
    <>
      <p className="lead">{me ? t("tasks.greeting", { name: me.user.name }) : null}</p>
      {total === 0 ? (
        <p className="card" data-testid="tasks-empty">
          {t("tasks.empty")} <Link to="/penilaian">{t("tasks.toAssessments")}</Link>
        </p>
      ) : (
        <>
          <dl className="stat-cards" aria-label={t("tasks.countsLabel")} data-testid="task-counts">
            {kinds.map((k) => (
              <div className="stat-card" key={k}>
                <dt>{t(`tasks.kind.${k}`)}</dt>
                <dd className="stat-value" data-testid={`task-count-${k}`}>
                  {counts[k] ?? 0}
                </dd>
              </div>
            ))}
          </dl>
          <h2>{t("tasks.listTitle", { count: total })}</h2>
          {tasks.length < total && <p className="muted">{t("tasks.truncated", { shown: tasks.length, total })}</p>}
          <ul className="task-list" data-testid="task-list">
            {tasks.map((task, i) => (
              <TaskRow key={`${task.kind}-${task.link}-${i}`} task={task} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** "Beranda kerja": what waits for the signed-in user now, the page sign-in lands on. */
export function TasksPage() {
  const { t } = useTranslation();
  usePageTitle(t("tasks.title"));
  return (
    <section>
      <h1>{t("tasks.title")}</h1>
      <RequireSession>
        <TaskBoard />
      </RequireSession>
    </section>
  );
}
