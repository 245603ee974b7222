import { lazy, Suspense, useId, type ReactNode } from "react";
import type { EChartsCoreOption } from "echarts/core";

// ECharts is most of the portal's JavaScript: fetched only when a chart is drawn, after the page's
// text and tables are on screen (the canvas keeps its height meanwhile, so nothing shifts).
const EChartCanvas = lazy(() => import("./EChartCanvas"));

export type ChartOption = EChartsCoreOption;

export interface ChartProps {
  /** ECharts option; format numbers with `chartNumber(lang)` so they read "2,61" in Indonesian. */
  option: ChartOption;
  /** What the chart shows, read by screen readers and shown as the caption of the table alternative. */
  label: string;
  /** The same data as a table (rendered visually hidden unless `showTable`), for screen readers and print. */
  table: ReactNode;
  height?: number;
  /** Show the table below the chart instead of only to assistive technology. */
  showTable?: boolean;
}

/**
 * An Apache ECharts chart drawn as SVG (sharp when printed), with a data table alternative.
 * The SVG itself is hidden from assistive technology; the table carries the same figures.
 */
export function Chart({ option, label, table, height = 320, showTable = false }: ChartProps) {
  const tableId = useId();

  return (
    <figure className="chart">
      <Suspense fallback={<div className="chart-canvas" style={{ height }} role="img" aria-label={label} aria-describedby={tableId} aria-busy="true" />}>
        <EChartCanvas option={option} label={label} height={height} describedBy={tableId} />
      </Suspense>
      <figcaption className="visually-hidden">{label}</figcaption>
      <div id={tableId} className={showTable ? "chart-table" : "visually-hidden"}>
        {table}
      </div>
    </figure>
  );
}

/** An ECharts label/axis/tooltip formatter for indices in the interface language ("2,61" / "2.61"). */
export function chartNumber(lang: "id" | "en", decimals = 2): (value: number) => string {
  const f = new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (value: number) => (typeof value === "number" ? f.format(value) : String(value));
}
