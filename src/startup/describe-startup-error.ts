import { DataDirLockedError, DataDirUnwritableError } from "../db/data-dir-lock";
import { ConfigError } from "../config/config";
import { DatabaseTimeoutError } from "../db/connection-errors";

/**
 * Turns a failure while starting into one line a person can act on, or null when it is not one of
 * the known start-up problems (then the caller logs it in full).
 */
export function describeStartupError(e: unknown, context: { port?: number; dataDir?: string; databaseUrl?: string }): string | null {
  if (e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof DataDirUnwritableError) return e.message;
  const err = e as NodeJS.ErrnoException & { address?: string };
  const safeUrl = context.databaseUrl?.replace(/\/\/[^@/]*@/, "//***@");
  if (e instanceof DatabaseTimeoutError) {
    return `the PostgreSQL server of DATABASE_URL ${safeUrl ?? ""} did not answer within ${e.timeoutMs} ms (DATABASE_CONNECT_TIMEOUT_MS)`;
  }
  switch (err?.code) {
    case "EADDRINUSE":
      return `port ${context.port} is already in use; stop the other program or set PORT to a free port`;
    case "EACCES":
    case "EROFS":
    case "EPERM":
      return context.dataDir && String(err.path ?? err.message).includes(context.dataDir)
        ? `data directory ${context.dataDir} is not writable (${err.code}); fix its permissions or set PANDU_DATA_DIR`
        : `permission denied: ${err.message}`;
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot reach the PostgreSQL server of DATABASE_URL ${safeUrl ?? ""} (${err.code})`;
    case "28P01":
    case "28000":
      return `PostgreSQL refused the login for DATABASE_URL ${safeUrl ?? ""}: ${err.message}`;
    case "3D000":
      return `the database named in DATABASE_URL does not exist: ${err.message}`;
    default:
      if (err instanceof TypeError && /Invalid URL/i.test(err.message)) return `DATABASE_URL is not a valid URL`;
      return null;
  }
}
