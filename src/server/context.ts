import { randomBytes } from "node:crypto";
import type { Database } from "../db/client";
import type { ThrottleSettings } from "../db/commands/login-throttle";
import type { SessionSettings } from "./auth/session-settings";
import type { Mailer } from "../lib/mailer";
import type { MessageSender } from "../lib/message-sender";
import type { DocumentSigner } from "../lib/document-signer";
import type { EvidenceStorage } from "../lib/storage";
import { createSecretBox, type SecretBox } from "../lib/secret-box";
import type { OidcProviderConfig } from "../config/config";
import type { SignInCodeLimits } from "../db/commands/citizen-sign-in";

/** What every feature receives: the database, auth settings and facts about this installation. */
export interface AppContext {
  database: Database;
  version: string;
  auth: {
    sessions: SessionSettings;
    throttle: ThrottleSettings;
    /** The clock for sign-in throttling and session expiry; absent: the system clock (tests inject one). */
    now?: () => Date;
    /** Checks a password against a hash at sign-in; absent: `verifyPassword` (tests count the calls). */
    verifyPassword?: (passwordHash: string, password: string) => Promise<boolean>;
  };
  /** Present when SMTP is configured: invitation and reset links are e-mailed instead of shown. */
  mailer?: Mailer | null;
  /** Where evidence files live (main.ts: S3 or `<data dir>/evidence`); absent: `<PANDU_DATA_DIR or ./data>/evidence`. */
  storage?: EvidenceStorage;
  /** Largest evidence file accepted, in bytes (PANDU_EVIDENCE_MAX_MB); absent: 50 MB. */
  evidenceMaxBytes?: number;
  /** This process's row in `server_instances` (main.ts); leases it takes die with it. Absent: leases only time out. */
  instanceId?: string;
  /** Encrypts TOTP secrets at rest (main.ts: the key from PANDU_SECRET_KEY or `<data dir>/secret.key`). */
  secretBox?: SecretBox;
  /** PANDU_PUBLIC_URL: the site's address for links that leave the request (sitemap, e-mails); absent: the request's own origin. */
  publicUrl?: string | null;
  /** PANDU_DOCUMENT_NUMBER_PATTERN: how official documents are numbered; absent: DEFAULT_DOCUMENT_NUMBER_PATTERN. */
  documentNumberPattern?: string;
  /** PANDU_HOLIDAYS_DIR: holiday files added to the bundled ones (regional holidays); absent: only seed/holidays. Read through `workingCalendarOf`. */
  holidaysDir?: string | null;
  /** How often the document job queue looks for jobs queued elsewhere or left by a dead instance, ms (main.ts: 5000); absent: only when a job is queued here. */
  documentJobPollMs?: number;
  /** How long public answers may trust one read of the published-data counter, ms (main.ts: PANDU_PUBLIC_CACHE_MS); absent: 0, read every time. */
  publicCacheMs?: number;
  /** The clock of application workflows (deadlines, transitions); absent: the system clock (tests inject one). */
  clock?: () => Date;
  /** SMS/WhatsApp notices to citizens (src/lib/message-sender.ts); absent: none sent. E-mail goes through `mailer`. */
  messageSender?: MessageSender | null;
  /** Signs service products (BSrE); absent: unsigned (src/lib/document-signer.ts). */
  documentSigner?: DocumentSigner;
  /** Public SKM responses accepted per IP and survey per window (tests and benchmarks set it); absent: 20 per minute. */
  skmRateLimit?: { max: number; timeWindowMs: number };
  /** SHA-256 of that key (never the key), recorded in backups. */
  secretKeyFingerprint?: string | null;
  /** Demo mode (PANDU_DEMO): without SMTP, citizens' sign-in codes are shown in the answer, marked as demo. */
  demo?: boolean;
  /** Citizens' sign-in (docs/citizen-sign-in.md): the OIDC provider (PANDU_CITIZEN_OIDC_*) and the code limits. */
  citizenSignIn?: {
    oidc?: OidcProviderConfig | null;
    codeLimits?: SignInCodeLimits;
    /** Code requests (and, separately, code checks) per client IP per hour; absent: 20. */
    perIpPerHour?: number;
  };
  /** PANDU_STAFF_OIDC_*: staff sign-in through an OpenID Connect provider; absent: off. */
  staffOidc?: OidcProviderConfig | null;
}

let ephemeral: SecretBox | null = null;
/** The context's secret box; without one (tests, embedding) a random per-process key. */
export function secretBoxOf(ctx: AppContext): SecretBox {
  if (ctx.secretBox) return ctx.secretBox;
  ephemeral ??= createSecretBox(randomBytes(32));
  return ephemeral;
}
