import { useEffect, useRef } from "react";
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
import type { ChartOption } from "./Chart";

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

/**
 * The drawing of a chart (ECharts, SVG renderer): loaded on first use by `Chart`, so pages without
 * charts — and the first paint of pages with them — do not carry ECharts.
 */
export default function EChartCanvas({ option, label, height, describedBy }: { option: ChartOption; label: string; height: number; describedBy: string }) {
  const ref = useRef<HTMLDivElement>(null);

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

  return <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={label} aria-describedby={describedBy} />;
}
