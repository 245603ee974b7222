import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, apiTokens, sessions, userRoles, users } from "../schema";
import type { Actor, Role, RoleGrant } from "../../core";
import { preparedQuery } from "./prepared";

export interface UserRow {
  id: number;
  email: string;
  name: string;
  nip: string | null;
  phone: string | null;
  language: string;
  disabled: boolean;
  totpEnabled: boolean;
}

const userColumns = { id: users.id, email: users.email, name: users.name, nip: users.nip, phone: users.phone, language: users.language, disabled: users.disabled, totpEnabled: users.totpEnabled };

/** One grant as `grantsOfUser` reads it: the kab/kota below it when it is a province coordinator's. */
interface GrantRow {
  role: Role;
  agencyId: number | null;
  children: number[] | null;
}

/**
 * A user's role grants with the kab/kota below each province they coordinate, as one JSON value of a
 * sub-select correlated with `users.id` of the enclosing query (so every query using it selects from
 * `users`; the names are written out, as drizzle leaves columns unqualified in a one-table select):
 * the session and token lookups read it in the same statement, so authenticating a request is one
 * round trip to the database.
 */
const grantsOfUser = sql<GrantRow[]>`(select coalesce(json_agg(json_build_object(
    'role', ur.role, 'agencyId', ur.agency_id,
    'children', case when ur.role = 'koordinator_provinsi' and ur.agency_id is not null
      then (select coalesce(json_agg(a.id order by a.id), '[]'::json) from agencies a where a.parent_id = ur.agency_id) end)
    order by ur.id), '[]'::json) from user_roles ur where ur.user_id = users.id)`;

/** The policies' view of a user from their grants as `grantsOfUser` reads them. */
function actorFrom(userId: number, rows: GrantRow[], canWrite: boolean): Actor {
  const grants: RoleGrant[] = rows.map((g) => ({ role: g.role, agencyId: g.agencyId }));
  const provinceChildren: Record<number, number[]> = {};
  for (const g of rows) if (g.children?.length) provinceChildren[g.agencyId!] = g.children;
  return { userId, grants, provinceChildren, canWrite };
}

/** A user's role grants plus the kab/kota below each province they coordinate. */
export async function loadActor(db: Db, userId: number, canWrite: boolean): Promise<Actor> {
  const [row] = await actorGrantsQuery(db).execute({ userId });
  return actorFrom(userId, row?.grants ?? [], canWrite);
}
const actorGrantsQuery = preparedQuery((db) =>
  db
    .select({ grants: grantsOfUser })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("grants_of_user"),
);

/**
 * The live session with this id (hash of the cookie token), its user and the user's actor (roles),
 * if not expired: one statement.
 */
export async function findLiveSession(db: Db, id: string, now: Date) {
  const [row] = await liveSessionQuery(db).execute({ id, now: now.toISOString() });
  return row && { session: row.session, user: row.user, actor: actorFrom(row.user.id, row.grants, true) };
}
const liveSessionQuery = preparedQuery((db) =>
  db
    .select({ session: sessions, user: userColumns, grants: grantsOfUser })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`)))
    .prepare("find_live_session"),
);

/**
 * The unrevoked, unexpired API token with this hash, its user and the user's actor (roles; write
 * access from the token's scope): one prepared statement on the unique index of `token_hash`, every
 * token request makes it. `lastUsedAt` lets the caller skip the
 * write of the last use while it is recent (`tokenNeedsTouch`).
 */
export async function findLiveToken(db: Db, tokenHash: string, now: Date) {
  const [row] = await liveTokenQuery(db).execute({ tokenHash, now: now.toISOString() });
  return row && { token: row.token, user: row.user, actor: actorFrom(row.user.id, row.grants, row.token.scope === "write") };
}
const liveTokenQuery = preparedQuery((db) =>
  db
    .select({ token: { id: apiTokens.id, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt }, user: userColumns, grants: grantsOfUser })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`${sql.placeholder("now")}::timestamptz`)))
    .prepare("find_live_token"),
);

/** One user by id. */
export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row;
}

/** A user's roles with the agency each is held in. */
export async function listUserRoles(db: Db, userId: number) {
  return db
    .select({ id: userRoles.id, role: userRoles.role, agencyCode: agencies.code, agencyName: agencies.name })
    .from(userRoles)
    .leftJoin(agencies, eq(userRoles.agencyId, agencies.id))
    .where(eq(userRoles.userId, userId))
    .orderBy(userRoles.id);
}

const loginColumns = { ...userColumns, passwordHash: users.passwordHash, totpSecret: users.totpSecret, totpEnabled: users.totpEnabled, totpLastStep: users.totpLastStep };

/** A user with the password hash, by e-mail (stored lower-case), for sign-in only. */
export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db.select(loginColumns).from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

/** The same, by id (the second step of a sign-in that already knows the account). */
export async function findUserForLoginById(db: Db, id: number) {
  const [row] = await db.select(loginColumns).from(users).where(eq(users.id, id));
  return row;
}
