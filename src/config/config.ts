import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseSecretKey } from "../lib/secret-box";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN, documentNumberPatternProblem } from "../core/documents/document-number";
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from "./database-timeouts";

/** Raised for a configuration the server cannot start with; the message is one clear line. */
export class ConfigError extends Error {}

/** Where the embedded database and the local evidence files live unless PANDU_DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = "./data";
/** Largest evidence file accepted unless PANDU_EVIDENCE_MAX_MB says otherwise. */
export const DEFAULT_EVIDENCE_MAX_MB = 50;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://")
    .optional(),
  PANDU_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  PANDU_DEMO: z.enum(["true", "false", "1", "0"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** PostgreSQL timeouts in milliseconds (see src/db/client.ts); 0 turns the statement and idle-in-transaction ones off. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DATABASE_TIMEOUTS.connectMs),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.statementMs),
  DATABASE_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_DATABASE_TIMEOUTS.idleInTransactionMs),
  TRUST_PROXY: z.string().regex(/^[\w.:/]+(\s*,\s*[\w.:/]+)*$/, "true, false or the proxies' addresses (e.g. loopback or 10.0.0.0/8)").default("false"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  SMTP_FROM: z.string().min(3).default("Pandu SPBE <no-reply@localhost>"),
  PANDU_PUBLIC_URL: z.string().url().optional(),
  /** The number official documents get: {seq} (or {seq3}), {kind}, {agency}, {year}, {month}, {romanMonth}. */
  PANDU_DOCUMENT_NUMBER_PATTERN: z
    .string()
    .min(1)
    .max(200)
    .refine((v) => documentNumberPatternProblem(v) === null, "must contain {seq} (or {seq3}) and only the placeholders {kind}, {agency}, {year}, {month}, {romanMonth}")
    .default(DEFAULT_DOCUMENT_NUMBER_PATTERN),
  /** Extra holiday files (regional holidays, a year not bundled yet), added to seed/holidays: a folder of <year>.json files. */
  PANDU_HOLIDAYS_DIR: z.string().min(1).optional(),
  PANDU_EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(10_240).default(DEFAULT_EVIDENCE_MAX_MB),
  /** Response cache per kind in MB (read by src/server/cache); checked here so a typo stops the start-up. */
  PANDU_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  /** How long one read of the published-data counter serves public answers, ms (their largest lag behind a write). */
  PANDU_PUBLIC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** App processes on this machine (PostgreSQL only): a number, or "auto" for one per CPU core. */
  PANDU_WORKERS: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(64)], { error: 'a whole number from 1 to 64, or "auto"' }).default(1),
  /** How often the periodic jobs (evidence sweep, notification pruning) run, once per cluster; an hour unless set (tests use less). */
  PANDU_JOB_INTERVAL_MS: z.coerce.number().int().min(100).max(24 * 3_600_000).default(3_600_000),
  S3_ENDPOINT: z.string().regex(/^https?:\/\//, "must start with http:// or https://").optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "a bucket name (3-63 lower-case letters, digits, dots, hyphens)").optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false", "1", "0"]).optional(),
  PANDU_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== null, "must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)")
    .optional(),
  /** OpenID Connect sign-in for citizens (INApas or any provider): the issuer turns it on. */
  PANDU_CITIZEN_OIDC_ISSUER: z.string().url().optional(),
  PANDU_CITIZEN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PANDU_CITIZEN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PANDU_CITIZEN_OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  PANDU_CITIZEN_OIDC_LABEL: z.string().min(1).max(60).default("INApas"),
  /** OpenID Connect sign-in for staff (optional per deployment): links to existing accounts only. */
  PANDU_STAFF_OIDC_ISSUER: z.string().url().optional(),
  PANDU_STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PANDU_STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PANDU_STAFF_OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  PANDU_STAFF_OIDC_LABEL: z.string().min(1).max(60).default("SSO"),
});

/** One OpenID Connect provider Pandu signs people in with (a relying party of it). */
export interface OidcProviderConfig {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only, token endpoint auth `none`). */
  clientSecret: string | null;
  scopes: string;
  /** The button's name ("INApas"). */
  label: string;
}

function oidcProvider(prefix: string, issuer: string | undefined, clientId: string | undefined, clientSecret: string | undefined, scopes: string, label: string): OidcProviderConfig | null {
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer) throw new ConfigError(`invalid configuration: ${prefix}_ISSUER: required with the other ${prefix}_ variables`);
  if (!clientId) throw new ConfigError(`invalid configuration: ${prefix}_CLIENT_ID: required with ${prefix}_ISSUER`);
  if (!scopes.split(/\s+/).includes("openid")) throw new ConfigError(`invalid configuration: ${prefix}_SCOPES: must include openid`);
  return { issuer, clientId, clientSecret: clientSecret ?? null, scopes, label };
}

