import { useTranslation } from "react-i18next";
import { DocumentJobButton } from "../../components/DocumentJobButton";
import { useSearchParams } from "react-router";
import { PredicateBadge } from "../../components/Badges";
import { RequireSession } from "../../components/RequireSession";
import { StatCards, type Stat } from "../../components/StatCards";
import { ErrorMessage, Loading } from "../../components/Status";
import { fetchCockpit, fetchCockpitProvinces, type Cockpit } from "../../dashboardsApi";
import { formatChange, formatIndex, formatIndexOr, formatPercent, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { DomainRadar, RankingChart, TrendChart } from "./CockpitCharts";
import { HeatMap, WeakestIndicators } from "./HeatMap";
import { AspectRadar } from "./AspectRadar";
import { ProgressChart, Targets } from "./ProgressAndTargets";

function Summary({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const prov = data.agencies.find((a) => a.code === data.province.code);
  const best = data.agencies.find((a) => a.rank === 1);
  const target = data.targets.find((x) => x.year === data.year);
  const filled = data.progress.reduce((n, r) => n + r.filled, 0);
  const total = data.progress.reduce((n, r) => n + r.total, 0);
  const stats: Stat[] = [
    {
      label: t("cockpit.summary.provinceIndex", { year: data.year }),
      value: formatIndexOr(prov?.result?.index, lang),
      note: prov?.result ? (
        <>
          <PredicateBadge name={prov.result.predicate} /> {prov.change !== null && t("cockpit.summary.since", { change: formatChange(prov.change, lang), year: prov.previous!.year })}
        </>
      ) : undefined,
      testId: "stat-province-index",
    },
    { label: t("cockpit.summary.average"), value: formatIndexOr(data.averages.province.index, lang), note: t("cockpit.summary.averageNote", { count: data.averages.province.count }), testId: "stat-average" },
    { label: t("cockpit.summary.best"), value: formatIndexOr(best?.result?.index, lang), note: best?.name, testId: "stat-best" },
    { label: t("cockpit.summary.target", { year: data.year }), value: formatIndexOr(target?.target, lang), note: target?.gap != null ? (target.gap > 0 ? t("cockpit.targets.below", { gap: formatIndex(target.gap, lang) }) : t("cockpit.targets.reached", { gap: formatChange(-target.gap, lang) })) : undefined },
    { label: t("cockpit.summary.progress"), value: total ? formatPercent(filled / total, lang) : NO_VALUE, note: t("cockpit.summary.progressNote", { count: data.progress.length }), testId: "stat-progress" },
  ];
  return <StatCards stats={stats} label={t("cockpit.summary.label")} />;
}

function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section className="section dashboard-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="hint">{intro}</p>}
      {children}
    </section>
  );
}

function CockpitView({ code, year, onYear }: { code: string; year: number | null; onYear: (year: string) => void }) {
  const { t } = useTranslation();
  const state = useApi(`cockpit-${code}-${year ?? ""}`, (signal) => fetchCockpit(code, year, signal));
  if (state.status === "loading") return <Loading label={t("cockpit.loading")} />;
  if (state.status === "error") return <ErrorMessage error={state.error} retry={state.retry} />;
  const data = state.data;
  return (
    <div data-testid="cockpit">
      <div className="field inline-field no-print">
        <label htmlFor="cockpit-year">{t("cockpit.year")}</label>
        <select id="cockpit-year" value={year ?? ""} onChange={(e) => onYear(e.target.value)} data-testid="cockpit-year">
          <option value="">{t("cockpit.latestYear", { year: data.years[0] ?? "" })}</option>
          {data.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {data.years.includes(data.year) && (
        <div className="no-print">
          <DocumentJobButton job={{ kind: "province-summary", province: code, year: data.year }} label={t("cockpit.summaryPdf", { year: data.year })} testId="cockpit-summary-pdf" />
        </div>
      )}
      <Summary data={data} />
      <Section id="ck-ranking" title={t("cockpit.ranking.title", { year: data.year })}>
        <RankingChart data={data} />
      </Section>
      <Section id="ck-radar" title={t("cockpit.radar.title")} intro={t("cockpit.radar.intro")}>
        <DomainRadar data={data} />
      </Section>
      <Section id="ck-trend" title={t("cockpit.trend.title")} intro={t("cockpit.trend.intro")}>
        <TrendChart data={data} />
      </Section>
      <Section id="ck-progress" title={t("cockpit.progress.title")}>
        <ProgressChart data={data} />
      </Section>
      <Section id="ck-aspects" title={t("cockpit.aspectRadar.title")} intro={t("cockpit.aspectRadar.intro")}>
        <AspectRadar data={data} />
      </Section>
      <Section id="ck-heatmap" title={t("cockpit.heatmap.title")} intro={t("cockpit.heatmap.intro")}>
        <HeatMap data={data} />
      </Section>
      <Section id="ck-weakest" title={t("cockpit.weakest.title")} intro={t("cockpit.weakest.intro")}>
        <WeakestIndicators data={data} />
      </Section>
      <Section id="ck-targets" title={t("cockpit.targets.title")} intro={t("cockpit.targets.intro")}>
        <Targets data={data} onSaved={state.reload} />
      </Section>
      <p className="table-note">{t("cockpit.rounding")}</p>
    </div>
  );
}

function CockpitPicker() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const provinces = useApi("cockpit-provinces", (signal) => fetchCockpitProvinces(signal));
  if (provinces.status === "loading") return <Loading label={t("cockpit.loading")} />;
  if (provinces.status === "error") return <ErrorMessage error={provinces.error} retry={provinces.retry} />;
  const list = provinces.data;
  if (!list.length) return <p>{t("cockpit.noProvince")}</p>;
  // Jambi first (the first province using Pandu) when a national role opens the page.
  const code = list.find((p) => p.code === params.get("provinsi"))?.code ?? list.find((p) => p.code === "15")?.code ?? list[0]!.code;
  const yearParam = Number(params.get("tahun"));
  const year = Number.isInteger(yearParam) && yearParam >= 2018 ? yearParam : null;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <>
      {list.length > 1 && (
        <form className="filter-form dashboard-filters no-print" role="search" aria-label={t("cockpit.filters")} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="cockpit-province">{t("cockpit.province")}</label>
            <select id="cockpit-province" value={code} onChange={(e) => set("provinsi", e.target.value)} data-testid="cockpit-province">
              {list.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </form>
      )}
      <CockpitView code={code} year={year} onYear={(y) => set("tahun", y)} />
    </>
  );
}

/** `/kokpit`: the province cockpit (Koordinator Provinsi, the province's Pimpinan, national roles). */
export function CockpitPage() {
  const { t } = useTranslation();
  usePageTitle(t("cockpit.title"));
  return (
    <RequireSession ability="openCockpit">
      <div className="dashboard">
        <h1>{t("cockpit.title")}</h1>
        <p className="lead">{t("cockpit.lead")}</p>
        <CockpitPicker />
      </div>
    </RequireSession>
  );
}
