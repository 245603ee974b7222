import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { SaveAsEvidence } from "../../components/SaveAsEvidence";
import { StatCards } from "../../components/StatCards";
import { Loading } from "../../components/Status";
import { formatDate, formatIndexOr, formatNumber, NO_VALUE, yearInIndonesia } from "../../format";
import { useLang } from "../../i18n";
import { fetchServiceDashboard, saveDashboardEvidence, type DashboardFigures, type ServiceDashboard } from "../../serviceDashboardApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadFailure } from "../NotFound";
import { EnoughBadge } from "../Skm/AgencySurvey";

type Lang = "id" | "en";
const pct = (v: number | null, lang: Lang) => (v === null ? NO_VALUE : `${formatNumber(v, lang)}%`);
const days = (v: number | null, lang: Lang) => (v === null ? NO_VALUE : formatNumber(v, lang));

/** The headline figures of a scope as cards. */
function Cards({ f, testId, label }: { f: DashboardFigures; testId: string; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <StatCards
      label={label}
      stats={[
        { label: t("serviceDashboard.respondents"), value: formatNumber(f.surveys.respondents, lang), note: <EnoughBadge enough={f.surveys.enough} />, testId: `${testId}-respondents` },
        { label: "IKM", value: formatIndexOr(f.surveys.ikm, lang), ...(f.surveys.mutu ? { note: t("serviceDashboard.mutu", { mutu: f.surveys.mutu }) } : {}), testId: `${testId}-ikm` },
        { label: t("serviceDashboard.complaints"), value: formatNumber(f.complaints.received, lang), note: t("serviceDashboard.backlog", { open: formatNumber(f.complaints.open, lang), overdue: formatNumber(f.complaints.overdue, lang) }), testId: `${testId}-complaints` },
        { label: t("serviceDashboard.complaintSla"), value: pct(f.complaints.slaCompliance, lang), note: t("serviceDashboard.closedOnTime", { kept: formatNumber(f.complaints.closedWithinDeadline, lang), closed: formatNumber(f.complaints.closed, lang) }), testId: `${testId}-complaint-sla` },
        { label: t("serviceDashboard.applications"), value: formatNumber(f.applications.submitted, lang), note: t("serviceDashboard.backlog", { open: formatNumber(f.applications.open, lang), overdue: formatNumber(f.applications.overdue, lang) }), testId: `${testId}-applications` },
        { label: t("serviceDashboard.applicationSla"), value: pct(f.applications.slaCompliance, lang), note: t("serviceDashboard.medianDays", { days: days(f.applications.medianDays, lang) }), testId: `${testId}-application-sla` },
      ]}
    />
  );
}

