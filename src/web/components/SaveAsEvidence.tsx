import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../format";
import { useLang } from "../i18n";
import type { SavedEvidence } from "../serviceDashboardApi";
import { useSubmit } from "../useSubmit";
import { ConfirmButton } from "./ConfirmButton";
import { FormError } from "./Status";

/**
 * "Simpan sebagai bukti": asks first, then says where the generated file went (the agency's evidence
 * library, and the indicators it was linked to, or why it was not). Used by the service dashboard and
 * the published SKM report; `intro` and `question` say what is saved.
 */
export function SaveAsEvidence({ code, intro, question, save, testId = "save-evidence" }: { code: string; intro: string; question: string; save: () => Promise<SavedEvidence>; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const submit = useSubmit();
  const [saved, setSaved] = useState<SavedEvidence | null>(null);
  return (
    <section className="section" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{t("serviceDashboard.save.title")}</h2>
      <p>{intro}</p>
      <FormError error={submit.error} testId={`${testId}-error`} />
      <ConfirmButton
        label={t("serviceDashboard.save.button")}
        question={question}
        confirmLabel={t("serviceDashboard.save.confirm")}
        className="button"
        testId={testId}
        onConfirm={async () => {
          await submit.run(async () => setSaved(await save()));
        }}
      />
      {saved && (
        <div className="notice" role="status" data-testid={`${testId}-result`}>
          <p>
            {t(saved.deduplicated ? "serviceDashboard.save.deduplicated" : "serviceDashboard.save.saved", { title: saved.title, date: formatDate(saved.documentDate, lang) })}{" "}
            <Link to={`/bukti?instansi=${encodeURIComponent(code)}`}>{t("serviceDashboard.save.library")}</Link>
          </p>
          {saved.links.length > 0 ? (
            <p>{t("serviceDashboard.save.linked", { period: saved.links[0]!.periodName, codes: [...new Set(saved.links.map((l) => l.indicatorCode))].join(", ") })}</p>
          ) : (
            <p>{t(saved.notLinked === "no_assessment" ? "serviceDashboard.save.noAssessment" : "serviceDashboard.save.stageClosed")}</p>
          )}
        </div>
      )}
    </section>
  );
}
