import { hasRole, isAdministrator, readableAgencies, type Actor } from "../../core";

/**
 * The audit trail of an agency is read by administrators, that agency's Koordinator SPBE and
 * Pimpinan, and the Koordinator Provinsi over it. Platform-wide events (agency null) by
 * administrators only.
 */
export function canReadAudit(actor: Actor, agencyId: number | null): boolean {
  if (isAdministrator(actor)) return true;
  if (agencyId === null) return false;
  if (hasRole(actor, "koordinator_spbe", agencyId) || hasRole(actor, "pimpinan", agencyId)) return true;
  return actor.grants.some((g) => g.role === "koordinator_provinsi") && readableAgencies(actor).has(agencyId);
}

/** Agencies whose trail the actor reads, or "all" for administrators. */
export function auditScope(actor: Actor): number[] | "all" {
  if (isAdministrator(actor)) return "all";
  return [...readableAgencies(actor)].filter((id) => canReadAudit(actor, id));
}
