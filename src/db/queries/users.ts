import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, userRoles, users } from "../schema";

export interface UserWithRoles {
  id: number;
  email: string;
  name: string;
  nip: string | null;
  phone: string | null;
  disabled: boolean;
  /** Whether the account has a password (false while an invitation is not taken up). */
  hasPassword: boolean;
  roles: { id: number; role: string; agencyId: number | null; agencyCode: string | null; agencyName: string | null }[];
}

/**
 * Users with their roles; with `agencyIds`, only users holding a role in one of those agencies.
 * Two queries, not one per user.
 */
export async function listUsersWithRoles(db: Db, filter: { agencyIds?: number[]; userId?: number }): Promise<UserWithRoles[]> {
  let ids: number[] | undefined;
  if (filter.agencyIds) {
    if (!filter.agencyIds.length) return [];
    ids = [...new Set((await db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.agencyId, filter.agencyIds))).map((r) => r.id))];
    if (!ids.length) return [];
  }
  if (filter.userId !== undefined) ids = ids ? ids.filter((i) => i === filter.userId) : [filter.userId];
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, nip: users.nip, phone: users.phone, disabled: users.disabled, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
    .from(users)
    .where(ids ? inArray(users.id, ids.length ? ids : [-1]) : undefined)
    .orderBy(asc(users.email));
  if (!rows.length) return [];
  const roles = await db
    .select({ id: userRoles.id, userId: userRoles.userId, role: userRoles.role, agencyId: userRoles.agencyId, agencyCode: agencies.code, agencyName: agencies.name })
    .from(userRoles)
    .leftJoin(agencies, eq(userRoles.agencyId, agencies.id))
    .where(inArray(userRoles.userId, rows.map((r) => r.id)))
    .orderBy(asc(userRoles.id));
  return rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map(({ userId: _u, ...r }) => r) }));
}