/** Groups (services, units, agencies) as a table: the phone scrolls it sideways. */
function GroupTable({ caption, groups, testId }: { caption: string; groups: ServiceDashboard["agency"]["byService"]; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const captionId = useId();
  if (groups.length === 0) return null;
  // Wider than the screen: a named region the keyboard can focus, to scroll it sideways.
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" data-testid={testId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("serviceDashboard.name")}</th>
            <th scope="col">{t("serviceDashboard.respondents")}</th>
            <th scope="col">IKM</th>
            <th scope="col">{t("serviceDashboard.mutuShort")}</th>
            <th scope="col">{t("serviceDashboard.complaints")}</th>
            <th scope="col">{t("serviceDashboard.complaintSla")}</th>
            <th scope="col">{t("serviceDashboard.openOverdue")}</th>
            <th scope="col">{t("serviceDashboard.applications")}</th>
            <th scope="col">{t("serviceDashboard.applicationSla")}</th>
            <th scope="col">{t("serviceDashboard.medianDaysShort")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.name || NO_VALUE}</th>
              <td>
                {formatNumber(g.figures.surveys.respondents, lang)} <EnoughBadge enough={g.figures.surveys.enough} />
              </td>
              <td>{formatIndexOr(g.figures.surveys.ikm, lang)}</td>
              <td>{g.figures.surveys.mutu ?? NO_VALUE}</td>
              <td>{formatNumber(g.figures.complaints.received, lang)}</td>
              <td>{pct(g.figures.complaints.slaCompliance, lang)}</td>
              <td>
                {formatNumber(g.figures.complaints.open, lang)} / {formatNumber(g.figures.complaints.overdue, lang)}
              </td>
              <td>{formatNumber(g.figures.applications.submitted, lang)}</td>
              <td>{pct(g.figures.applications.slaCompliance, lang)}</td>
              <td>{days(g.figures.applications.medianDays, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The trend: IKM as a line, complaints and applications as bars; the table carries the same figures. */
function Trend({ trend, label }: { trend: ServiceDashboard["agency"]["trend"]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 40, right: 40, top: 20, bottom: 50, containLabel: true },
    xAxis: { type: "category", data: trend.map((p) => p.period) },
    yAxis: [
      { type: "value", name: t("serviceDashboard.count"), minInterval: 1 },
      { type: "value", name: "IKM", min: 0, max: 100, axisLabel: { formatter: chartNumber(lang, 0) } },
    ],
    series: [
      { name: t("serviceDashboard.complaints"), type: "bar", data: trend.map((p) => p.complaints) },
      { name: t("serviceDashboard.applications"), type: "bar", data: trend.map((p) => p.applications) },
      { name: "IKM", type: "line", yAxisIndex: 1, connectNulls: false, data: trend.map((p) => p.ikm), label: { show: true, formatter: (x: { value: number | null }) => (x.value === null ? "" : chartNumber(lang)(x.value)) } },
    ],
  };
  const table = (
    <table className="data-table" data-testid="service-dashboard-trend">
      <caption>{label}</caption>
      <thead>
        <tr>
          <th scope="col">{t("serviceDashboard.period")}</th>
          <th scope="col">{t("serviceDashboard.respondents")}</th>
          <th scope="col">IKM</th>
          <th scope="col">{t("serviceDashboard.mutuShort")}</th>
          <th scope="col">{t("serviceDashboard.complaints")}</th>
          <th scope="col">{t("serviceDashboard.applications")}</th>
        </tr>
      </thead>
      <tbody>
        {trend.map((p) => (
          <tr key={p.period}>
            <th scope="row">{p.period}</th>
            <td>{formatNumber(p.respondents, lang)}</td>
            <td>{formatIndexOr(p.ikm, lang)}</td>
            <td>{p.mutu ?? NO_VALUE}</td>
            <td>{formatNumber(p.complaints, lang)}</td>
            <td>{formatNumber(p.applications, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <Chart option={option} label={label} table={table} height={300} />;
}

/** The service dashboard (/dasbor-layanan/:code): a year's surveys, complaints and applications, per service and unit, the trend, and for a province its kab/kota. */
export function ServiceDashboardPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  usePageTitle(t("serviceDashboard.title"));
  const [year, setYear] = useState(() => yearInIndonesia());
  const [granularity, setGranularity] = useState<"quarter" | "month">("quarter");
  const state = useApi(`service-dashboard:${code}:${year}:${granularity}`, (signal) => fetchServiceDashboard(code, year, granularity, signal));
  const lang = useLang();
  return (
    <>
      <h1>{t("serviceDashboard.title")}</h1>
      <p className="lead">{t("serviceDashboard.intro")}</p>
      <div className="form-grid">
        <div className="field inline">
          <label htmlFor="dash-year">{t("serviceDashboard.year")}</label>
          <input id="dash-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} data-testid="service-dashboard-year" />
        </div>
        <div className="field inline">
          <label htmlFor="dash-granularity">{t("serviceDashboard.granularity")}</label>
          <select id="dash-granularity" value={granularity} onChange={(e) => setGranularity(e.target.value as "quarter" | "month")}>
            <option value="quarter">{t("serviceDashboard.quarter")}</option>
            <option value="month">{t("serviceDashboard.month")}</option>
          </select>
        </div>
      </div>
      {state.status === "loading" && <Loading label={t("serviceDashboard.loading")} />}
      {state.status === "error" && <LoadFailure error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <section className="section" aria-labelledby="dash-agency">
            <h2 id="dash-agency">{state.data.agency.name}</h2>
            <p className="small muted">{t("serviceDashboard.asOf", { date: formatDate(state.data.asOf, lang) })}</p>
            <Cards f={state.data.agency.figures} testId="service-dashboard-agency" label={t("serviceDashboard.summary", { name: state.data.agency.name })} />
            <Trend trend={state.data.agency.trend} label={t("serviceDashboard.trend", { year: state.data.year })} />
            <GroupTable caption={t("serviceDashboard.byService")} groups={state.data.agency.byService} testId="service-dashboard-by-service" />
            <GroupTable caption={t("serviceDashboard.byUnit")} groups={state.data.agency.byUnit} testId="service-dashboard-by-unit" />
          </section>
          {state.data.province && (
            <section className="section" aria-labelledby="dash-province">
              <h2 id="dash-province">{t("serviceDashboard.province", { name: state.data.province.name })}</h2>
              <Cards f={state.data.province.figures} testId="service-dashboard-province" label={t("serviceDashboard.summary", { name: state.data.province.name })} />
              <GroupTable caption={t("serviceDashboard.byAgency")} groups={state.data.province.byAgency} testId="service-dashboard-by-agency" />
            </section>
          )}
          {state.data.abilities.saveAsEvidence && (
            <SaveAsEvidence code={code} intro={t("serviceDashboard.save.intro")} question={t("serviceDashboard.save.question", { year: state.data.year })} save={() => saveDashboardEvidence(code, state.data!.year)} />
          )}
        </>
      )}
    </>
  );
}