export interface Config {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string; poolSize: number; timeouts: DatabaseTimeouts } | { kind: "pglite"; dataDir: string };
  /** Demo mode seeds demo accounts with random passwords; never on by default with PostgreSQL. */
  demo: boolean;
  /** App processes sharing the port (PANDU_WORKERS; always 1 on the embedded database). */
  workers: number;
  logLevel: string;
  /** PANDU_JOB_INTERVAL_MS: the period of the cluster-wide jobs. */
  jobIntervalMs: number;
  /** Fastify's trustProxy: true, or the proxies' addresses (then X-Forwarded-For cannot be forged past them). */
  trustProxy: boolean | string;
  sessions: { idleMinutes: number; maxHours: number };
  /** PANDU_PUBLIC_CACHE_MS: public answers may lag a write by this much and cost no database read meanwhile. */
  publicCacheMs: number;
  /** PANDU_PUBLIC_URL, when set: the address users reach Pandu at (links in e-mails, the sitemap). */
  publicUrl: string | null;
  /** PANDU_DOCUMENT_NUMBER_PATTERN: how official documents are numbered. */
  documentNumberPattern: string;
  /** PANDU_HOLIDAYS_DIR, resolved, when set: holiday files added to the bundled national ones. */
  holidaysDir: string | null;
  smtp: { url: string; from: string; publicUrl: string } | null;
  /** PANDU_CITIZEN_OIDC_*: citizens' OpenID Connect provider (INApas), when configured. */
  citizenOidc: OidcProviderConfig | null;
  /** PANDU_STAFF_OIDC_*: staff's OpenID Connect provider, when configured. */
  staffOidc: OidcProviderConfig | null;
  /** PANDU_SECRET_KEY (encrypts TOTP secrets); absent: a key file in the data directory. */
  secretKey: string | undefined;
  /** PANDU_DATA_DIR, resolved: the embedded database (PGlite) and local evidence files (both modes). */
  dataDir: string;
  /** Evidence files: the size limit, and the S3-compatible bucket when S3_BUCKET is set (else local files). */
  evidence: {
    maxBytes: number;
    s3: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean } | null;
  };
}

/** Reads the configuration from environment variables (see the README's table). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const database: Config["database"] = e.DATABASE_URL
    ? {
        kind: "postgres",
        url: e.DATABASE_URL,
        poolSize: e.DATABASE_POOL_SIZE,
        timeouts: { connectMs: e.DATABASE_CONNECT_TIMEOUT_MS, statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS, idleInTransactionMs: e.DATABASE_IDLE_TX_TIMEOUT_MS },
      }
    : { kind: "pglite", dataDir: path.resolve(e.PANDU_DATA_DIR) };
  const demoDefault = database.kind === "pglite" && env.NODE_ENV !== "production";
  const demo = e.PANDU_DEMO === undefined ? demoDefault : e.PANDU_DEMO === "true" || e.PANDU_DEMO === "1";
  if (e.SMTP_URL && !e.PANDU_PUBLIC_URL) {
    throw new ConfigError("invalid configuration: PANDU_PUBLIC_URL: required with SMTP_URL, to build the links in e-mails");
  }
  if (!e.S3_BUCKET && (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID || e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError("invalid configuration: S3_BUCKET: required with the other S3_ variables (evidence would otherwise stay on local disk)");
  }
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError("invalid configuration: S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  }
  const workers = e.PANDU_WORKERS === "auto" ? os.availableParallelism() : e.PANDU_WORKERS;
  if (workers > 1 && database.kind === "pglite") {
    throw new ConfigError("invalid configuration: PANDU_WORKERS: several processes need PostgreSQL (DATABASE_URL); the embedded database belongs to one process");
  }
  if (demo && env.NODE_ENV === "production") {
    throw new ConfigError("invalid configuration: PANDU_DEMO: demo accounts are never created with NODE_ENV=production");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    demo,
    workers,
    logLevel: e.LOG_LEVEL,
    jobIntervalMs: e.PANDU_JOB_INTERVAL_MS,
    trustProxy: e.TRUST_PROXY === "true" ? true : e.TRUST_PROXY === "false" ? false : e.TRUST_PROXY,
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    citizenOidc: oidcProvider("PANDU_CITIZEN_OIDC", e.PANDU_CITIZEN_OIDC_ISSUER, e.PANDU_CITIZEN_OIDC_CLIENT_ID, e.PANDU_CITIZEN_OIDC_CLIENT_SECRET, e.PANDU_CITIZEN_OIDC_SCOPES, e.PANDU_CITIZEN_OIDC_LABEL),
    staffOidc: oidcProvider("PANDU_STAFF_OIDC", e.PANDU_STAFF_OIDC_ISSUER, e.PANDU_STAFF_OIDC_CLIENT_ID, e.PANDU_STAFF_OIDC_CLIENT_SECRET, e.PANDU_STAFF_OIDC_SCOPES, e.PANDU_STAFF_OIDC_LABEL),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM, publicUrl: e.PANDU_PUBLIC_URL! } : null,
    secretKey: e.PANDU_SECRET_KEY,
    dataDir: path.resolve(e.PANDU_DATA_DIR),
    publicCacheMs: e.PANDU_PUBLIC_CACHE_MS,
    publicUrl: e.PANDU_PUBLIC_URL ?? null,
    documentNumberPattern: e.PANDU_DOCUMENT_NUMBER_PATTERN,
    holidaysDir: e.PANDU_HOLIDAYS_DIR ? path.resolve(e.PANDU_HOLIDAYS_DIR) : null,
    evidence: {
      maxBytes: e.PANDU_EVIDENCE_MAX_MB * 1024 * 1024,
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === "true" || e.S3_FORCE_PATH_STYLE === "1",
          }
        : null,
    },
  };
}
