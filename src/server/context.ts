import type { Database } from "../db/client";
import type { ThrottleSettings } from "../db/commands/login-throttle";
import type { SessionSettings } from "./auth/session-settings";

/** What every feature receives: the database, auth settings and facts about this installation. */
export interface AppContext {
  database: Database;
  version: string;
  auth: { sessions: SessionSettings; throttle: ThrottleSettings };
}
