import type { Database } from "../db/client";

/** What every feature receives: the database and facts about this installation. */
export interface AppContext {
  database: Database;
  version: string;
}
