import { useTranslation } from "react-i18next";
import { officialRecordUrl } from "../../assessmentApi";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useWorkspace } from "./context";

/**
 * The Berita Acara of every stage that has closed — the self-assessment, the document review, the
 * interview, the visit — and of the latest review decision, each a PDF download with its date.
 */
export function OfficialRecordLink() {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  if (!ws.officialRecords.length) return null;
  return (
    <div className="ws-action">
      <h3>{t("cycle.record.heading")}</h3>
      {ws.officialRecord && <p className="small muted">{t("cycle.record.intro", { date: formatDateTime(ws.officialRecord.submittedAt, lang) })}</p>}
      <ul className="official-records">
        {ws.officialRecords.map((r) => (
          <li key={r.stage}>
            <a className="button button-small" href={officialRecordUrl(ws.id, r.stage)} download data-testid={r.stage === "mandiri" ? "ws-berita-acara" : `ws-berita-acara-${r.stage}`}>
              {t(`cycle.record.kinds.${r.stage}`)}
            </a>{" "}
            <span className="small muted">
              {r.decision ? `${t(`cycle.record.decisions.${r.decision}`)} · ` : ""}
              {formatDateTime(r.at, lang)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
