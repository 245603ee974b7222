import { planRoadmap, scoreAssessment, type PlanTarget } from "../src/core";
import { bundledInstrument } from "../src/lib/instrument-files";
import { fmt, median } from "./stats";

/** 47 levels from a function of the indicator number (1–47). */
function profile(f: (n: number) => number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), f(i + 1)]));
}

/**
 * Starting profiles on PermenPANRB 59/2020: everything at 1; a mixed one (≈1.99); one like Provinsi
 * Jambi 2021 (≈2.2: policy 2.2, governance 2, management ≈1.5, services ≈2.5); and the shape of
 * Provinsi Jambi 2024 (domains 2.30 / 2.40 / 2.18 / 3.95, index 3.05).
 */
const PROFILES: [string, Record<string, number>][] = [
  ["all 1", profile(() => 1)],
  ["mixed", profile((n) => [2, 3, 2, 2, 1][n % 5]!)],
  ["Jambi 2021-like", profile((n) => (n <= 10 ? (n <= 2 ? 3 : 2) : n <= 20 ? 2 : n <= 31 ? 1 + (n % 2) : 2 + (n % 2)))],
  ["Jambi 2024 shape", profile((n) => (n <= 10 ? (n <= 3 ? 3 : 2) : n <= 20 ? (n <= 14 ? 3 : 2) : n <= 31 ? (n <= 22 ? 3 : 2) : n <= 41 ? (n <= 39 ? 4 : 3) : n === 42 ? 5 : 4))],
];
const TARGETS: [string, PlanTarget][] = [
  ["Cukup", { predicate: "Cukup" }],
  ["Baik", { predicate: "Baik" }],
  ["Sangat Baik", { predicate: "Sangat Baik" }],
  ["Memuaskan", { predicate: "Memuaskan" }],
  ["2.50", { index: 2.5 }],
  ["3.00", { index: 3 }],
  ["4.00", { index: 4 }],
  ["4.80", { index: 4.8 }],
];

function timeMs(f: () => unknown, trials: number): number {
  const times: number[] = [];
  for (let t = 0; t < trials; t++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * The cost optimiser (`planRoadmap`) on the 47-indicator instrument for every profile × target, with
 * one step per indicator (the default) and with up to four (any level reachable, the largest table).
 * Per case the median of `trials` runs; the baseline is one `scoreAssessment` of the same levels in
 * the same run.
 */
export function benchRoadmap(trials = 15): { medianMs: number; worstMs: number; scoreMs: number } {
  const compiled = bundledInstrument("permenpanrb-59-2020")!;
  const perCase: number[] = [];
  const scoreTimes: number[] = [];
  const rows: string[] = [];
  for (const [name, levels] of PROFILES) {
    const start = scoreAssessment(compiled, levels);
    // Warm up the JIT on this profile.
    for (let w = 0; w < 3; w++) planRoadmap(compiled, { levels, target: { predicate: "Memuaskan" }, maxStepsPerIndicator: 4, policy: "exact" });
    scoreTimes.push(timeMs(() => scoreAssessment(compiled, levels), trials * 20));
    for (const maxSteps of [1, 4]) {
      const cells: string[] = [];
      for (const [label, target] of TARGETS) {
        const input = { levels, target, maxStepsPerIndicator: maxSteps, policy: "exact" as const };
        const plan = planRoadmap(compiled, input);
        const ms = timeMs(() => planRoadmap(compiled, input), trials);
        perCase.push(ms);
        cells.push(`${label} ${ms.toFixed(2)}${plan.feasible ? ` (${plan.steps.length})` : " (–)"}`);
      }
      rows.push(`  ${name} (${start.index.toFixed(4)}), ≤${maxSteps} step(s): ${cells.join(", ")}`);
    }
  }
  const medianMs = median(perCase);
  const worstMs = Math.max(...perCase);
  const scoreMs = median(scoreTimes);
  console.log("roadmap: ms per plan (median of trials; indicators raised, – = out of reach)");
  for (const r of rows) console.log(r);
  console.log(
    `roadmap: ${perCase.length} cases, median ${medianMs.toFixed(2)} ms, slowest case ${worstMs.toFixed(2)} ms; one scoreAssessment ${(scoreMs * 1000).toFixed(1)} µs; median plan / score ${fmt(medianMs / scoreMs, 0)}×`,
  );
  return { medianMs, worstMs, scoreMs };
}
