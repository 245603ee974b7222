import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { PublicResult } from "../../api";
import type { ResultNode } from "../../../core";
import { PredicateBadge } from "../../components/Badges";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import type { SortDir, SortKey } from "./portal";
import { Missing } from "./Missing";

interface Props {
  year: number;
  rows: PublicResult[];
  /** The value columns: the top-level nodes of the year's instrument. */
  columns: ResultNode[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
}

/** A column header that sorts the table; its state is announced through aria-sort. */
function SortHeader({ column, label, title, sort, onSort, numeric }: { column: SortKey; label: string; title?: string; sort: Props["sort"]; onSort: Props["onSort"]; numeric?: boolean }) {
  const { t } = useTranslation();
  const active = sort.key === column;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} title={t("portal.sortBy", { column: title ?? label })} data-testid={`sort-${column}`}>
        {title ? <abbr title={title}>{label}</abbr> : label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        {active && <span className="visually-hidden">, {t(sort.dir === "asc" ? "portal.sortedAsc" : "portal.sortedDesc")}</span>}
      </button>
    </th>
  );
}

/** One year's published results with sortable columns; names link to the instansi and province pages. */
export function PortalResultsTable({ year, rows, columns, sort, onSort }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const captionId = useId();
  const header = { sort, onSort };
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table portal-table" data-testid="portal-results">
        <caption id={captionId}>{t("portal.resultsCaption", { year })}</caption>
        <thead>
          <tr>
            <SortHeader column="name" label={t("portal.colAgency")} {...header} />
            <SortHeader column="category" label={t("portal.colCategory")} {...header} />
            <SortHeader column="province" label={t("portal.colProvince")} {...header} />
            {columns.map((c) => (
              <SortHeader key={c.code} column={c.code} label={c.code} title={c.name} numeric {...header} />
            ))}
            <SortHeader column="index" label={t("portal.colIndex")} numeric {...header} />
            <th scope="col">{t("portal.colPredicate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agencyCode}>
              <th scope="row">
                <Link to={`/publik/instansi/${encodeURIComponent(r.agencyCode)}`}>{r.agencyName}</Link>
              </th>
              <td>{t(`portal.categories.${r.category as "kota"}`, { defaultValue: r.category })}</td>
              <td>{r.provinceCode ? <Link to={`/publik/provinsi/${r.provinceCode}?tahun=${year}`}>{r.provinceName ?? r.provinceCode}</Link> : <Missing />}</td>
              {columns.map((c) => (
                <td key={c.code} className="num">
                  {r.nodes[c.code] === undefined ? <Missing /> : formatIndex(r.nodes[c.code]!, lang)}
                </td>
              ))}
              <td className="num num-latest">{formatIndex(r.index, lang)}</td>
              <td>
                <PredicateBadge name={r.predicate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
