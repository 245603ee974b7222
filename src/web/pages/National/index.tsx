import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { OFFICIAL_PREDICATES } from "../../../core";
import { pageFromParam, Pagination } from "../../components/Pagination";
import { RequireSession } from "../../components/RequireSession";
import { StatCards } from "../../components/StatCards";
import { ErrorMessage, Loading } from "../../components/Status";
import { CATEGORIES, fetchNational, fetchProvinces, type National, type NationalFilters } from "../../dashboardsApi";
import { formatIndexOr } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { AgencyTable, CategoryAverages, Histogram, PredicateCounts } from "./NationalCharts";

/** Rows per page of the full ranked list. */
const PAGE_SIZE = 50;
/** URL parameter (Indonesian) → API filter. */
const PARAMS: Record<keyof NationalFilters, string> = { year: "tahun", category: "kategori", province: "provinsi", predicate: "predikat" };

function Filters({ value, years, onApply }: { value: NationalFilters; years: number[]; onApply(f: NationalFilters): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const provinces = useApi("provinces", (signal) => fetchProvinces(signal));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const select = (key: keyof NationalFilters, options: { value: string; label: string }[], all: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`national.filter.${key}`)}</label>
      <select id={`${id}-${key}`} value={draft[key] ?? ""} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} data-testid={`national-${key}`}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="card filter-form no-print" role="search" aria-label={t("national.filters")} onSubmit={submit}>
      <div className="filter-grid">
        {select("year", years.map((y) => ({ value: String(y), label: String(y) })), t("national.latestYear"))}
        {select("category", CATEGORIES.map((c) => ({ value: c, label: t(`national.category.${c}`) })), t("national.allCategories"))}
        {select("province", provinces.status === "ok" ? provinces.data.map((p) => ({ value: p.code, label: p.name })) : [], t("national.allProvinces"))}
        {select("predicate", OFFICIAL_PREDICATES.map((p) => ({ value: p, label: p })), t("national.allPredicates"))}
      </div>
      <div className="button-row">
        <button type="submit" className="button" data-testid="national-apply">
          {t("national.apply")}
        </button>
      </div>
    </form>
  );
}

function NationalView({ data }: { data: National }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const pageCount = Math.ceil(data.agencies.length / PAGE_SIZE);
  const page = pageFromParam(params.get("halaman"), pageCount);
  // Opened by itself when the address names a page of the list (a shared link); read once, so
  // moving between pages leaves the reader's open/closed choice alone.
  const [listOpen] = useState(() => params.has("halaman"));
  const list = useRef<HTMLDetailsElement>(null);
  const memuaskan = data.predicates.find((p) => p.predicate === OFFICIAL_PREDICATES[0])?.count ?? 0;
  return (
    <div data-testid="national">
      {data.scope === "assigned" && <p className="status-info">{t("national.assignedOnly")}</p>}
      <StatCards
        label={t("national.summary")}
        stats={[
          { label: t("national.stat.count", { year: data.year }), value: data.count, testId: "stat-count" },
          { label: t("national.stat.average"), value: formatIndexOr(data.average.index, lang), note: t("national.stat.averageNote"), testId: "stat-national-average" },
          { label: t("national.stat.top"), value: formatIndexOr(data.top[0]?.index, lang), note: data.top[0]?.name },
          { label: t("national.stat.memuaskan"), value: memuaskan },
        ]}
      />
      <section className="section dashboard-section" aria-labelledby="nat-categories">
        <h2 id="nat-categories">{t("national.categories.title")}</h2>
        <CategoryAverages data={data} />
      </section>
      <div className="dashboard-grid">
        <section className="section dashboard-section" aria-labelledby="nat-histogram">
          <h2 id="nat-histogram">{t("national.histogram.title")}</h2>
          <Histogram data={data} />
        </section>
        <section className="section dashboard-section" aria-labelledby="nat-predicates">
          <h2 id="nat-predicates">{t("national.predicates.title")}</h2>
          <PredicateCounts data={data} />
        </section>
      </div>
      <section className="section dashboard-section" aria-labelledby="nat-top">
        <h2 id="nat-top">{t("national.top.title")}</h2>
        <AgencyTable rows={data.top} caption={t("national.top.caption", { year: data.year })} testId="national-top" />
      </section>
      <section className="section dashboard-section" aria-labelledby="nat-bottom">
        <h2 id="nat-bottom">{t("national.bottom.title")}</h2>
        <AgencyTable rows={data.bottom} caption={t("national.bottom.caption", { year: data.year })} testId="national-bottom" />
      </section>
      <details className="section no-print" open={listOpen || undefined} ref={list}>
        <summary>{t("national.allList", { count: data.count })}</summary>
        <AgencyTable rows={data.agencies.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)} caption={t("national.allCaption", { count: data.count, year: data.year })} testId="national-all" />
        <Pagination
          page={page}
          pageCount={pageCount}
          pageSize={PAGE_SIZE}
          total={data.agencies.length}
          param="halaman"
          label={t("national.allPages")}
          onNavigate={() => requestAnimationFrame(() => list.current?.querySelector("summary")?.focus())}
          testId="national-pager"
        />
      </details>
      <p className="table-note">{t("national.rounding")}</p>
    </div>
  );
}

function NationalContent() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [k, params.get(p) ?? ""])) as NationalFilters;
  const key = JSON.stringify(filters);
  const state = useApi(`national-${key}`, (signal) => fetchNational(filters, signal));
  const apply = (f: NationalFilters) => {
    const next = new URLSearchParams();
    for (const [k, p] of Object.entries(PARAMS)) if (f[k as keyof NationalFilters]) next.set(p, f[k as keyof NationalFilters]!);
    setParams(next);
  };
  return (
    <>
      <Filters key={key} value={filters} years={state.status === "ok" ? state.data.years : []} onApply={apply} />
      {state.status === "loading" && <Loading label={t("national.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && <NationalView data={state.data} />}
    </>
  );
}

/** `/nasional`: the national view (Administrator, Tim Reviu; external assessors see their agencies). */
export function NationalPage() {
  const { t } = useTranslation();
  usePageTitle(t("national.title"));
  return (
    <RequireSession ability="openNational">
      <div className="dashboard">
        <h1>{t("national.title")}</h1>
        <p className="lead">{t("national.lead")}</p>
        <NationalContent />
      </div>
    </RequireSession>
  );
}
