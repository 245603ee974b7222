import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/**
 * Citizens who sign in to apply for services or follow their complaints: a separate population from
 * staff (`users`), with no roles. Identified by a verified e-mail address (one-time code) and/or an
 * OpenID Connect subject (INApas or another provider); personal data is kept minimal (UU 27/2022).
 */
export const citizens = pgTable(
  "citizens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-cased; verified by a one-time code or asserted by the OIDC provider (`email_verified`). */
    email: text("email").unique(),
    name: text("name"),
    phone: text("phone"),
    language: text("language").notNull().default("id"),
    /** The OpenID Connect issuer and subject that sign this citizen in, when they used one. */
    oidcIssuer: text("oidc_issuer"),
    oidcSubject: text("oidc_subject"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [unique("citizens_oidc_uq").on(t.oidcIssuer, t.oidcSubject)],
);

/** Citizens' sessions (cookie `pandu_citizen`); only the SHA-256 of the cookie token is stored. */
export const citizenSessions = pgTable(
  "citizen_sessions",
  {
    id: text("id").primaryKey(),
    citizenId: uuid("citizen_id")
      .notNull()
      .references(() => citizens.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    /** How the citizen proved who they are: `email_code` or `oidc`. */
    method: text("method").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("citizen_sessions_citizen_idx").on(t.citizenId)],
);
