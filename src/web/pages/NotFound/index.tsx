import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, isRecord } from "../../api";
import { ErrorMessage } from "../../components/Status";
import { usePageTitle } from "../../usePageTitle";

/** The page for an address (or a record behind it) that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <section className="page-narrow" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to="/" className="button">
          {t("notFound.home")}
        </Link>
      </p>
    </section>
  );
}

/**
 * A detail page's failed load: a 404 from the API, or an address the API refuses as malformed
 * (a 400 on a path parameter, e.g. /publik/instansi/abc), is the not-found page (nothing to retry);
 * anything else the error with a retry button.
 */
export function LoadFailure({ error, retry }: { error: unknown; retry: () => void }) {
  if (error instanceof ApiError && (error.status === 404 || isBadAddress(error))) return <NotFoundPage />;
  return <ErrorMessage error={error} retry={retry} />;
}

function isBadAddress(error: ApiError): boolean {
  return error.status === 400 && error.code === "validation_error" && isRecord(error.details) && typeof error.details.field === "string" && error.details.field.startsWith("params.");
}
