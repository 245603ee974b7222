import type { Db } from "../client";

/**
 * A query built once per database handle (a drizzle prepared statement, `.prepare(name)`): the
 * SQL text is not rebuilt on every call, and PostgreSQL parses and plans it once per connection.
 * For the reads every request makes (session, roles, the assessment being opened).
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let q = byDb.get(db);
    if (!q) byDb.set(db, (q = build(db)));
    return q;
  };
}
