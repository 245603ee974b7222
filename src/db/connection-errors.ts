/**
 * The PostgreSQL connection's timeouts and how a lost or stalled connection is recognised. Kept
 * apart from `client.ts` so the configuration and the error handler can use it without a driver.
 */

import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from "../config/database-timeouts";

export { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts };

/** How long /api/health waits for the database before answering 503: about 2 s, less with a shorter connect timeout. */
export const healthTimeoutMs = (t: DatabaseTimeouts | undefined) => Math.min(2000, t?.connectMs ?? 2000);

/** The database did not answer in time (at start-up, or for a health check). */
export class DatabaseTimeoutError extends Error {
  readonly code = "PANDU_DB_TIMEOUT";
  constructor(
    readonly timeoutMs: number,
    what: string,
  ) {
    super(`the database did not answer ${what} within ${timeoutMs} ms`);
    this.name = "DatabaseTimeoutError";
  }
}

// Class 08: connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now;
// 57014 query_canceled (statement_timeout); 53300 too_many_connections.
const CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "57P01", "57P02", "57P03", "57014", "53300", "PANDU_DB_TIMEOUT"]);
const MESSAGES = /connection terminated|terminating connection|connection timeout|timeout exceeded when trying to connect|query read timeout|not queryable|connection ended|timeout expired/i;

/**
 * Whether an error means the database could not be reached or stopped answering (not that the
 * statement was wrong): the request may succeed later. Looks through drizzle's wrapper (`cause`).
 */
export function isConnectionError(e: unknown): boolean {
  for (let err = e as (Error & { code?: unknown; cause?: unknown }) | undefined, depth = 0; err && depth < 4; err = err.cause as typeof err, depth++) {
    const code = typeof err.code === "string" ? err.code : "";
    if (CODES.has(code) || code.startsWith("08")) return true;
    // drizzle's wrapper quotes the statement and its parameters: only the driver's own message counts.
    const wrapper = "query" in err && "params" in err;
    if (!wrapper && typeof err.message === "string" && MESSAGES.test(err.message)) return true;
  }
  return false;
}
