import { useTranslation } from "react-i18next";
import { seriesBreaks, type TrendPointLike } from "../../core/results/index-series";
import type { ResultInstrument } from "../api";
import { trendSeries } from "../resultColumns";

/** ECharts line series of one trend, one per index family, so the SPBE and Pemdi indices are never joined. */
export function brokenLineSeries<P extends TrendPointLike & { index: number }>(
  years: readonly number[],
  points: readonly P[],
  instruments: readonly ResultInstrument[],
  style: Record<string, unknown>,
): Record<string, unknown>[] {
  return trendSeries(points, instruments).map((s) => ({
    type: "line",
    connectNulls: true,
    ...style,
    data: years.map((y) => s.points.find((p) => p.year === y)?.index ?? null),
  }));
}

/** Where a trend changes index family: the first year of each later family, with the names either side. */
export function trendBreaks(points: readonly TrendPointLike[], instruments: readonly ResultInstrument[]): { year: number; before: string; after: string; lastYear: number }[] {
  const series = trendSeries(points, instruments);
  return seriesBreaks(series).map((year, i) => ({ year, before: series[i]!.name, after: series[i + 1]!.name, lastYear: series[i]!.points.at(-1)!.year }));
}

/** A vertical dashed line in a category-axis chart at each year where the index family changes. */
export function breakMarkLine(breaks: readonly { year: number; after: string }[]): Record<string, unknown> | undefined {
  if (!breaks.length) return undefined;
  return {
    silent: true,
    symbol: "none",
    lineStyle: { type: "dashed", color: "#8a1c1c", width: 2 },
    label: { formatter: "{b}", color: "#8a1c1c" },
    data: breaks.map((b) => ({ xAxis: String(b.year), name: b.after })),
  };
}

/** The note under a trend chart that spans two index families: the indices are not comparable. */
export function SeriesBreakNote({ breaks }: { breaks: readonly { year: number; before: string; after: string; lastYear: number }[] }) {
  const { t } = useTranslation();
  if (!breaks.length) return null;
  return (
    <>
      {breaks.map((b) => (
        <p className="table-note series-break-note" key={b.year} data-testid="series-break-note">
          {t("trendBreak.note", { before: b.before, after: b.after, lastYear: b.lastYear, year: b.year })}
        </p>
      ))}
    </>
  );
}
