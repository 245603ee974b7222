import { agenciesOf, hasRole, isAdministrator, roleNeedsAgency, ROLES, type Actor, type Role } from "../../core";

/** Administrators manage everyone; a Koordinator SPBE manages the agency roles of their agency. */
export function canManageUsers(actor: Actor): boolean {
  return isAdministrator(actor) || actor.grants.some((g) => g.role === "koordinator_spbe");
}

/** Whether the actor may grant or revoke `role` in `agencyId` (null for national roles). */
export function canGrantRole(actor: Actor, role: Role, agencyId: number | null): boolean {
  if (isAdministrator(actor)) return roleNeedsAgency(role) === (agencyId !== null);
  const agencyRole = roleNeedsAgency(role) && role !== "koordinator_provinsi" && role !== "koordinator_spbe";
  return agencyRole && agencyId !== null && hasRole(actor, "koordinator_spbe", agencyId);
}

/** A role the actor may grant: national (`agencyIds` null), in any agency, or in the listed agencies. */
export type Grantable = { role: Role; agencyIds: number[] | "any" | null };

/**
 * The roles the actor may grant, for the role pickers (the UI offers only these; the server still
 * checks every grant with `canGrantRole`): a national role with `agencyIds` null, an agency or
 * province role with "any" agency (administrators) or the agencies where the actor may grant it.
 * Read-only callers grant nothing.
 */
export function grantableRoles(actor: Actor): Grantable[] {
  if (!actor.canWrite) return [];
  if (isAdministrator(actor)) return ROLES.map((role) => ({ role, agencyIds: roleNeedsAgency(role) ? "any" : null }));
  const candidates = [...new Set(actor.grants.flatMap((g) => (g.agencyId === null ? [] : [g.agencyId])))];
  return ROLES.flatMap((role): Grantable[] => {
    if (!roleNeedsAgency(role)) return canGrantRole(actor, role, null) ? [{ role, agencyIds: null }] : [];
    const agencyIds = candidates.filter((id) => canGrantRole(actor, role, id));
    return agencyIds.length ? [{ role, agencyIds }] : [];
  });
}

/** Whether the actor may see or edit a user who holds roles in `userAgencyIds`. */
export function canSeeUser(actor: Actor, userAgencyIds: (number | null)[]): boolean {
  if (isAdministrator(actor)) return true;
  const mine = new Set(agenciesOf(actor).filter((id) => hasRole(actor, "koordinator_spbe", id)));
  return userAgencyIds.some((id) => id !== null && mine.has(id));
}

/**
 * Whether the actor may act for another user (reset or invitation links, role grants and revokes):
 * only when the actor could grant *every* role that user holds. Nobody acts for someone above or
 * beside them: a Koordinator SPBE never for a holder of a national or province role (an
 * Administrator or the Koordinator Provinsi who also hold a role in the agency), nor for another
 * Koordinator SPBE, nor for anyone holding roles in agencies they do not manage.
 */
export function canActForUser(actor: Actor, targetGrants: readonly { role: string; agencyId: number | null }[]): boolean {
  return targetGrants.every((g) => canGrantRole(actor, g.role as Role, g.agencyId));
}

/**
 * Whether a one-time link for the user may be shown to the actor instead of being e-mailed: an
 * account without a password (an invitation not yet taken up) to anyone allowed to act for it, an
 * account with a password only to an Administrator (and the route audits it). Anyone else could
 * sign in as that user with the link.
 */
export function mayRevealLink(actor: Actor, target: { hasPassword: boolean }): boolean {
  return isAdministrator(actor) || !target.hasPassword;
}

/** What the actor may do to a listed user, for the UI (it never re-derives these rules). */
export function userAbilities(actor: Actor, target: { grants: readonly { role: string; agencyId: number | null }[]; hasPassword: boolean }, canEmail: boolean) {
  const actFor = actor.canWrite && canActForUser(actor, target.grants);
  return {
    /** Grant roles to the user and revoke theirs. */
    manageRoles: actFor,
    /** Make a reset link (e-mailed when SMTP is configured, else shown when allowed). */
    resetLink: actFor && (canEmail || mayRevealLink(actor, target)),
  };
}
