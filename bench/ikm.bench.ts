import { computeIkm } from "../src/core";
import { fmt, median } from "./stats";

/**
 * IKM for a province: 100,000 SKM responses (nine answers each, as `Uint8Array` rows already in
 * memory) through `computeIkm` — every answer validated, counted per element and answer, the exact
 * rational IKM with the band and the minimum-respondent check — against a plain loop that only sums
 * the same answers into a floating-point mean × 25, same data, same run. Median of several trials.
 */
export function benchIkm(trials = 9, responses = 100_000): { coreMs: number; plainMs: number; ratio: number } {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
  const rows: Uint8Array[] = [];
  for (let i = 0; i < responses; i++) rows.push(Uint8Array.from({ length: 9 }, () => 1 + (rand() % 4)));

  let sink = 0;
  const core = () => {
    const t0 = performance.now();
    sink += computeIkm(rows, { population: 2_000_000 }).ikmHundredths ?? 0;
    return performance.now() - t0;
  };
  const plain = () => {
    const t0 = performance.now();
    let s = 0;
    for (const r of rows) for (let e = 0; e < 9; e++) s += r[e]!;
    sink += (s / (rows.length * 9)) * 25;
    return performance.now() - t0;
  };
  core();
  plain(); // warm-up
  const coreMs: number[] = [];
  const plainMs: number[] = [];
  for (let t = 0; t < trials; t++) {
    coreMs.push(core());
    plainMs.push(plain());
  }
  if (sink === 42) console.log(""); // keep the work observable
  const c = median(coreMs);
  const p = median(plainMs);
  console.log(`ikm: ${fmt(responses)} responses, computeIkm ${fmt(c, 1)} ms, plain sum ${fmt(p, 1)} ms, ratio ${fmt(c / p, 1)} (median of ${trials}; target < 500 ms)`);
  return { coreMs: c, plainMs: p, ratio: c / p };
}
