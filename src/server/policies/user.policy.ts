import { agenciesOf, hasRole, isAdministrator, roleNeedsAgency, type Actor, type Role } from "../../core";

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

/** Whether the actor may see or edit a user who holds roles in `userAgencyIds`. */
export function canSeeUser(actor: Actor, userAgencyIds: (number | null)[]): boolean {
  if (isAdministrator(actor)) return true;
  const mine = new Set(agenciesOf(actor).filter((id) => hasRole(actor, "koordinator_spbe", id)));
  return userAgencyIds.some((id) => id !== null && mine.has(id));
}
