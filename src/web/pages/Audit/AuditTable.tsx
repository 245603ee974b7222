import { useTranslation } from "react-i18next";
import type { AuditEvent } from "../../adminApi";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";

const show = (v: unknown) => (v === undefined || v === null ? "–" : typeof v === "string" ? v : JSON.stringify(v));

/** "field: before → after" for every field that appears on either side. */
function Changes({ changes }: { changes: AuditEvent["changes"] }) {
  const { t } = useTranslation();
  const keys = [...new Set([...Object.keys(changes.before ?? {}), ...Object.keys(changes.after ?? {})])].filter(
    (k) => show(changes.before?.[k]) !== show(changes.after?.[k]),
  );
  if (!keys.length) return <>–</>;
  return (
    <ul className="changes">
      {keys.map((k) => (
        <li key={k}>
          <span className="change-field">{k}</span>: {show(changes.before?.[k])} <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t("audit.becomes")}</span> {show(changes.after?.[k])}
        </li>
      ))}
    </ul>
  );
}

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
                <code>{e.action}</code>
              </td>
              <td>{e.target.id ? `${e.target.type} #${e.target.id}` : e.target.type}</td>
              <td>
                <Changes changes={e.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
