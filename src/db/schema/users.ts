import { boolean, integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/** People who sign in. Passwords are argon2id hashes; demo accounts exist only in demo mode. */
export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  language: text("language").notNull().default("id"),
  isDemo: boolean("is_demo").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A role held by a user, scoped to an agency for agency and province roles, national otherwise. */
export const userRoles = pgTable(
  "user_roles",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    agencyId: integer("agency_id").references(() => agencies.id, { onDelete: "cascade" }),
  },
  (t) => [unique("user_roles_uq").on(t.userId, t.role, t.agencyId)],
);
