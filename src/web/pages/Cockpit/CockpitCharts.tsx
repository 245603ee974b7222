import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Chart, chartNumber } from "../../components/Chart";
import { shortName } from "../../components/StatCards";
import { PredicateBadge } from "../../components/Badges";
import type { Cockpit } from "../../dashboardsApi";
import { formatChange, formatIndex, formatIndexOr, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import { ComparisonRadar } from "./ComparisonRadar";
import { breakMarkLine, brokenLineSeries, SeriesBreakNote, trendBreaks } from "../../components/SeriesBreak";

/** The province's agencies ranked by the year's published index (bar chart + table). */
export function RankingChart({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ranked = data.agencies.filter((a) => a.result);
  const option = useMemo(() => {
    const rows = [...ranked].reverse(); // the category axis runs bottom-up
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", min: 0, max: 5, axisLabel: { formatter: chartNumber(lang, 1) } },
      yAxis: { type: "category", data: rows.map((a) => shortName(a.name)) },
      tooltip: { trigger: "axis", valueFormatter: chartNumber(lang) },
      series: [{ type: "bar", data: rows.map((a) => a.result!.index), label: { show: true, position: "right", formatter: (p: { value: number }) => chartNumber(lang)(p.value) }, itemStyle: { color: "#0b4a6f" } }],
    };
  }, [ranked, lang]);
  return (
    <Chart
      label={t("cockpit.ranking.chart", { year: data.year })}
      height={Math.max(240, ranked.length * 28 + 40)}
      option={option}
      showTable
      table={
        <table className="data-table" data-testid="cockpit-ranking">
          <caption>{t("cockpit.ranking.caption", { year: data.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cockpit.col.rank")}</th>
              <th scope="col">{t("cockpit.col.agency")}</th>
              <th scope="col" className="num">{t("cockpit.col.index")}</th>
              <th scope="col">{t("cockpit.col.predicate")}</th>
              <th scope="col" className="num">{t("cockpit.col.change")}</th>
            </tr>
          </thead>
          <tbody>
            {data.agencies.map((a) => (
              <tr key={a.code}>
                <td className="num">{a.rank ?? NO_VALUE}</td>
                <th scope="row">{a.name}</th>
                <td className="num">{formatIndexOr(a.result?.index, lang)}</td>
                <td>{a.result ? <PredicateBadge name={a.result.predicate} /> : NO_VALUE}</td>
                <td className="num">{a.change === null ? NO_VALUE : `${formatChange(a.change, lang)} (${a.previous!.year})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/**
 * One agency's indices per top-level node of the year's instrument (the domains of 59/2020, the
 * aspects of Pemdi) against the provincial average and the national average of its category.
 */
export function DomainRadar({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const withResult = data.agencies.filter((a) => a.result && Object.keys(a.result.nodes).length);
  const [code, setCode] = useState(withResult[0]?.code ?? "");
  const agency = withResult.find((a) => a.code === code) ?? withResult[0];
  const national = agency ? data.averages.national[agency.category] : undefined;
  const series = useMemo(() => {
    if (!agency) return [];
    return [
      { name: shortName(agency.name), values: data.nodes.map((d) => agency.result!.nodes[d.code] ?? null) },
      { name: t("cockpit.radar.province"), values: data.nodes.map((d) => data.averages.province.nodes[d.code] ?? null) },
      { name: t("cockpit.radar.national", { category: t(`national.category.${agency.category}`) }), values: data.nodes.map((d) => national?.nodes[d.code] ?? null) },
    ];
  }, [agency, data, national, t]);
  if (!agency) return <p>{t("cockpit.noResults")}</p>;
  return (
    <ComparisonRadar
      axes={data.nodes}
      axisName={(d) => `${d.code} ${d.name}`}
      series={series}
      picker={{ id: "radar-agency", testId: "radar-agency", value: agency.code, options: withResult, onChange: setCode }}
      label={t("cockpit.radar.chart", { agency: agency.name, year: data.year })}
      caption={t("cockpit.radar.caption", { year: data.year })}
      tableTestId="node-radar-table"
      height={360}
    />
  );
}

/** ECharts' default palette, fixed per agency. */
const LINE_COLOURS = ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];

/**
 * The index of every agency per year from 2021, with the province's average. The SPBE index (to
 * 2025) and the Pemdi index (from 2026) are drawn as separate lines with a marked break (one
 * legend entry per agency still toggles both), and a note says they are not comparable.
 */
export function TrendChart({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { years, series, provinceAverage } = data.trend;
  const breaks = useMemo(() => trendBreaks([...series.flatMap((s) => s.points), ...provinceAverage], data.instruments), [series, provinceAverage, data.instruments]);
  const option = useMemo(() => {
    const markLine = breakMarkLine(breaks);
    const lines = [
      // One colour per agency, so its SPBE and Pemdi lines read as the same agency.
      ...series.flatMap((s, i) => brokenLineSeries(years, s.points, data.instruments, { name: shortName(s.name), color: LINE_COLOURS[i % LINE_COLOURS.length] })),
      ...brokenLineSeries(years, provinceAverage, data.instruments, { name: t("cockpit.trend.average"), lineStyle: { width: 4, type: "dashed" } }),
    ];
    return {
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: chartNumber(lang) },
      xAxis: { type: "category", data: years.map(String) },
      yAxis: { type: "value", min: 0, max: 5, axisLabel: { formatter: chartNumber(lang, 1) } },
      series: lines.map((l, i) => (i === 0 && markLine ? { ...l, markLine } : l)),
    };
  }, [years, series, provinceAverage, breaks, data.instruments, lang, t]);
  const cell = (v: { index: number; source: string } | undefined) => (v ? `${formatIndex(v.index, lang)}${v.source === "pandu" ? " *" : ""}` : NO_VALUE);
  return (
    <>
      <Chart
        label={t("cockpit.trend.chart")}
        option={option}
        height={380}
        table={
          <table className="data-table">
            <caption>{t("cockpit.trend.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cockpit.col.agency")}</th>
                {years.map((y) => (
                  <th scope="col" className="num" key={y}>
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.code}>
                  <th scope="row">{s.name}</th>
                  {years.map((y) => (
                    <td className="num" key={y}>
                      {cell(s.points.find((p) => p.year === y))}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t("cockpit.trend.average")}</th>
                {years.map((y) => {
                  const p = provinceAverage.find((x) => x.year === y);
                  return (
                    <td className="num" key={y}>
                      {p ? `${formatIndex(p.index, lang)} (n=${p.count})` : NO_VALUE}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
        }
      />
      <SeriesBreakNote breaks={breaks} />
    </>
  );
}
