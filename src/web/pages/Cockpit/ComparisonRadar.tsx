import { useTranslation } from "react-i18next";
import { Chart, chartNumber } from "../../components/Chart";
import { formatIndexOr } from "../../format";
import { useLang } from "../../i18n";

export interface RadarSeries {
  name: string;
  /** One value per axis; null where there is none. */
  values: (number | null)[];
}

interface Props {
  /** The axes (domains or aspects), 0–5 each. */
  axes: { code: string; name: string }[];
  /** How an axis is named in the table's header (the chart always shows code and name). */
  axisName(axis: { code: string; name: string }): string;
  series: RadarSeries[];
  /** The agency whose values are compared, chosen from a labelled select. */
  picker: { id: string; testId: string; value: string; options: { code: string; name: string }[]; onChange(code: string): void };
  label: string;
  caption: string;
  tableTestId?: string;
  height: number;
}

/**
 * One agency's indices on a radar against averages, with the agency picker and the table that is the
 * chart's text alternative (the cockpit's domain and aspect comparisons).
 */
export function ComparisonRadar({ axes, axisName, series, picker, label, caption, tableTestId, height }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = {
    legend: { bottom: 0 },
    tooltip: { valueFormatter: chartNumber(lang) },
    radar: { indicator: axes.map((a) => ({ name: `${a.code} ${a.name}`, max: 5, min: 0 })), radius: "60%", axisName: { color: "#1b2430", width: 120, overflow: "break" } },
    // "-" is ECharts' empty value: an axis without a value is not drawn as a zero.
    series: [{ type: "radar", data: series.map((s) => ({ name: s.name, value: s.values.map((v) => v ?? "-") })) }],
  };
  return (
    <>
      <div className="field inline-field">
        <label htmlFor={picker.id}>{t("cockpit.radar.pick")}</label>
        <select id={picker.id} value={picker.value} onChange={(e) => picker.onChange(e.target.value)} data-testid={picker.testId}>
          {picker.options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <Chart
        label={label}
        option={option}
        height={height}
        showTable
        table={
          <table className="data-table" data-testid={tableTestId}>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("cockpit.col.series")}</th>
                {axes.map((a) => (
                  <th scope="col" className="num" key={a.code} title={a.name}>
                    {axisName(a)}
                    {axisName(a) === a.code && <span className="visually-hidden"> {a.name}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  {s.values.map((v, i) => (
                    <td className="num" key={axes[i]!.code}>
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
