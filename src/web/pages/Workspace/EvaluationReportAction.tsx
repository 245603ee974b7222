import { useTranslation } from "react-i18next";
import { DocumentJobButton } from "../../components/DocumentJobButton";
import { useWorkspace } from "./context";

/** Once final: the Laporan Hasil Evaluasi, produced in the background with its progress, then downloaded. */
export function EvaluationReportAction() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  if (ws.stage !== "final" || ws.results.length === 0) return null;
  return (
    <div className="ws-action">
      <h3>{t("cycle.lhe.title")}</h3>
      <p className="small muted">{t("cycle.lhe.intro")}</p>
      <DocumentJobButton job={{ kind: "lhe", assessmentId: ws.id }} label={t("cycle.lhe.button")} testId="ws-lhe" />
    </div>
  );
}
