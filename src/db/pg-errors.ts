/**
 * PostgreSQL errors a command or the error handler reacts to, by SQLSTATE. Both drivers (pg and
 * PGlite) put the SQLSTATE in `code`; drizzle wraps the driver's error in `cause`.
 */

/** The SQLSTATE of a database error (looked up through `cause`), or undefined. */
export function sqlState(e: unknown): string | undefined {
  for (let err = e as { code?: unknown; cause?: unknown } | undefined, depth = 0; err && typeof err === "object" && depth < 5; err = err.cause as typeof err, depth++) {
    if (typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code)) return err.code;
  }
  return undefined;
}

/** A unique index refused the row (23505): another transaction wrote the same key first. */
export const isUniqueViolation = (e: unknown): boolean => sqlState(e) === "23505";

/** The transaction lost a race the database detected: serialization failure (40001) or deadlock (40P01). */
export const isSerializationFailure = (e: unknown): boolean => {
  const code = sqlState(e);
  return code === "40001" || code === "40P01";
};
