import { useEffect, useId, useRef, type ReactNode } from "react";
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, RadarChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = EChartsCoreOption;

let pageFont: string | undefined;

/**
 * The page's font stack (from styles.css), read once. ECharts measures label widths on a canvas,
 * where "inherit" is no font at all and the measurement falls back to the canvas default, so
 * labels drawn in the real font came out wider than measured and were clipped.
 */
function pageFontFamily(): string {
  pageFont ??= getComputedStyle(document.body).fontFamily || "sans-serif";
  return pageFont;
}

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
  const ref = useRef<HTMLDivElement>(null);
  const tableId = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "svg" });
    chart.setOption({ animation: false, textStyle: { fontFamily: pageFontFamily() }, ...option });
    const resize = () => chart.resize();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(resize);
    observer?.observe(el);
    window.addEventListener("beforeprint", resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener("beforeprint", resize);
      chart.dispose();
    };
  }, [option]);

  return (
    <figure className="chart">
      <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={label} aria-describedby={tableId} />
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
