import { execFile } from "node:child_process";
import path from "node:path";
import type { load } from "./load";

/** Latency statistics of one load run (milliseconds, requests per second). */
export type LoadStats = Awaited<ReturnType<typeof load>>;

/**
 * Runs `bench/load-client.ts` in a child process (so the load generator does not share the
 * server's event loop) against `paths`, chosen at random, and returns its statistics.
 */
export function loadFromChild(base: string, headers: Record<string, string>, paths: string[], concurrency: number, total: number): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "load-client.ts")],
      { env: { ...process.env, PANDU_LOAD: JSON.stringify({ base, headers, paths, concurrency, total }) }, maxBuffer: 1 << 20 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as LoadStats)),
    );
  });
}
