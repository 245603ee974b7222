import { indexNumerator, predicateFor } from "../src/core";
import { bundledInstrument } from "../src/lib/instrument-files";
import { fmt, median } from "./stats";

/**
 * Scoring throughput on one core: the core's exact scorer (validate every level, Σ level × weight in
 * integers, predicate) against a plain loop summing the same products without checks, same data,
 * same run. Reports the median of several trials.
 */
export function benchScoring(trials = 7): { coreRate: number; plainRate: number; ratio: number } {
  const compiled = bundledInstrument("permenpanrb-59-2020")!;
  const n = compiled.codes.length;
  const batch = 10_000;
  const levels: Int8Array[] = [];
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
  for (let b = 0; b < batch; b++) levels.push(Int8Array.from({ length: n }, () => 1 + (rand() % 5)));
  const weights = compiled.weights;
  const rounds = 50; // 500,000 assessments per trial

  let sink = 0;
  const core = () => {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let b = 0; b < batch; b++) {
        const idx = indexNumerator(compiled, levels[b]!);
        sink += idx + predicateFor(compiled, idx, "exact").length;
      }
    }
    return (rounds * batch) / ((performance.now() - t0) / 1000);
  };
  const plain = () => {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let b = 0; b < batch; b++) {
        const l = levels[b]!;
        let s = 0;
        for (let i = 0; i < n; i++) s += l[i]! * weights[i]!;
        sink += s;
      }
    }
    return (rounds * batch) / ((performance.now() - t0) / 1000);
  };
  core();
  plain(); // warm-up
  const coreRates: number[] = [];
  const plainRates: number[] = [];
  for (let t = 0; t < trials; t++) {
    coreRates.push(core());
    plainRates.push(plain());
  }
  if (sink === 42) console.log(""); // keep the work observable
  const coreRate = median(coreRates);
  const plainRate = median(plainRates);
  console.log(`scoring: core ${fmt(coreRate)} assessments/s, plain loop ${fmt(plainRate)}/s, ratio ${fmt(coreRate / plainRate, 2)} (median of ${trials})`);
  return { coreRate, plainRate, ratio: coreRate / plainRate };
}
