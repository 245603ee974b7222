import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PredicateBadge } from "../../components/Badges";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { fetchPublicAgency, type PublicAgency, type PublicAgencyYear } from "../../publicApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { Breadcrumbs } from "./Breadcrumbs";
import { Missing } from "./Missing";
import { DOMAINS } from "./portal";

function HistoryChart({ name, history }: { name: string; history: PublicAgencyYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t("portal.agency.historyLabel", { name });
  const option = useMemo<ChartOption>(() => {
    const num = chartNumber(lang);
    return {
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: "category", data: history.map((h) => String(h.year)), axisLabel: { color: "#1b2430" } },
      yAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { formatter: chartNumber(lang, 0), color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: num },
      series: [
        {
          type: "line",
          data: history.map((h) => h.index),
          color: "#0b4a6f",
          symbolSize: 9,
          label: { show: true, position: "top", formatter: (p: { value: number }) => num(p.value), color: "#1b2430" },
        },
      ],
    };
  }, [history, lang]);
  return (
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
              {DOMAINS.map((d) => (
                <th scope="col" className="num" key={d}>
                  <abbr title={t(`portal.domains.${d}`)}>{d}</abbr>
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
                {DOMAINS.map((d) => {
                  const v = h.domains[d];
                  return (
                    <td className="num" key={d}>
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
  );
}

function DomainChart({ name, result }: { name: string; result: PublicAgencyYear }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t("portal.agency.domainsLabel", { name, year: result.year });
  const names = useMemo(() => DOMAINS.map((d) => `${d} ${t(`portal.domains.${d}`)}`), [t]);
  const option = useMemo<ChartOption>(() => {
    const num = chartNumber(lang);
    return {
      grid: { left: Math.min(300, 16 + 7 * Math.max(...names.map((n) => n.length))), right: 48, top: 8, bottom: 24 },
      xAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { formatter: chartNumber(lang, 0), color: "#1b2430" } },
      yAxis: { type: "category", inverse: true, data: names, axisLabel: { color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: num },
      series: [{ type: "bar", data: DOMAINS.map((d) => result.domains[d] ?? 0), color: "#0b4a6f", label: { show: true, position: "right", formatter: (p: { value: number }) => num(p.value), color: "#1b2430" } }],
    };
  }, [result, lang, names]);
  return (
    <Chart
      option={option}
      label={label}
      height={220}
      table={
        <table className="data-table">
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
            {DOMAINS.map((d, i) => (
              <tr key={d}>
                <th scope="row">{names[i]}</th>
                <td className="num">{result.domains[d] === undefined ? <Missing /> : formatIndex(result.domains[d], lang)}</td>
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
  const withDomains = [...history].reverse().find((h) => Object.keys(h.domains).length > 0);
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
            <HistoryChart name={agency.name} history={history} />
          </section>
          {withDomains ? (
            <section className="section" aria-labelledby="agency-domains-title">
              <h2 id="agency-domains-title">{t("portal.agency.domainsTitle", { year: withDomains.year })}</h2>
              <DomainChart name={agency.name} result={withDomains} />
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

/** /publik/instansi/:code: one instansi's published history, rank and domain breakdown. */
export function PublicAgencyPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const state = useApi(`public-agency-${code}`, (signal) => fetchPublicAgency(code, signal));
  usePageTitle(state.status === "ok" ? state.data.agency.name : t("portal.title"));
  if (state.status === "loading") return <Loading label={t("portal.agency.loading")} />;
  if (state.status === "error") return <ErrorMessage error={state.error} retry={state.retry} />;
  return <AgencyView data={state.data} />;
}
