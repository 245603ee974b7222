import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { PredicateBadge } from "../../components/Badges";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { Loading } from "../../components/Status";
import { LoadFailure } from "../NotFound";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { predicateFill } from "../../predicateColours";
import { fetchPublicProvince, type PublicProvince, type PublicProvinceRow } from "../../publicApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { ChangeCell } from "../Home/ResultsTable";
import { Breadcrumbs } from "./Breadcrumbs";
import { Missing } from "./Missing";

function RankingTable({ name, year, rows, previousYear }: { name: string; year: number; rows: PublicProvinceRow[]; previousYear: number | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <table className="data-table" data-testid="province-ranking">
      <caption>{t("portal.provincePage.tableCaption", { name, year })}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t("portal.colRank")}
          </th>
          <th scope="col">{t("portal.colAgency")}</th>
          <th scope="col">{t("portal.colCategory")}</th>
          <th scope="col" className="num">
            {t("portal.colIndex")}
          </th>
          <th scope="col">{t("portal.colPredicate")}</th>
          {previousYear !== null && (
            <>
              <th scope="col" className="num">
                {t("portal.colPrevious", { year: previousYear })}
              </th>
              <th scope="col" className="num">
                {t("portal.colChange")}
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.agencyCode}>
            <td className="num">{r.rank}</td>
            <th scope="row">
              <Link to={`/publik/instansi/${encodeURIComponent(r.agencyCode)}`}>{r.agencyName}</Link>
            </th>
            <td>{t(`portal.categories.${r.category as "kota"}`, { defaultValue: r.category })}</td>
            <td className="num num-latest">{formatIndex(r.index, lang)}</td>
            <td>
              <PredicateBadge name={r.predicate} />
            </td>
            {previousYear !== null && (
              <>
                <td className="num">{r.previousIndex === null ? <Missing /> : formatIndex(r.previousIndex, lang)}</td>
                <td className="num">
                  <ChangeCell value={r.change} />
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RankingChart({ name, data }: { name: string; data: PublicProvince & { year: number } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = t("portal.provincePage.rankingLabel", { name, year: data.year });
  const option = useMemo<ChartOption>(() => {
    const num = chartNumber(lang);
    // Short names as the published tables print them.
    const names = data.regencies.map((r) => r.agencyName.replace(/^Pemerintah /, "").replace(/^Kabupaten /, "Kab. "));
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { formatter: chartNumber(lang, 0), color: "#1b2430" } },
      yAxis: { type: "category", inverse: true, data: names, axisLabel: { color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: num },
      series: [
        {
          type: "bar",
          data: data.regencies.map((r) => ({ value: r.index, itemStyle: { color: predicateFill(r.predicate) } })),
          label: { show: true, position: "right", formatter: (p: { value: number }) => num(p.value), color: "#1b2430" },
        },
      ],
    };
  }, [data, lang]);
  return (
    <Chart
      option={option}
      label={label}
      height={Math.max(160, data.regencies.length * 30 + 48)}
      showTable
      table={<RankingTable name={name} year={data.year} rows={data.regencies} previousYear={data.previousYear} />}
    />
  );
}

function ProvinceView({ data, onYear }: { data: PublicProvince; onYear: (year: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const yearId = useId();
  const name = data.province.regionName ?? data.province.name;
  const own = data.provinceResult;
  return (
    <div className="portal">
      <Breadcrumbs items={[]} current={t("portal.provincePage.title", { name })} />
      <h1>{t("portal.provincePage.title", { name })}</h1>
      <p className="lead">{t("portal.provincePage.lead")}</p>
      {data.year === null ? (
        <p>{t("portal.provincePage.noYears")}</p>
      ) : (
        <>
          <div className="field portal-year-field">
            <label htmlFor={yearId}>{t("portal.year")}</label>
            <select id={yearId} value={data.year} onChange={(e) => onYear(Number(e.target.value))} data-testid="province-year">
              {data.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          {own && (
            <section className="card portal-latest" aria-labelledby="province-own">
              <h2 id="province-own">
                <Link to={`/publik/instansi/${data.province.code}`}>{data.province.name}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t("portal.colIndex")}</dt>
                  <dd>
                    <span className="portal-index" data-testid="province-index">
                      {formatIndex(own.index, lang)}
                    </span>{" "}
                    <PredicateBadge name={own.predicate} />
                  </dd>
                </div>
                {data.previousYear !== null && (
                  <div>
                    <dt>{t("portal.provincePage.change", { year: data.previousYear })}</dt>
                    <dd>
                      <ChangeCell value={own.change} />
                    </dd>
                  </div>
                )}
              </dl>
            </section>
          )}
          <section className="section" aria-labelledby="province-regencies">
            <div className="section-head">
              <h2 id="province-regencies">{t("portal.provincePage.regenciesTitle", { year: data.year })}</h2>
              <a className="button button-secondary" href={`/api/public/results?year=${data.year}&province=${data.province.code}&format=csv`} download>
                {t("portal.csvThis")}
              </a>
            </div>
            {data.regencies.length === 0 ? <p>{t("portal.provincePage.noRegencies")}</p> : <RankingChart name={name} data={{ ...data, year: data.year }} />}
          </section>
        </>
      )}
    </div>
  );
}

/** /publik/provinsi/:code?tahun=: a province and its kabupaten/kota in one year, ranked. */
export function PublicProvincePage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("tahun")) || null;
  const state = useApi(`public-province-${code}-${year ?? ""}`, (signal) => fetchPublicProvince(code, year, signal));
  const name = state.status === "ok" ? t("portal.provincePage.title", { name: state.data.province.regionName ?? state.data.province.name }) : t("portal.title");
  usePageTitle(name);
  if (state.status === "loading") return <Loading label={t("portal.provincePage.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <ProvinceView data={state.data} onYear={(y) => setParams({ tahun: String(y) }, { replace: true })} />;
}
