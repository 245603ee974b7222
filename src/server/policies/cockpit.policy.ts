import { hasRole, isAdministrator, type Actor } from "../../core";

/** National roles that see every province's cockpit and the national view. */
const seesAllProvinces = (actor: Actor) => isAdministrator(actor) || hasRole(actor, "tim_reviu");

/**
 * Who opens a province's cockpit: administrators and the review team (every province), the
 * Koordinator Provinsi of that province and the Pimpinan of the province's own agency.
 */
export function canReadCockpit(actor: Actor, provinceId: number): boolean {
  return seesAllProvinces(actor) || hasRole(actor, "koordinator_provinsi", provinceId) || hasRole(actor, "pimpinan", provinceId);
}

/** Provinces whose cockpit the actor opens: "all", or the province agencies of their grants (may include non-provinces; the caller filters). */
export function cockpitScope(actor: Actor): "all" | number[] {
  if (seesAllProvinces(actor)) return "all";
  return actor.grants.filter((g) => (g.role === "koordinator_provinsi" || g.role === "pimpinan") && g.agencyId !== null).map((g) => g.agencyId!);
}

/** The Koordinator Provinsi sets the province's regional targets (RPJMD index per year). */
export function canSetTargets(actor: Actor, provinceId: number): boolean {
  return actor.canWrite && hasRole(actor, "koordinator_provinsi", provinceId);
}

/**
 * Who opens the national view: administrators and the review team (every agency), and external
 * assessors limited to the agencies they are assigned to ("assigned").
 */
export function nationalScope(actor: Actor): "all" | "assigned" | null {
  if (seesAllProvinces(actor)) return "all";
  if (hasRole(actor, "asesor_eksternal")) return "assigned";
  return null;
}
