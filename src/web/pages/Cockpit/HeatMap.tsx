import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart } from "../../components/Chart";
import { shortName } from "../../components/StatCards";
import type { Cockpit } from "../../dashboardsApi";
import { formatIndex, formatIndexOr, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import type { StageName } from "../../assessmentApi";

/** Agencies × indicator levels of their latest final (or most advanced) assessment. */
export function HeatMap({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { indicators, rows, aspects, aspectAverages } = data.heatmap;
  const option = useMemo(() => {
    const ys = [...rows].reverse();
    const cells = ys.flatMap((r, y) => indicators.map((ind, x) => [x, y, r.levels[ind.code] ?? "-"]));
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      tooltip: { position: "top" },
      xAxis: { type: "category", data: indicators.map((i) => i.code), splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 10 } },
      yAxis: { type: "category", data: ys.map((r) => shortName(r.name)), splitArea: { show: true } },
      visualMap: { type: "piecewise", min: 1, max: 5, orient: "horizontal", left: "center", bottom: 0, pieces: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) })), inRange: { color: ["#a8231c", "#e9863b", "#f2d16b", "#7fbf7b", "#17663a"] } },
      series: [{ type: "heatmap", data: cells, label: { show: true, fontSize: 10 }, emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } } }],
    };
  }, [rows, indicators]);
  if (!rows.length) return <p data-testid="heatmap-empty">{t("cockpit.heatmap.empty")}</p>;
  return (
    <>
      <Chart
        label={t("cockpit.heatmap.chart")}
        option={option}
        height={Math.max(220, rows.length * 30 + 110)}
        table={
          <table className="data-table">
            <caption>{t("cockpit.heatmap.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cockpit.col.agency")}</th>
                {indicators.map((i) => (
                  <th scope="col" className="num" key={i.code} title={i.name}>
                    {i.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  {indicators.map((i) => (
                    <td className="num" key={i.code}>
                      {r.levels[i.code] ?? NO_VALUE}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <div className="table-scroll">
        <table className="data-table" data-testid="cockpit-aspects">
          <caption>{t("cockpit.aspects.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cockpit.col.agency")}</th>
              <th scope="col">{t("cockpit.col.assessment")}</th>
              <th scope="col" className="num">{t("cockpit.col.index")}</th>
              {aspects.map((a) => (
                <th scope="col" className="num" key={a.code} title={a.name}>
                  {a.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td>
                  {r.period} · {t(`stages.${r.stage as StageName}`)}
                  {r.final ? "" : ` (${t("cockpit.aspects.partial")})`}
                </td>
                <td className="num">{formatIndexOr(r.index, lang)}</td>
                {aspects.map((a) => (
                  <td className="num" key={a.code}>
                    {formatIndexOr(r.aspects[a.code], lang)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t("cockpit.aspects.average")}</th>
              <td />
              <td />
              {aspectAverages.map((a) => (
                <td className="num" key={a.code}>
                  {formatIndexOr(a.index, lang)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The indicators with the lowest mean level across the province. */
export function WeakestIndicators({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!data.weakest.length) return <p>{t("cockpit.heatmap.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="cockpit-weakest">
        <caption>{t("cockpit.weakest.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cockpit.col.indicator")}</th>
            <th scope="col" className="num">{t("cockpit.col.meanLevel")}</th>
            <th scope="col" className="num">{t("cockpit.col.agencies")}</th>
          </tr>
        </thead>
        <tbody>
          {data.weakest.map((w) => (
            <tr key={w.code}>
              <th scope="row">
                {w.code}. {w.name}
              </th>
              <td className="num">{formatIndex(w.average, lang)}</td>
              <td className="num">{w.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
