import { execFile } from "node:child_process";
import path from "node:path";
import type { ScenarioArgs, ScenarioName } from "./scenarios";

/** Latency statistics of one load run (milliseconds, requests per second). */
export interface LoadStats {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
}

/** GETs of `paths`, chosen at random, from `concurrency` parallel clients in a child process; latency statistics. */
export async function loadFromChild(base: string, headers: Record<string, string>, paths: string[], concurrency: number, total: number): Promise<LoadStats> {
  const r = await scenarioFromChild("get", { base, headers, paths }, concurrency, total);
  const q = r.stats.request ?? { p50: NaN, p95: NaN, p99: NaN };
  return { p50: q.p50, p95: q.p95, p99: q.p99, rps: r.stepsPerSecond, errors: r.errors };
}

/** Per-label latency statistics (ms) of a scenario run, steps per second and failed steps. */
export interface ScenarioStats {
  stats: Record<string, { p50: number; p95: number; p99: number; n: number }>;
  stepsPerSecond: number;
  errors: number;
  /** The first few failed answers (status and body start). */
  failures: string[];
}

/**
 * Runs `total` steps of a scenario of bench/scenarios.ts from `concurrency` parallel users in a
 * child process (bench/scenario-client.ts) and returns the statistics of each timed request.
 */
export function scenarioFromChild<N extends ScenarioName>(name: N, args: ScenarioArgs<N>, concurrency: number, total: number): Promise<ScenarioStats> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "scenario-client.ts")],
      { env: { ...process.env, PANDU_SCENARIO: JSON.stringify({ name, args, concurrency, total }) }, maxBuffer: 1 << 22 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as ScenarioStats)),
    );
  });
}
