import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per run of a periodic job (the evidence sweep, notification pruning) and period: the
 * first instance to insert the row for a period runs the job, every other instance finds it taken
 * and skips. So a job runs once per cluster and period, however many instances tick.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    /** The start of the period (a multiple of the job interval since the epoch). */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    /** The server instance (`server_instances.id`) that ran it. */
    instanceId: text("instance_id").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null while running, or when the instance died during the run (the next period runs it again). */
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.job, t.periodStart] })],
);
