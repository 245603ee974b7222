import { useTranslation } from "react-i18next";
import type { AuditEvent } from "../../adminApi";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { auditActionText, auditChanges } from "./auditText";

/** "field: before → after" for every field whose value changed, in words (never raw JSON), wrapping inside the cell. */
function Changes({ changes }: { changes: AuditEvent["changes"] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = auditChanges(t, lang, changes);
  if (!list.length) return <>–</>;
  return (
    <ul className="changes" data-testid="audit-changes">
      {list.map((c) => (
        <li key={c.field}>
          <span className="change-field">{c.label}</span>: {c.before} <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t("audit.becomes")}</span> {c.after}
        </li>
      ))}
    </ul>
  );
}

/** The action's name in the reader's language, with its code below (the code is what the filter takes). */
function Action({ code }: { code: string }) {
  const { t } = useTranslation();
  const label = auditActionText(t, code);
  return (
    <>
      <span className="cell-title" data-testid="audit-action">{label}</span>
      {label !== code && (
        <code className="cell-sub" title={t("audit.code")}>
          {code}
        </code>
      )}
    </>
  );
}

/** The audit events, newest first. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" data-testid="audit-table">
        <caption>{t("audit.caption", { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.col.at")}</th>
            <th scope="col">{t("audit.col.agency")}</th>
            <th scope="col">{t("audit.col.actor")}</th>
            <th scope="col">{t("audit.col.action")}</th>
            <th scope="col">{t("audit.col.target")}</th>
            <th scope="col">{t("audit.col.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
              </td>
              <td>{e.agencyCode ?? t("audit.national")}</td>
              <td>{e.actor}</td>
              <td>
                <Action code={e.action} />
              </td>
              <td>{e.target.id ? `${e.target.type} #${e.target.id}` : e.target.type}</td>
              <td className="changes-cell">
                <Changes changes={e.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
