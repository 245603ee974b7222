import { boolean, integer, pgEnum, pgTable, serial, text, timestamp, unique, index } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/** People who sign in. Passwords are argon2id hashes; demo accounts exist only in demo mode. */
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** Nomor Induk Pegawai, 18 digits, optional. */
  nip: text("nip"),
  phone: text("phone"),
  passwordHash: text("password_hash"),
  language: text("language").notNull().default("id"),
  isDemo: boolean("is_demo").notNull().default(false),
  disabled: boolean("disabled").notNull().default(false),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
  /** Base32 TOTP secret; pending until confirmed with a code (totpEnabled). */
  totpSecret: text("totp_secret"),
  totpEnabled: boolean("totp_enabled").notNull().default(false),
  /** The last 30-second step whose code signed in; a code is never accepted twice. */
  totpLastStep: integer("totp_last_step"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A role held by a user, scoped to an agency for agency and province roles, national otherwise (agency NULL; the unique constraint treats NULLs as equal, so a national role is held once). */
export const userRoles = pgTable(
  "user_roles",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    agencyId: integer("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
  },
  (t) => [unique("user_roles_uq").on(t.userId, t.role, t.agencyId).nullsNotDistinct(), index("user_roles_agency_idx").on(t.agencyId)],
);

/** Server-side sessions; only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const tokenScope = pgEnum("token_scope", ["read", "write"]);

/** API tokens for scripts and integrations; only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    scope: tokenScope("scope").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Failed sign-ins per e-mail address, for growing delays and temporary locks. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
});

/** One-time links for invitations and password resets; only the SHA-256 of the token is stored. */
export const oneTimeLinks = pgTable("one_time_links", {
  id: serial("id").primaryKey(),
  tokenHash: text("token_hash").notNull().unique(),
  userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
