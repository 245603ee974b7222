import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AGENCY_CATEGORIES } from "../../publicApi";

export interface Filters {
  year: number;
  q: string;
  category: string;
  province: string;
}

interface Props {
  years: number[];
  provinces: { code: string; name: string }[];
  value: Filters;
  onChange: (next: Filters) => void;
}

/**
 * Year, name search, category and province. Selects apply at once; the search applies after a short
 * pause in typing (or on Enter), so each keystroke does not start a request.
 */
export function ResultsFilters({ years, provinces, value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  useEffect(() => {
    if (q.trim() === value.q) return;
    const timer = setTimeout(() => onChange({ ...value, q }), 350);
    return () => clearTimeout(timer);
  }, [q, value, onChange]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, q });
  };
  return (
    <form className="card filter-form portal-filters" role="search" aria-label={t("portal.filters")} onSubmit={submit}>
      <div className="filter-grid portal-filter-grid">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t("portal.year")}</label>
          <select id={`${id}-year`} value={value.year} onChange={(e) => onChange({ ...value, year: Number(e.target.value) })} data-testid="portal-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field portal-search">
          <label htmlFor={`${id}-q`}>{t("portal.search")}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-q-hint`} maxLength={100} autoComplete="off" data-testid="portal-search" />
          <p className="hint" id={`${id}-q-hint`}>
            {t("portal.searchHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t("portal.category")}</label>
          <select id={`${id}-category`} value={value.category} onChange={(e) => onChange({ ...value, category: e.target.value })} data-testid="portal-category">
            <option value="">{t("portal.all")}</option>
            {AGENCY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`portal.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-province`}>{t("portal.province")}</label>
          <select id={`${id}-province`} value={value.province} onChange={(e) => onChange({ ...value, province: e.target.value })} data-testid="portal-province">
            <option value="">{t("portal.all")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {t("portal.apply")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onChange({ year: value.year, q: "", category: "", province: "" })}>
          {t("portal.reset")}
        </button>
      </div>
    </form>
  );
}
