import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Success } from "../../components/Status";
import { formatDateTime, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import { saveGeneralRecommendation, type Analysis } from "../../planningApi";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** The drafted general recommendation, edited and saved by the assessor (read-only for others). */
export function GeneralRecommendation({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [text, setText] = useState(analysis.saved?.text ?? analysis.draft);
  const [saved, setSaved] = useState<string | null>(analysis.saved?.editedAt ?? null);
  const { busy, error, run } = useSubmit();
  const [justSaved, setJustSaved] = useState(false);
  const editable = analysis.abilities.editRecommendation;
  const [savedText, setSavedText] = useState(text);
  useUnsavedChanges(editable && text !== savedText);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setJustSaved(false);
    await run(async () => {
      const r = await saveGeneralRecommendation(analysis.assessmentId, text);
      setSaved(r.editedAt);
      setSavedText(text);
      setJustSaved(true);
    });
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("planning.generalTitle")}</h2>
      <p className="muted">{analysis.saved ? t("planning.generalSaved", { who: analysis.saved.editedBy ?? NO_VALUE }) : t("planning.generalDraft")}</p>
      {/* Printed as text: the print stylesheet drops form controls. */}
      <div className="print-only prewrap" data-testid="plan-general-print">
        {text}
      </div>
      <form className="form form-wide" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("planning.generalLabel")}</label>
          <textarea id={`${id}-text`} rows={14} value={text} readOnly={!editable} data-testid="plan-general-text" onChange={(e) => setText(e.target.value)} />
        </div>
        <FormError error={error} />
        {justSaved && <Success testId="plan-general-saved">{t("planning.generalSavedNow")}</Success>}
        {editable && (
          <div className="button-row">
            <button type="submit" className="button" disabled={busy || text.trim().length < 10} data-testid="plan-general-save">
              {t("planning.save")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setText(analysis.draft)}>
              {t("planning.useDraft")}
            </button>
          </div>
        )}
        {saved && <p className="small muted">{t("planning.lastSaved", { at: formatDateTime(saved, lang) })}</p>}
      </form>
    </section>
  );
}
