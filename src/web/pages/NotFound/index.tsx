import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../api";
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

/** A detail page's failed load: a 404 from the API is the not-found page (nothing to retry); anything else the error with a retry button. */
export function LoadFailure({ error, retry }: { error: unknown; retry: () => void }) {
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  return <ErrorMessage error={error} retry={retry} />;
}
