import { hasRole, isAdministrator, readableAgencies, servesAgency, type Actor } from "../../core";

/** Units (OPD) of an agency are seen by anyone signed in to that agency (its service officers too: they forward cases to units) or coordinating its province. */
export function canReadUnits(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || readableAgencies(actor).has(agencyId) || servesAgency(actor, agencyId);
}

/** The agency's Koordinator SPBE and administrators add and remove its units. */
export function canManageUnits(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || hasRole(actor, "koordinator_spbe", agencyId);
}
