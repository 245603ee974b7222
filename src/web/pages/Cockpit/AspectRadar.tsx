import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Chart, chartNumber } from "../../components/Chart";
import { shortName } from "../../components/StatCards";
import type { Cockpit } from "../../dashboardsApi";
import { formatIndexOr } from "../../format";
import { useLang } from "../../i18n";

/**
 * One agency's aspect indices (from its levels in Pandu) against the provincial average and the
 * national average of every agency's newest finalised Pandu result; the table is the chart's text
 * alternative.
 */
export function AspectRadar({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { aspects, rows, aspectAverages, nationalAspectAverages } = data.heatmap;
  const withAspects = rows.filter((r) => Object.values(r.aspects).some((v) => v !== null));
  const [code, setCode] = useState(withAspects.find((r) => r.code === data.province.code)?.code ?? withAspects[0]?.code ?? "");
  const row = withAspects.find((r) => r.code === code) ?? withAspects[0];
  const series = useMemo(() => {
    if (!row) return [];
    const of = (list: { code: string; index: number | null }[]) => aspects.map((a) => list.find((x) => x.code === a.code)?.index ?? null);
    return [
      { name: shortName(row.name), values: aspects.map((a) => row.aspects[a.code] ?? null) },
      { name: t("cockpit.aspectRadar.province"), values: of(aspectAverages) },
      { name: t("cockpit.aspectRadar.national"), values: of(nationalAspectAverages) },
    ];
  }, [row, aspects, aspectAverages, nationalAspectAverages, t]);
  if (!row) return <p>{t("cockpit.heatmap.empty")}</p>;
  const option = {
    legend: { bottom: 0 },
    tooltip: { valueFormatter: chartNumber(lang) },
    radar: { indicator: aspects.map((a) => ({ name: `${a.code} ${a.name}`, max: 5, min: 0 })), radius: "58%", axisName: { color: "#1b2430", width: 120, overflow: "break" } },
    // "-" is ECharts' empty value: an aspect without levels is left out rather than drawn at zero.
    series: [{ type: "radar", data: series.map((s) => ({ name: s.name, value: s.values.map((v) => v ?? "-") })) }],
  };
  return (
    <>
      <div className="field inline-field">
        <label htmlFor="aspect-radar-agency">{t("cockpit.radar.pick")}</label>
        <select id="aspect-radar-agency" value={row.code} onChange={(e) => setCode(e.target.value)} data-testid="aspect-radar-agency">
          {withAspects.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <Chart
        label={t("cockpit.aspectRadar.chart", { agency: row.name })}
        option={option}
        height={400}
        showTable
        table={
          <table className="data-table" data-testid="aspect-radar-table">
            <caption>{t("cockpit.aspectRadar.caption", { counted: nationalAspectAverages[0]?.count ?? 0 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cockpit.col.series")}</th>
                {aspects.map((a) => (
                  <th scope="col" className="num" key={a.code} title={a.name}>
                    {a.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  {s.values.map((v, i) => (
                    <td className="num" key={aspects[i]!.code}>
                      {formatIndexOr(v, lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}
