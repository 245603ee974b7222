import { useTranslation } from "react-i18next";
import { officialRecordUrl } from "../../assessmentApi";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useWorkspace } from "./context";

/** After submission: the Berita Acara Penilaian Mandiri as a PDF download. */
export function OfficialRecordLink() {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  if (!ws.officialRecord) return null;
  return (
    <div className="ws-action">
      <h3>{t("cycle.record.title")}</h3>
      <p className="small muted">{t("cycle.record.intro", { date: formatDateTime(ws.officialRecord.submittedAt, lang) })}</p>
      <div>
        <a className="button button-small" href={officialRecordUrl(ws.id)} download data-testid="ws-berita-acara">
          {t("cycle.record.download")}
        </a>
      </div>
    </div>
  );
}
