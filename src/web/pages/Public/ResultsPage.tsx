import { Link } from "react-router";
import { useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { pageFromParam, Pagination } from "../../components/Pagination";
import { ErrorMessage, Loading } from "../../components/Status";
import { chartNumber } from "../../components/Chart";
import { useLang } from "../../i18n";
import { fetchProvinces, fetchPublicYears, fetchYearResults, type PublicYear } from "../../publicApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { OpenDataDownloads } from "./OpenDataDownloads";
import { isSortKey, sortResults, type SortDir, type SortKey } from "./portal";
import { resultColumns } from "../../resultColumns";
import { PredicateChart } from "./PredicateChart";
import { ResultsFilters, type Filters } from "./ResultsFilters";
import { PortalResultsTable } from "./ResultsTable";

/** Rows per page of the results table (the predicate chart counts every row). */
const PAGE_SIZE = 50;

type Param = "tahun" | "q" | "kategori" | "provinsi" | "urut" | "arah" | "halaman";

/** Reads the page state from the address (shareable links): ?tahun=&q=&kategori=&provinsi=&urut=&arah=&halaman=. */
function readState(params: URLSearchParams, years: PublicYear[], columns: readonly { code: string }[]) {
  const latest = years.at(-1)?.year ?? 0;
  const year = Number(params.get("tahun"));
  const sortKey = params.get("urut");
  return {
    filters: {
      year: years.some((y) => y.year === year) ? year : latest,
      q: params.get("q") ?? "",
      category: params.get("kategori") ?? "",
      province: params.get("provinsi") ?? "",
    },
    sort: { key: isSortKey(sortKey, columns) ? sortKey : ("index" as SortKey), dir: (params.get("arah") === "asc" ? "asc" : "desc") as SortDir },
  };
}

function YearResults({ years }: { years: PublicYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const { filters } = readState(params, years, []);
  const provinces = useApi("public-provinces", fetchProvinces);
  const key = `${filters.year}|${filters.q}|${filters.category}|${filters.province}`;
  const results = useApi(`public-results-${key}`, (signal) => fetchYearResults(filters, signal));
  // The value columns come from the instrument of the year's results (D1–D4, or A1–A7 for Pemdi).
  const columns = useMemo(() => (results.status === "ok" ? resultColumns(results.data.instruments) : []), [results]);
  const { sort } = readState(params, years, columns);
  const rows = useMemo(() => (results.status === "ok" ? sortResults(results.data.results, sort.key, sort.dir) : []), [results, sort.key, sort.dir]);
  const pageCount = Math.ceil(rows.length / PAGE_SIZE);
  const page = pageFromParam(params.get("halaman"), pageCount);
  const pageRows = useMemo(() => rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), [rows, page]);
  const tableSection = useRef<HTMLElement>(null);

  const update = useCallback(
    (next: Partial<Record<Exclude<Param, "halaman">, string>>) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          // Other filters or another order start again at the first page.
          p.delete("halaman");
          for (const [k, v] of Object.entries(next)) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const onFilters = useCallback(
    (f: Filters) => update({ tahun: String(f.year), q: f.q.trim(), kategori: f.category, provinsi: f.province }),
    [update],
  );
  const onSort = (column: SortKey) => {
    const dir: SortDir = sort.key === column ? (sort.dir === "asc" ? "desc" : "asc") : column === "name" || column === "category" || column === "province" ? "asc" : "desc";
    update({ urut: column, arah: dir });
  };

  return (
    <>
      <ResultsFilters years={years.map((y) => y.year)} provinces={provinces.status === "ok" ? provinces.data : []} value={filters} onChange={onFilters} />
      <p className="portal-count" role="status" data-testid="portal-count">
        {results.status === "ok" ? t("portal.count", { n: chartNumber(lang, 0)(results.data.results.length) }) : ""}
      </p>
      {results.status === "loading" && <Loading label={t("portal.loading")} />}
      {results.status === "error" && <ErrorMessage error={results.error} retry={results.retry} />}
      {results.status === "ok" &&
        (rows.length === 0 ? (
          <p>{t("portal.empty")}</p>
        ) : (
          <>
            <section className="section" aria-labelledby="portal-distribution">
              <h2 id="portal-distribution">{t("portal.distributionTitle")}</h2>
              <PredicateChart year={filters.year} rows={rows} />
            </section>
            <section className="section" aria-label={t("portal.resultsCaption", { year: filters.year })} ref={tableSection} tabIndex={-1}>
              <PortalResultsTable year={filters.year} rows={pageRows} columns={columns} sort={sort} onSort={onSort} />
              <Pagination
                page={page}
                pageCount={pageCount}
                pageSize={PAGE_SIZE}
                total={rows.length}
                param="halaman"
                label={t("portal.pages")}
                onNavigate={() => requestAnimationFrame(() => tableSection.current?.focus())}
                testId="portal-pager"
              />
              {columns.length > 0 && <p className="table-note">{columns.map((c) => `${c.name} (${c.code})`).join(" · ")}</p>}
            </section>
          </>
        ))}
    </>
  );
}

/** /publik: every published result of a year, searchable and sortable, with the open-data files. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  usePageTitle(t("portal.title"));
  const years = useApi("public-years", fetchPublicYears);
  return (
    <div className="portal">
      <h1>{t("portal.title")}</h1>
      <p className="lead">{t("portal.lead")}</p>
      <p>
        <Link to="/layanan" data-testid="portal-services-link">
          {t("services.public.fromPortal")}
        </Link>
      </p>
      {years.status === "loading" && <Loading label={t("portal.loading")} />}
      {years.status === "error" && <ErrorMessage error={years.error} retry={years.retry} />}
      {years.status === "ok" &&
        (years.data.length === 0 ? (
          <p>{t("portal.empty")}</p>
        ) : (
          <>
            <YearResults years={years.data} />
            <OpenDataDownloads years={years.data} />
          </>
        ))}
    </div>
  );
}
