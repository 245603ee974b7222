import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { formatIndex, formatNumber } from "../../format";
import { useLang } from "../../i18n";
import type { Analysis, Finding } from "../../planningApi";

/** Fulfilment per aspect (indicators at levels 2–5) as a bar chart with the table alternative. */
export function AspectFulfilment({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  const lang = useLang();
  const aspects = analysis.analysis.aspects;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 220, right: 40, top: 10, bottom: 30 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: (v: number) => `${chartNumber(lang, 0)(v)}%` } },
      yAxis: { type: "category", inverse: true, data: aspects.map((x) => `${x.code} ${x.name}`), axisLabel: { width: 200, overflow: "truncate" } },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${chartNumber(lang, 0)(v)}%` },
      series: [{ type: "bar", data: aspects.map((x) => x.fulfilmentPercent), label: { show: true, position: "right", formatter: (p: { value: number }) => `${chartNumber(lang, 0)(p.value)}%` } }],
    }),
    [aspects, lang],
  );
  const table = (
    <table className="data-table" data-testid="plan-aspects">
      <caption>{t("planning.aspectsCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("planning.aspect")}</th>
          <th scope="col">{t("planning.fulfilled")}</th>
          <th scope="col">{t("planning.fulfilment")}</th>
          <th scope="col">{t("planning.aspectIndex")}</th>
        </tr>
      </thead>
      <tbody>
        {aspects.map((x) => (
          <tr key={x.code}>
            <th scope="row">
              {x.code} {x.name}
            </th>
            <td>
              {x.fulfilled}/{x.indicatorCount}
            </td>
            <td>{x.fulfilmentPercent}%</td>
            <td>{formatIndex(x.indexHundredths / 100, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="section" aria-labelledby="plan-aspects-title">
      <h2 id="plan-aspects-title">{t("planning.aspectsTitle")}</h2>
      <p className="muted">{t("planning.aspectsIntro")}</p>
      <Chart option={option} label={t("planning.aspectsCaption")} table={table} height={Math.max(220, aspects.length * 40)} showTable />
    </section>
  );
}

function FindingList({ items, testId, empty }: { items: Finding[]; testId: string; empty: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list" data-testid={testId}>
      {items.map((f) => (
        <li key={f.code}>
          <strong>{f.code}</strong> {f.name} — {t("planning.levelN", { level: formatNumber(f.level, lang) })} ({f.aspectCode})
        </li>
      ))}
    </ul>
  );
}

/** Strengths (levels 4–5) and weaknesses (levels 1–2), as the assessor's analysis lists them. */
export function StrengthsWeaknesses({ analysis }: { analysis: Analysis }) {
  const { t } = useTranslation();
  return (
    <section className="section two-col" aria-labelledby="plan-sw-title">
      <h2 id="plan-sw-title">{t("planning.swTitle")}</h2>
      <div>
        <h3>{t("planning.strengths")}</h3>
        <FindingList items={analysis.analysis.strengths} testId="plan-strengths" empty={t("planning.noStrengths")} />
      </div>
      <div>
        <h3>{t("planning.weaknesses")}</h3>
        <FindingList items={analysis.analysis.weaknesses} testId="plan-weaknesses" empty={t("planning.noWeaknesses")} />
      </div>
    </section>
  );
}
