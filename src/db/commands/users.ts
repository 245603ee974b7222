import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { userRoles, users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Role } from "../../core";
import { issueOneTimeLink } from "./one-time-links";
import { endAssignmentsOfRevokedRole } from "./assign";

export interface NewUserInput {
  email: string;
  name: string;
  nip?: string | null | undefined;
  phone?: string | null | undefined;
  passwordHash?: string | null | undefined;
  roles: { role: Role; agencyId: number | null }[];
}

/** Raised when the e-mail address is taken. */
export class DuplicateEmailError extends Error {}

/**
 * Creates a user with roles and, when no password is given, an invitation link; one transaction
 * with one audit event per agency touched (so each agency's trail shows who joined it).
 */
export async function createUser(db: Db, ctx: AuditContext, input: NewUserInput): Promise<{ id: number; invitation: { token: string; expiresAt: Date } | null }> {
  const email = input.email.toLowerCase();
  return db.transaction(async (tx) => {
    // The unique index on e-mail decides, so two concurrent creations of one address end in one 409.
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, nip: input.nip ?? null, phone: input.phone ?? null, passwordHash: input.passwordHash ?? null, passwordChangedAt: input.passwordHash ? new Date() : null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw new DuplicateEmailError(email);
    const id = user.id;
    if (input.roles.length) await tx.insert(userRoles).values(input.roles.map((r) => ({ userId: id, role: r.role, agencyId: r.agencyId })));
    const invitation = input.passwordHash ? null : await issueOneTimeLink(tx, id, "invitation");
    const agencies = [...new Set(input.roles.map((r) => r.agencyId ?? null))];
    for (const agencyId of agencies.length ? agencies : [null]) {
      await recordAudit(tx, ctx, {
        agencyId,
        action: "user.create",
        targetType: "user",
        targetId: id,
        after: { email, name: input.name, nip: input.nip ?? null, roles: input.roles.filter((r) => (r.agencyId ?? null) === agencyId).map((r) => r.role) },
      });
    }
    return { id, invitation };
  });
}

/**
 * Grants a role with its audit event in the agency's trail. Idempotent: granting a role the user
 * already holds returns the existing grant and records nothing. The insert is `ON CONFLICT DO NOTHING`
 * on `user_roles_uq` (NULLS NOT DISTINCT, so national roles too), so two concurrent grants make one
 * row and neither fails.
 */
export async function grantRole(db: Db, ctx: AuditContext, input: { userId: number; role: Role; agencyId: number | null }): Promise<number> {
  return db.transaction(async (tx) => {
    const sameAgency = input.agencyId === null ? isNull(userRoles.agencyId) : eq(userRoles.agencyId, input.agencyId);
    // Loops only if the conflicting grant is revoked between the insert and the look-up.
    for (;;) {
      const [row] = await tx.insert(userRoles).values(input).onConflictDoNothing().returning({ id: userRoles.id });
      if (row) {
        await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "role.grant", targetType: "user", targetId: input.userId, before: { role: null }, after: { role: input.role } });
        return row.id;
      }
      const [existing] = await tx.select({ id: userRoles.id }).from(userRoles).where(and(eq(userRoles.userId, input.userId), eq(userRoles.role, input.role), sameAgency));
      if (existing) return existing.id;
    }
  });
}

/**
 * Revokes one role grant with its audit event; an assessor role's assignments end with it, in the
 * same transaction (`endAssignmentsOfRevokedRole`, audited too).
 */
export async function revokeRole(db: Db, ctx: AuditContext, grant: { id: number; userId: number; role: string; agencyId: number | null }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(eq(userRoles.id, grant.id));
    await recordAudit(tx, ctx, { agencyId: grant.agencyId, action: "role.revoke", targetType: "user", targetId: grant.userId, before: { role: grant.role }, after: { role: null } });
    await endAssignmentsOfRevokedRole(tx, ctx, grant);
  });
}
