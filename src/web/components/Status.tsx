import { useTranslation } from "react-i18next";
import { ApiError } from "../api";

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
  let text: string;
  if (error instanceof ApiError && error.code === "not_found") text = t("errors.not_found");
  else if (error instanceof ApiError && (error.code === "network" || error.code === "invalid_response")) text = t(`errors.${error.code}`);
  else text = t("errors.generic", { code: error instanceof ApiError ? error.code : "unknown" });
  return (
    <div className="status-error" role="alert">
      <p className="status-error-title">{t("errors.title")}</p>
      <p>{text}</p>
      {retry && (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t("errors.retry")}
        </button>
      )}
    </div>
  );
}
