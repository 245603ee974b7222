import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../errorText";

/** A polite loading line for screen readers and sighted readers alike. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="status-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A failed request, explained in the reader's language, with a retry button. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="status-error" role="alert">
      <p className="status-error-title">{t("errors.title")}</p>
      <p>{errorText(t, error)}</p>
      {retry && (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t("errors.retry")}
        </button>
      )}
    </div>
  );
}

/** The error summary of a form: announced at once (role="alert"); nothing when there is no error. */
export function FormError({ error, id, testId }: { error: unknown; id?: string; testId?: string }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <div className="status-error form-error" role="alert" id={id} data-testid={testId}>
      <p>{typeof error === "string" ? error : errorText(t, error)}</p>
    </div>
  );
}

/** A confirmation after a successful action, read out politely; `focus` moves focus to it (when the form it replaces is gone). */
export function Success({ children, testId, focus }: { children: ReactNode; testId?: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} className="status-success" role="status" data-testid={testId} tabIndex={focus ? -1 : undefined}>
      {children}
    </div>
  );
}
