import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Portal › … › current page, as a labelled navigation landmark. */
export function Breadcrumbs({ items, current }: { items: { to: string; label: string }[]; current: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/publik">{t("portal.home")}</Link>
        </li>
        {items.map((i) => (
          <li key={i.to}>
            <Link to={i.to}>{i.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
