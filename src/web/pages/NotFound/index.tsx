import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../../usePageTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("notFound.title"));
  return (
    <section className="page-narrow">
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
