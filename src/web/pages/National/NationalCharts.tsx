import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { PredicateBadge } from "../../components/Badges";
import { Chart, chartNumber } from "../../components/Chart";
import type { National, NationalAgency } from "../../dashboardsApi";
import { formatIndex, formatIndexOr } from "../../format";
import { useLang } from "../../i18n";
import { predicateFill } from "../../predicateColours";
import { resultColumns } from "../../resultColumns";

/** How many agencies fall in each 0,50-wide band of the index. */
export function Histogram({ data }: { data: National }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = chartNumber(lang);
  const label = (b: { from: number; to: number }, last: boolean) => `${fmt(b.from)}–${last ? "" : "<"}${fmt(b.to)}`;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 16, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.histogram.map((b, i) => label(b, i === data.histogram.length - 1)), axisLabel: { interval: 0, fontSize: 10, rotate: 35 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: data.histogram.map((b) => b.count), label: { show: true, position: "top" }, itemStyle: { color: "#0b4a6f" } }],
    }),
    [data.histogram, lang],
  );
  return (
    <Chart
      label={t("national.histogram.chart", { year: data.year })}
      option={option}
      height={300}
      table={
        <table className="data-table">
          <caption>{t("national.histogram.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("national.col.band")}</th>
              <th scope="col" className="num">{t("national.col.count")}</th>
            </tr>
          </thead>
          <tbody>
            {data.histogram.map((b, i) => (
              <tr key={b.from}>
                <th scope="row">{label(b, i === data.histogram.length - 1)}</th>
                <td className="num">{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The count of agencies per predicate. */
export function PredicateCounts({ data }: { data: National }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: [...data.predicates].reverse().map((p) => p.predicate) },
      series: [{ type: "bar", data: [...data.predicates].reverse().map((p) => ({ value: p.count, itemStyle: { color: predicateFill(p.predicate) } })), label: { show: true, position: "right" } }],
    }),
    [data.predicates],
  );
  return (
    <Chart
      label={t("national.predicates.chart", { year: data.year })}
      option={option}
      height={240}
      showTable
      table={
        <table className="data-table" data-testid="national-predicates">
          <caption>{t("national.predicates.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("national.col.predicate")}</th>
              <th scope="col" className="num">{t("national.col.count")}</th>
            </tr>
          </thead>
          <tbody>
            {data.predicates.map((p) => (
              <tr key={p.predicate}>
                <th scope="row">
                  <PredicateBadge name={p.predicate} />
                </th>
                <td className="num">{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** Averages by category (as in the national reports), with the top-level nodes of the year's instrument. */
export function CategoryAverages({ data }: { data: National }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = useMemo(() => resultColumns(data.instruments), [data.instruments]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: chartNumber(lang) },
      xAxis: { type: "category", data: data.categoryAverages.map((c) => t(`national.category.${c.category}`)) },
      yAxis: { type: "value", min: 0, max: 5, axisLabel: { formatter: chartNumber(lang, 1) } },
      series: [{ type: "bar", data: data.categoryAverages.map((c) => c.index), label: { show: true, position: "top", formatter: (p: { value: number }) => chartNumber(lang)(p.value) }, itemStyle: { color: "#0b4a6f" } }],
    }),
    [data.categoryAverages, lang, t],
  );
  const rows = [...data.categoryAverages.map((c) => ({ key: c.category, name: t(`national.category.${c.category}`), a: c })), { key: "all", name: t("national.allRow"), a: data.average }];
  return (
    <Chart
      label={t("national.categories.chart", { year: data.year })}
      option={option}
      height={280}
      showTable
      table={
        <table className="data-table" data-testid="national-categories">
          <caption>{t("national.categories.caption", { year: data.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("national.col.category")}</th>
              <th scope="col" className="num">{t("national.col.count")}</th>
              <th scope="col" className="num">{t("national.col.index")}</th>
              {columns.map((c) => (
                <th scope="col" className="num" key={c.code}>
                  <abbr title={c.name}>{c.code}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, name, a }) => (
              <tr key={key}>
                <th scope="row">{name}</th>
                <td className="num">{a.count}</td>
                <td className="num">{formatIndexOr(a.index, lang)}</td>
                {columns.map((c) => (
                  <td className="num" key={c.code}>
                    {formatIndexOr(a.nodes[c.code], lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** A ranked list of agencies (top or bottom ten, or all). */
export function AgencyTable({ rows, caption, testId }: { rows: NationalAgency[]; caption: string; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">{t("national.col.rank")}</th>
            <th scope="col">{t("national.col.agency")}</th>
            <th scope="col">{t("national.col.category")}</th>
            <th scope="col">{t("national.col.province")}</th>
            <th scope="col" className="num">{t("national.col.index")}</th>
            <th scope="col">{t("national.col.predicate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td className="num">{r.rank}</td>
              <th scope="row">{r.name}</th>
              <td>{t(`national.category.${r.category}`)}</td>
              <td>{r.provinceName ?? "–"}</td>
              <td className="num">{formatIndex(r.index, lang)}</td>
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
