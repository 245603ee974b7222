import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
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

/** A user's role grants plus the kab/kota below each province they coordinate. */
export async function loadActor(db: Db, userId: number, canWrite: boolean): Promise<Actor> {
  const grants = (await grantsQuery(db).execute({ userId })) as RoleGrant[];
  const provinces = grants.filter((g) => g.role === ("koordinator_provinsi" satisfies Role) && g.agencyId !== null).map((g) => g.agencyId!);
  const provinceChildren: Record<number, number[]> = {};
  if (provinces.length) {
    const children = await db.select({ id: agencies.id, parentId: agencies.parentId }).from(agencies).where(inArray(agencies.parentId, provinces));
    for (const c of children) (provinceChildren[c.parentId!] ??= []).push(c.id);
  }
  return { userId, grants, provinceChildren, canWrite };
}

const grantsQuery = preparedQuery((db) =>
  db.select({ role: userRoles.role, agencyId: userRoles.agencyId }).from(userRoles).where(eq(userRoles.userId, sql.placeholder("userId"))).prepare("grants_of_user"),
);

/** The live session with this id (hash of the cookie token) and its user, if not expired. */
export async function findLiveSession(db: Db, id: string, now: Date) {
  const [row] = await liveSessionQuery(db).execute({ id, now: now.toISOString() });
  return row;
}
const liveSessionQuery = preparedQuery((db) =>
  db
    .select({ session: sessions, user: userColumns })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`)))
    .prepare("find_live_session"),
);

/**
 * The unrevoked, unexpired API token with this hash and its user: one prepared statement on the
 * unique index of `token_hash`, every token request makes it. `lastUsedAt` lets the caller skip the
 * write of the last use while it is recent (`tokenNeedsTouch`).
 */
export async function findLiveToken(db: Db, tokenHash: string, now: Date) {
  const [row] = await liveTokenQuery(db).execute({ tokenHash, now: now.toISOString() });
  return row;
}
const liveTokenQuery = preparedQuery((db) =>
  db
    .select({ token: { id: apiTokens.id, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt }, user: userColumns })
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

/** A user with the password hash, by e-mail (stored lower-case), for sign-in only. */
export async function findUserForLogin(db: Db, email: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash, totpSecret: users.totpSecret, totpEnabled: users.totpEnabled, totpLastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}
