import { hasRole, isAdministrator, NATIONAL_ROLES, readableAgencies, type Actor } from "../../core";

/** Who wrote a recommendation (stable codes stored in `recommendations.source`). */
export type RecommendationSource = "kemenpanrb" | "tim_pilot_provinsi" | "internal";

/** Roles of the agency that carry out its improvement actions. */
const ACTION_OWNERS = ["koordinator_spbe", "penanggung_jawab"] as const;

const hasNationalRole = (actor: Actor) => NATIONAL_ROLES.some((r) => hasRole(actor, r));

/** Kab/kota under the provinces the actor coordinates. */
function coordinatedChildren(actor: Actor): Set<number> {
  const out = new Set<number>();
  for (const g of actor.grants) {
    if (g.role === "koordinator_provinsi" && g.agencyId !== null) for (const c of actor.provinceChildren[g.agencyId] ?? []) out.add(c);
  }
  return out;
}

/**
 * An agency's recommendations, actions and plans are read by its own people, the Koordinator
 * Provinsi over it and every national role. Anyone else is answered 404.
 */
export function canReadPlanning(actor: Actor, agencyId: number): boolean {
  return hasNationalRole(actor) || readableAgencies(actor).has(agencyId);
}

/**
 * The sources under which the actor may write recommendations for an agency, first the default:
 * the ministry side (administrators, the review team, external assessors assigned to one of the
 * agency's assessments), the province's piloting team for its kab/kota, the agency's own
 * Koordinator SPBE. Empty when the actor may not write any.
 */
export function recommendationSourcesFor(actor: Actor, agencyId: number, assignedExternal: boolean): RecommendationSource[] {
  if (!actor.canWrite) return [];
  const out: RecommendationSource[] = [];
  if (isAdministrator(actor) || hasRole(actor, "tim_reviu") || (assignedExternal && hasRole(actor, "asesor_eksternal"))) out.push("kemenpanrb");
  if (coordinatedChildren(actor).has(agencyId)) out.push("tim_pilot_provinsi");
  if (hasRole(actor, "koordinator_spbe", agencyId)) out.push("internal");
  return out;
}

/** A recommendation is changed or removed by someone who may write its source for its agency. */
export function canEditRecommendation(actor: Actor, rec: { agencyId: number; source: string }, assignedExternal: boolean): boolean {
  return recommendationSourcesFor(actor, rec.agencyId, assignedExternal).includes(rec.source as RecommendationSource);
}

/** Actions, their comments and progress evidence are written by the agency's Koordinator SPBE and Penanggung Jawab. */
export function canManageActions(actor: Actor, agencyId: number): boolean {
  return actor.canWrite && ACTION_OWNERS.some((r) => hasRole(actor, r, agencyId));
}

/**
 * The edited general recommendation of an assessment is written by the ministry side: administrators,
 * the review team (who may ask for corrected texts) and the external assessors assigned to it.
 */
export function canEditGeneralRecommendation(actor: Actor, assignedExternal: boolean): boolean {
  return actor.canWrite && (isAdministrator(actor) || hasRole(actor, "tim_reviu") || (assignedExternal && hasRole(actor, "asesor_eksternal")));
}

/** A province's piloting board: its Koordinator Provinsi and the national roles. */
export function canReadPilotingBoard(actor: Actor, provinceId: number): boolean {
  return hasNationalRole(actor) || hasRole(actor, "koordinator_provinsi", provinceId);
}

/** Planning abilities on one agency, for the UI. */
export function planningAbilities(actor: Actor, agencyId: number, assignedExternal: boolean) {
  return {
    writeRecommendations: recommendationSourcesFor(actor, agencyId, assignedExternal),
    manageActions: canManageActions(actor, agencyId),
  };
}
