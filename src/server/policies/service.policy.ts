import { hasRole, isAdministrator, readableAgencies, servesAgency, type Actor } from "../../core";

/** An agency's service catalogue (drafts included) is read by anyone signed in to that agency (its service officers too) or coordinating its province (others: 404). */
export function canReadServices(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || readableAgencies(actor).has(agencyId) || servesAgency(actor, agencyId);
}

/** The agency's Koordinator SPBE and administrators add services, edit drafts of their standards and put them in force. */
export function canManageServices(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || hasRole(actor, "koordinator_spbe", agencyId);
}
