import type { Db } from "../db/client";
import { claimJobRun, finishJobRun } from "../db/commands/job-runs";

/** A job that runs once per period in the whole cluster. */
export interface PeriodicJob {
  name: string;
  run(): Promise<void>;
}

export interface PeriodicJobsOptions {
  db: Db;
  /** This process's `server_instances` id (recorded with each run it claims). */
  instanceId: string;
  intervalMs: number;
  jobs: PeriodicJob[];
  /** Told of each run this process made, and of a run or a claim that failed. */
  onRun(job: string, periodStart: Date): void;
  onError(job: string, err: unknown): void;
  now?: () => number;
}

/**
 * Runs periodic jobs once per cluster: every instance ticks at start-up and then every
 * `intervalMs`, and for each job claims the current period (`claimJobRun`, a row keyed by job and
 * period start); only the instance whose claim succeeds runs it. Instances need no coordination
 * beyond the database, any one of them may stop, and on PGlite (one process) the claim always
 * succeeds, so the jobs run in-process as before. Returns a stop function that waits for a running tick.
 */
export function startPeriodicJobs(options: PeriodicJobsOptions): () => Promise<void> {
  const now = options.now ?? Date.now;
  let running: Promise<void> | null = null;
  const tick = async () => {
    const periodStart = new Date(Math.floor(now() / options.intervalMs) * options.intervalMs);
    await Promise.all(
      options.jobs.map(async (job) => {
        try {
          if (!(await claimJobRun(options.db, job.name, periodStart, options.instanceId))) return;
          await job.run();
          await finishJobRun(options.db, job.name, periodStart);
          options.onRun(job.name, periodStart);
        } catch (err) {
          options.onError(job.name, err);
        }
      }),
    );
  };
  const start = () => {
    running ??= tick().finally(() => (running = null));
  };
  start();
  const timer = setInterval(start, options.intervalMs).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
