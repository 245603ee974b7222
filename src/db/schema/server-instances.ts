import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * A running server process (one per worker), so that what it holds (a resumable upload's chunk
 * lease) can be taken over as soon as it is gone: it writes `heartbeat_at` every 10 s and counts
 * as dead 30 s after the last one. On PostgreSQL it also names the backend of a connection it holds
 * open for its whole life: when the process dies (even by SIGKILL) that backend ends at once, so
 * another process sees the death without waiting for the heartbeat to go stale.
 */
export const serverInstances = pgTable("server_instances", {
  /** Random (UUID v4), made at start-up. */
  id: text("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  /** PostgreSQL: `pg_backend_pid()` and `backend_start` of the connection the process keeps open; null on PGlite. */
  backendPid: integer("backend_pid"),
  backendStart: timestamp("backend_start", { withTimezone: true }),
});
