import type { Database } from "../db/client";
import type { ThrottleSettings } from "../db/commands/login-throttle";
import type { SessionSettings } from "./auth/session-settings";
import type { Mailer } from "../lib/mailer";

/** What every feature receives: the database, auth settings and facts about this installation. */
export interface AppContext {
  database: Database;
  version: string;
  auth: { sessions: SessionSettings; throttle: ThrottleSettings };
  /** Present when SMTP is configured: invitation and reset links are e-mailed instead of shown. */
  mailer?: Mailer | null;
}
