import { index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * E-mail one-time sign-in codes of citizens: one live code per address (a new request replaces it).
 * Only a salted SHA-256 of the 6-digit code is stored; it lives 10 minutes, is used once, and dies
 * after 5 wrong tries. `sent_in_window` / `window_started_at` limit how many codes one address may
 * be sent per hour (a limit per address that holds across server instances).
 */
export const citizenSignInCodes = pgTable("citizen_sign_in_codes", {
  email: text("email").primaryKey(),
  codeHash: text("code_hash"),
  salt: text("salt").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  wrongTries: integer("wrong_tries").notNull().default(0),
  sentInWindow: integer("sent_in_window").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
});

/**
 * OpenID Connect sign-ins in flight (citizens and staff): the state (stored as its SHA-256), the PKCE
 * verifier and nonce kept server-side so any instance can finish the flow; taken (deleted) once, 10 minutes.
 */
export const oidcSignInStates = pgTable(
  "oidc_sign_in_states",
  {
    stateHash: text("state_hash").primaryKey(),
    /** `citizen` or `staff`. */
    audience: text("audience").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    nonce: text("nonce").notNull(),
    /** A same-site relative path to go back to after signing in. */
    returnTo: text("return_to").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("oidc_sign_in_states_expires_idx").on(t.expiresAt)],
);

/** Staff accounts linked to an OpenID Connect identity (issuer + subject); linking never creates accounts or grants roles. */
export const staffOidcIdentities = pgTable(
  "staff_oidc_identities",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [unique("staff_oidc_identities_uq").on(t.issuer, t.subject), index("staff_oidc_identities_user_idx").on(t.userId)],
);
