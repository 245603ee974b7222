import { hasRole, isAdministrator, readableAgencies, type Actor } from "../../core";

/** An agency's kop surat is seen by anyone signed in to that agency or coordinating its province (others: 404). */
export function canReadLetterhead(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || readableAgencies(actor).has(agencyId);
}

/**
 * The agency's Koordinator SPBE sets its kop surat, and so do administrators and the Koordinator
 * Provinsi for the province itself and its kabupaten/kota.
 */
export function canManageLetterhead(actor: Actor, agencyId: number): boolean {
  if (isAdministrator(actor) || hasRole(actor, "koordinator_spbe", agencyId)) return true;
  return actor.grants.some((g) => g.role === "koordinator_provinsi" && g.agencyId !== null && (g.agencyId === agencyId || (actor.provinceChildren[g.agencyId] ?? []).includes(agencyId)));
}
