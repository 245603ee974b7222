import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endAssessorAssignment, fetchAssignments } from "../../assessmentApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { useWorkspace } from "./context";

/**
 * The assessors assigned to this assessment (the roles the reader may assign), each with a button to
 * end the assignment after an inline confirmation. `version` changes when a new assignment is made,
 * so the list shows it.
 */
export function AssignmentList({ version }: { version: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const { ws } = useWorkspace();
  const list = useApi(`assignments:${ws.id}:${version}`, (signal) => fetchAssignments(ws.id, signal));
  const [ended, setEnded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (list.status === "loading") return <Loading label={t("ws.assign.listTitle")} />;
  if (list.status === "error") return <ErrorMessage error={list.error} retry={list.retry} />;
  return (
    <section className="ws-action" aria-labelledby={`${id}-title`} data-testid="ws-assignments">
      <h3 id={`${id}-title`}>{t("ws.assign.listTitle")}</h3>
      {list.data.length === 0 ? (
        <p className="muted">{t("ws.assign.none")}</p>
      ) : (
        <ul className="plain-list">
          {list.data.map((a) => (
            <li key={`${a.role}:${a.userId}`} data-testid={`ws-assignment-${a.userId}`}>
              <strong>{a.name}</strong> ({a.email}) · {t(`roles.${a.role}`)} ·{" "}
              {a.indicators?.length ? t("ws.assign.someIndicators", { codes: a.indicators.join(", ") }) : t("ws.assign.allIndicators")} ·{" "}
              <time dateTime={a.since}>{t("ws.assign.since", { date: formatDateTime(a.since, lang) })}</time>{" "}
              <ConfirmButton
                label={t("ws.assign.end")}
                question={t("ws.assign.endQuestion", { name: a.name, role: t(`roles.${a.role}`) })}
                testId={`ws-assignment-end-${a.userId}`}
                onConfirm={async () => {
                  setError(null);
                  setEnded(null);
                  try {
                    await endAssessorAssignment(ws.id, a.userId, a.role);
                    setEnded(a.name);
                  } catch (e) {
                    setError(e);
                  }
                  list.reload();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      {ended && <Success>{t("ws.assign.ended", { name: ended })}</Success>}
    </section>
  );
}
