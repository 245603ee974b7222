import path from "node:path";
import { z } from "zod";

/** Raised for a configuration the server cannot start with; the message is one clear line. */
export class ConfigError extends Error {}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://")
    .optional(),
  PANDU_DATA_DIR: z.string().min(1).default("./data"),
  PANDU_DEMO: z.enum(["true", "false", "1", "0"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  SMTP_FROM: z.string().min(3).default("Pandu SPBE <no-reply@localhost>"),
  PANDU_PUBLIC_URL: z.string().url().optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string };
  /** Demo mode seeds demo accounts with random passwords; never on by default with PostgreSQL. */
  demo: boolean;
  logLevel: string;
  trustProxy: boolean;
  sessions: { idleMinutes: number; maxHours: number };
  smtp: { url: string; from: string; publicUrl: string } | null;
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
    ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
    : { kind: "pglite", dataDir: path.resolve(e.PANDU_DATA_DIR) };
  const demoDefault = database.kind === "pglite" && env.NODE_ENV !== "production";
  const demo = e.PANDU_DEMO === undefined ? demoDefault : e.PANDU_DEMO === "true" || e.PANDU_DEMO === "1";
  if (e.SMTP_URL && !e.PANDU_PUBLIC_URL) {
    throw new ConfigError("invalid configuration: PANDU_PUBLIC_URL: required with SMTP_URL, to build the links in e-mails");
  }
  if (demo && env.NODE_ENV === "production") {
    throw new ConfigError("invalid configuration: PANDU_DEMO: demo accounts are never created with NODE_ENV=production");
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    demo,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === "true",
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM, publicUrl: e.PANDU_PUBLIC_URL! } : null,
  };
}
