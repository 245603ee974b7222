import { hasRole, isAdministrator, readableAgencies, type Actor, type Stage } from "../../core";

export interface AssessmentScope {
  agencyId: number;
  stage: string;
}

/** Roles of the agency's internal team that fill the self-assessment (Pimpinan only reads). */
const SELF_ASSESSORS = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"] as const;

/**
 * Who reads an assessment: administrators, the review team, the agency's own people and the
 * Koordinator Provinsi over it. (External assessors will read their assigned agencies once
 * assignments exist; until then they see none.)
 */
export function canReadAssessment(actor: Actor, a: AssessmentScope): boolean {
  return isAdministrator(actor) || hasRole(actor, "tim_reviu") || readableAgencies(actor).has(a.agencyId);
}

/** Who writes answers in a stage: only the open stage; the internal team in mandiri, administrators elsewhere. */
export function canAnswer(actor: Actor, a: AssessmentScope, stage: Stage): boolean {
  if (stage !== a.stage || stage === "final") return false;
  if (stage === "mandiri") return SELF_ASSESSORS.some((r) => hasRole(actor, r, a.agencyId));
  return isAdministrator(actor);
}

/** National periods are created by administrators; a province's internal period by its coordinator. */
export function canCreatePeriod(actor: Actor, ownerAgencyId: number | null): boolean {
  if (ownerAgencyId === null) return isAdministrator(actor);
  return isAdministrator(actor) || hasRole(actor, "koordinator_provinsi", ownerAgencyId);
}

/** Abilities on one assessment, for the workspace UI. */
export function assessmentAbilities(actor: Actor, a: AssessmentScope) {
  return { answer: actor.canWrite && canAnswer(actor, a, a.stage as Stage) };
}
