import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PredicateBadge } from "../../components/Badges";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { Loading } from "../../components/Status";
import { LoadFailure } from "../NotFound";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { fetchPublicAgency, type PublicAgency, type PublicAgencyYear } from "../../publicApi";
import type { ResultInstrument } from "../../api";
import { breakMarkLine, brokenLineSeries, SeriesBreakNote, trendBreaks } from "../../components/SeriesBreak";
import { resultColumns } from "../../resultColumns";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { Breadcrumbs } from "./Breadcrumbs";
import { Missing } from "./Missing";

/** The index per year: one line per index family (SPBE, Pemdi) with a marked break, never one joined line. */
function HistoryChart({ name, history, instruments }: { name: string; history: PublicAgencyYear[]; instruments: ResultInstrument[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t("portal.agency.historyLabel", { name });
  // Every value column any year has (e.g. D1–D4 up to 2025, then A1–A7).
  const columns = useMemo(() => resultColumns(instruments), [instruments]);
  const breaks = useMemo(() => trendBreaks(history, instruments), [history, instruments]);
  const option = useMemo<ChartOption>(() => {
    const num = chartNumber(lang);
    const years = history.map((h) => h.year);
    const lines = brokenLineSeries(years, history, instruments, {
      color: "#0b4a6f",
      symbolSize: 9,
      label: { show: true, position: "top", formatter: (p: { value: number }) => num(p.value), color: "#1b2430" },
    });
    const markLine = breakMarkLine(breaks);
    return {
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: "category", data: years.map(String), axisLabel: { color: "#1b2430" } },
      yAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { formatter: chartNumber(lang, 0), color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: num },
      series: lines.map((l, i) => (i === 0 && markLine ? { ...l, markLine } : l)),
    };
  }, [history, instruments, breaks, lang]);
  return (
    <>
      <Chart
        option={option}
        label={label}
        height={260}
        showTable
        table={
          <table className="data-table" data-testid="agency-history">
            <caption>{t("portal.agency.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("portal.colYear")}</th>
                <th scope="col" className="num">
                  {t("portal.colIndex")}
                </th>
                <th scope="col">{t("portal.colPredicate")}</th>
                <th scope="col" className="num">
                  {t("portal.colRank")}
                </th>
                {columns.map((c) => (
                  <th scope="col" className="num" key={c.code}>
                    <abbr title={c.name}>{c.code}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.year}>
                  <th scope="row">{h.year}</th>
                  <td className="num num-latest">{formatIndex(h.index, lang)}</td>
                  <td>
                    <PredicateBadge name={h.predicate} />
                  </td>
                  <td className="num">{h.rank !== null && h.rankOf !== null ? t("portal.agency.rankCell", { rank: h.rank, of: h.rankOf }) : <Missing />}</td>
                  {columns.map((c) => {
                    const v = h.nodes[c.code];
                    return (
                      <td className="num" key={c.code}>
                        {v === undefined ? <Missing /> : formatIndex(v, lang)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <SeriesBreakNote breaks={breaks} />
    </>
  );
}

/** One year's published values of the top-level nodes of its instrument (D1–D4, or A1–A7 for Pemdi). */
function NodeChart({ name, result, instrument }: { name: string; result: PublicAgencyYear; instrument: ResultInstrument | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t("portal.agency.domainsLabel", { name, year: result.year });
  const nodes = useMemo(() => instrument?.nodes ?? Object.keys(result.nodes).map((code) => ({ code, name: code, kind: "" })), [instrument, result]);
  const names = useMemo(() => nodes.map((n) => (n.name === n.code ? n.code : `${n.code} ${n.name}`)), [nodes]);
  const option = useMemo<ChartOption>(() => {
    const num = chartNumber(lang);
    return {
      grid: { left: Math.min(300, 16 + 7 * Math.max(...names.map((n) => n.length))), right: 48, top: 8, bottom: 24 },
      xAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { formatter: chartNumber(lang, 0), color: "#1b2430" } },
      yAxis: { type: "category", inverse: true, data: names, axisLabel: { color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: num },
      series: [{ type: "bar", data: nodes.map((n) => result.nodes[n.code] ?? 0), color: "#0b4a6f", label: { show: true, position: "right", formatter: (p: { value: number }) => num(p.value), color: "#1b2430" } }],
    };
  }, [result, lang, names, nodes]);
  return (
    <Chart
      option={option}
      label={label}
      height={220}
      table={
        <table className="data-table" data-testid="agency-nodes">
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portal.colDomain")}</th>
              <th scope="col" className="num">
                {t("portal.colValue")}
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n, i) => (
              <tr key={n.code}>
                <th scope="row">{names[i]}</th>
                <td className="num">{result.nodes[n.code] === undefined ? <Missing /> : formatIndex(result.nodes[n.code]!, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function AgencyView({ data }: { data: PublicAgency }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { agency, history } = data;
  const latest = history.at(-1);
  const withDomains = [...history].reverse().find((h) => Object.keys(h.nodes).length > 0);
  const category = t(`portal.categories.${agency.category}`);
  return (
    <div className="portal">
      <Breadcrumbs items={[...(agency.province && agency.category !== "provinsi" ? [{ to: `/publik/provinsi/${agency.province.code}`, label: agency.province.name }] : [])]} current={agency.name} />
      <h1>{agency.name}</h1>
      <dl className="facts portal-facts">
        <div>
          <dt>{t("portal.agency.code")}</dt>
          <dd>{agency.code}</dd>
        </div>
        <div>
          <dt>{t("portal.agency.category")}</dt>
          <dd>{category}</dd>
        </div>
        {agency.province && (
          <div>
            <dt>{t("portal.agency.province")}</dt>
            <dd>
              <Link to={`/publik/provinsi/${agency.province.code}`}>{agency.province.name}</Link>
            </dd>
          </div>
        )}
      </dl>
      {latest ? (
        <>
          <section className="card portal-latest" aria-labelledby="agency-latest">
            <h2 id="agency-latest">{t("portal.agency.latest", { year: latest.year })}</h2>
            <p>
              <span className="portal-index" data-testid="agency-index">
                {formatIndex(latest.index, lang)}
              </span>{" "}
              <PredicateBadge name={latest.predicate} />
            </p>
            {latest.rank !== null && latest.rankOf !== null && <p>{t("portal.agency.rank", { rank: latest.rank, of: latest.rankOf, category: category.toLowerCase() })}</p>}
            <p>
              <a className="button button-secondary" href={`/api/public/results?agency=${encodeURIComponent(agency.code)}&format=csv`} download>
                {t("portal.csvThis")}
              </a>
            </p>
          </section>
          <section className="section" aria-labelledby="agency-history-title">
            <h2 id="agency-history-title">{t("portal.agency.historyTitle")}</h2>
            <HistoryChart name={agency.name} history={history} instruments={data.instruments} />
          </section>
          {withDomains ? (
            <section className="section" aria-labelledby="agency-domains-title">
              <h2 id="agency-domains-title">{t("portal.agency.domainsTitle", { year: withDomains.year })}</h2>
              <NodeChart name={agency.name} result={withDomains} instrument={data.instruments.find((i) => i.instrument === withDomains.instrument)} />
            </section>
          ) : (
            <p>{t("portal.agency.noDomains")}</p>
          )}
        </>
      ) : (
        <p>{t("portal.agency.noResults")}</p>
      )}
    </div>
  );
}

/** /publik/instansi/:code: one instansi's published history, rank and the breakdown by its instrument's top-level nodes. */
export function PublicAgencyPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const state = useApi(`public-agency-${code}`, (signal) => fetchPublicAgency(code, signal));
  usePageTitle(state.status === "ok" ? state.data.agency.name : t("portal.title"));
  if (state.status === "loading") return <Loading label={t("portal.agency.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <AgencyView data={state.data} />;
}
