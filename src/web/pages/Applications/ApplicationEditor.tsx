import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { answerErrorsOf, attachFile, saveDraft, type AnswerErrorItem } from "../../applicationsApi";
import { FormError } from "../../components/Status";
import { useLang } from "../../i18n";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { answerErrorText, formOf, inputId, text, type Answers } from "./answers";
import { FormFields } from "./FormFields";

/** How long typing may pause before the draft is saved. */
const AUTOSAVE_MS = 1500;

interface Props {
  applicationId: string;
  definition: Record<string, unknown>;
  initial: Answers;
  submitLabel: string;
  /** Sends the answers (submit or resubmit); a 400 `application_invalid` shows every error next to its field. */
  onSubmit(data: Answers): Promise<void>;
}

/**
 * The form of a draft (or of an application sent back for correction): every field type of
 * src/core/forms, the draft saved while typing (`PUT …/draft`, debounced) and before leaving the
 * page, and on submission every answer error at once, listed on top and next to its field.
 */
export function ApplicationEditor({ applicationId, definition, initial, submitLabel, onSubmit }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = formOf(definition);
  const [values, setValues] = useState<Answers>(initial);
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const [errors, setErrors] = useState<AnswerErrorItem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(values);
  latest.current = values;
  const summary = useRef<HTMLDivElement>(null);

  const save = useCallback(async (): Promise<boolean> => {
    setSaveState("saving");
    const sent = latest.current;
    try {
      await saveDraft(applicationId, sent);
      if (latest.current === sent) setDirty(false);
      setSaveState("saved");
      return true;
    } catch {
      setSaveState("failed");
      return false;
    }
  }, [applicationId]);

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [dirty, values, save]);

  useUnsavedChanges(dirty, save);

  const change = (next: Answers) => {
    setValues(next);
    setDirty(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors([]);
    try {
      await onSubmit(latest.current);
      setDirty(false);
    } catch (err) {
      const list = answerErrorsOf(err);
      if (list) setErrors(list);
      else setFailure(err);
      setTimeout(() => summary.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card application-form" onSubmit={(e) => void submit(e)} noValidate aria-label={text(form.title, lang)} data-testid="application-form">
      {form.description && <p>{text(form.description, lang)}</p>}
      {form.legalBasis && (
        <p className="hint">
          {t("applications.form.legalBasis")}: {form.legalBasis}
        </p>
      )}
      <div ref={summary} tabIndex={-1} aria-live="assertive">
        {errors.length > 0 && (
          <div className="status-error" role="alert" data-testid="application-errors">
            <p>{t("applications.form.errorsTitle", { count: errors.length })}</p>
            <ul>
              {errors.map((er, i) => (
                <li key={i}>
                  <a href={`#${inputId(er.path)}`}>{er.path}</a>: {answerErrorText(t, er)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <FormError error={failure} testId="application-failure" />
      </div>
      <FormFields fields={form.fields} values={values} onChange={change} ctx={{ root: values, items: [], errors, upload: (field, file) => attachFile(applicationId, field, file), disabled: busy }} />
      <p className="hint" role="status" data-testid="autosave-state">
        {saveState === "saving" ? t("applications.form.saving") : saveState === "saved" && !dirty ? t("applications.form.saved") : saveState === "failed" ? t("applications.form.saveFailed") : dirty ? t("applications.form.unsaved") : ""}
      </p>
      <div className="button-row">
        <button type="submit" disabled={busy} data-testid="application-submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
