// A load generator in its own process: `node --import tsx bench/scenario-client.ts` with
// PANDU_SCENARIO = JSON { name, args, concurrency, total }. Runs `total` scenario steps from
// `concurrency` parallel users (closed loop, no think time) and prints, as JSON on stdout, the
// latency statistics of each timed request label and of the whole step, and the first failures.
import { percentile } from "./load";
import { median } from "./stats";
import { SCENARIOS, type ScenarioName } from "./scenarios";

const spec = JSON.parse(process.env.PANDU_SCENARIO ?? "{}") as { name: ScenarioName; args: never; concurrency: number; total: number };
const step = SCENARIOS[spec.name](spec.args);
const samples: Record<string, number[]> = {};
let issued = 0;
let errors = 0;
const failures: string[] = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (issued < spec.total) {
      const i = issued++;
      const s = performance.now();
      const r = await step(i).catch((e: unknown) => ({ ok: false, timings: {} as Record<string, number>, failure: String(e) }));
      if (!r.ok) {
        errors++;
        if (failures.length < 3 && r.failure) failures.push(r.failure);
      }
      for (const [k, v] of Object.entries({ ...r.timings, step: performance.now() - s })) (samples[k] ??= []).push(v);
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const stats = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { p50: median(v), p95: percentile(v, 95), p99: percentile(v, 99), n: v.length }]));
process.stdout.write(JSON.stringify({ stats, stepsPerSecond: spec.total / seconds, errors, failures }));
