import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { useLang } from "../../i18n";
import { predicateFill } from "../../predicateColours";
import { predicateCounts } from "./portal";

/** How many of the shown agencies received each predicate, as bars with a table alternative. */
export function PredicateChart({ year, rows }: { year: number; rows: { predicate: string }[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const counts = useMemo(() => predicateCounts(rows), [rows]);
  const label = t("portal.distributionLabel", { year });
  const option = useMemo<ChartOption>(() => {
    const whole = chartNumber(lang, 0);
    return {
      // Bars lie flat with the predicate names on the category axis at the left: on a phone a name
      // never has to share its width with its neighbours, so ECharts never hides one.
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      yAxis: { type: "category", inverse: true, data: counts.map((c) => c.predicate), axisLabel: { color: "#1b2430", interval: 0 } },
      xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: whole, color: "#1b2430" } },
      tooltip: { trigger: "axis", valueFormatter: whole },
      series: [
        {
          type: "bar",
          data: counts.map((c) => ({ value: c.count, itemStyle: { color: predicateFill(c.predicate) } })),
          label: { show: true, position: "right", formatter: (p: { value: number }) => whole(p.value), color: "#1b2430" },
        },
      ],
    };
  }, [counts, lang]);
  const whole = chartNumber(lang, 0);
  return (
    <Chart
      option={option}
      label={label}
      height={260}
      table={
        <table className="data-table">
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portal.colPredicate")}</th>
              <th scope="col" className="num">
                {t("portal.colCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.predicate}>
                <th scope="row">{c.predicate}</th>
                <td className="num">{whole(c.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
