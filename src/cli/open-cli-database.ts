import { openDatabase, type Database } from "../db/client";
import { loadConfig } from "../config/config";

/** Opens the database the server would use (DATABASE_URL, else the PGlite data directory). */
export async function openCliDatabase(options: { migrationsFolder?: string } = {}): Promise<Database> {
  const config = loadConfig();
  // A command may run long statements (imports, restores): the statement timeout is for requests.
  return openDatabase(
    config.database.kind === "postgres" ? { ...config.database, timeouts: { ...config.database.timeouts, statementMs: 0 } } : { kind: "pglite", dataDir: config.database.dataDir },
    options,
  );
}
