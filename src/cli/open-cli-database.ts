import { openDatabase, type Database } from "../db/client";
import { loadConfig } from "../server/config";

/** Opens the database the server would use (DATABASE_URL, else the PGlite data directory). */
export async function openCliDatabase(options: { migrationsFolder?: string } = {}): Promise<Database> {
  const config = loadConfig();
  return openDatabase(config.database.kind === "postgres" ? config.database : { kind: "pglite", dataDir: config.database.dataDir }, options);
}
