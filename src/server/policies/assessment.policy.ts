import { assignmentsInForce, hasRole, isAdministrator, readableAgencies, type Actor, type Stage } from "../../core";

/** An assessment as policies see it, with the caller's assignments on it. */
export interface AssessmentScope {
  agencyId: number;
  stage: string;
  /** "pending" while the review team looks at it (nothing can be changed), "returned" after Tidak Valid. */
  reviewStatus?: string | null;
  /** The caller's assignments on this assessment. */
  assignments?: { role: string; indicatorCodes: string[] | null }[];
  /** The province running the round (its internal period), or null/absent for a national period. */
  periodOwnerAgencyId?: number | null;
}

/** Roles of the agency's internal team that fill the self-assessment (Pimpinan only reads). */
const SELF_ASSESSORS = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"] as const;

/** The actor's assignments on the assessment in `role`, only while they still hold that role. */
export const assignedAs = (actor: Actor, a: AssessmentScope, role: "asesor_eksternal" | "asesor_internal") =>
  assignmentsInForce(actor, a.agencyId, a.assignments ?? []).filter((x) => x.role === role);

/**
 * Who reads an assessment: administrators, the review team, the agency's own people, the
 * Koordinator Provinsi over it, and the external assessors assigned to it.
 */
export function canReadAssessment(actor: Actor, a: AssessmentScope): boolean {
  return isAdministrator(actor) || hasRole(actor, "tim_reviu") || readableAgencies(actor).has(a.agencyId) || assignedAs(actor, a, "asesor_eksternal").length > 0;
}

/**
 * Who writes an indicator's answer in a stage: only the open stage. In mandiri the internal team
 * (an internal assessor limited to assigned indicators when an assignment lists them); in the
 * external stages the assigned external assessors and administrators.
 */
export function canAnswer(actor: Actor, a: AssessmentScope, stage: Stage, indicatorCode?: string): boolean {
  if (stage !== a.stage || stage === "final" || a.reviewStatus === "pending") return false;
  if (stage === "mandiri") {
    const roles = SELF_ASSESSORS.filter((r) => hasRole(actor, r, a.agencyId));
    if (!roles.length) return false;
    if (roles.length === 1 && roles[0] === "asesor_internal" && indicatorCode !== undefined) {
      const limits = assignedAs(actor, a, "asesor_internal").map((x) => x.indicatorCodes);
      if (limits.length && limits.every((codes) => codes !== null && !codes.includes(indicatorCode))) return false;
    }
    return true;
  }
  return isAdministrator(actor) || assignedAs(actor, a, "asesor_eksternal").length > 0;
}

/** The Penanggung Jawab verifies self-assessment answers while mandiri is open. */
export function canVerify(actor: Actor, a: AssessmentScope): boolean {
  return a.stage === "mandiri" && hasRole(actor, "penanggung_jawab", a.agencyId);
}

/** The Koordinator SPBE submits the self-assessment. */
export function canSubmit(actor: Actor, a: AssessmentScope): boolean {
  return a.stage === "mandiri" && hasRole(actor, "koordinator_spbe", a.agencyId);
}

/** The Koordinator SPBE names the sectoral public services (indicators 45–47) while the self-assessment is open. */
export function canNameSectoralServices(actor: Actor, a: AssessmentScope): boolean {
  return a.stage === "mandiri" && a.reviewStatus !== "pending" && hasRole(actor, "koordinator_spbe", a.agencyId);
}

/** External stages are closed and the next opened by an assigned external assessor or an administrator. */
export function canAdvance(actor: Actor, a: AssessmentScope): boolean {
  return a.stage !== "mandiri" && a.stage !== "final" && a.reviewStatus !== "pending" && (isAdministrator(actor) || assignedAs(actor, a, "asesor_eksternal").length > 0);
}

/** The review team validates an external assessment handed to it (Valid / Tidak Valid). */
export function canReview(actor: Actor, a: AssessmentScope): boolean {
  return a.reviewStatus === "pending" && hasRole(actor, "tim_reviu");
}

/** A finalised result is corrected only by administrators, as a new revision with a reason. */
export function canRevise(actor: Actor, a: AssessmentScope): boolean {
  return a.stage === "final" && isAdministrator(actor);
}

/**
 * Whether the actor runs the round the assessment belongs to: the Koordinator Provinsi of the
 * province that owns the (internal) period, for the province itself and its kabupaten/kota.
 */
export function runsRound(actor: Actor, a: AssessmentScope): boolean {
  const owner = a.periodOwnerAgencyId;
  if (owner === null || owner === undefined || !hasRole(actor, "koordinator_provinsi", owner)) return false;
  return a.agencyId === owner || (actor.provinceChildren[owner] ?? []).includes(a.agencyId);
}

/**
 * Administrators assign external assessors, and so does the Koordinator Provinsi for the internal
 * rounds its province runs (for the province's own agencies only); the Koordinator SPBE assigns
 * internal assessors.
 */
export function canAssign(actor: Actor, a: AssessmentScope, role: "asesor_eksternal" | "asesor_internal"): boolean {
  if (isAdministrator(actor)) return true;
  return role === "asesor_eksternal" ? runsRound(actor, a) : hasRole(actor, "koordinator_spbe", a.agencyId);
}

/** National periods are created by administrators; a province's internal period by its coordinator. */
export function canCreatePeriod(actor: Actor, ownerAgencyId: number | null): boolean {
  if (ownerAgencyId === null) return isAdministrator(actor);
  return isAdministrator(actor) || hasRole(actor, "koordinator_provinsi", ownerAgencyId);
}

/** Abilities on one assessment, for the workspace UI. */
export function assessmentAbilities(actor: Actor, a: AssessmentScope) {
  const w = actor.canWrite;
  return {
    answer: w && canAnswer(actor, a, a.stage as Stage),
    verify: w && canVerify(actor, a),
    submit: w && canSubmit(actor, a),
    advance: w && canAdvance(actor, a),
    assignInternal: w && canAssign(actor, a, "asesor_internal"),
    assignExternal: w && canAssign(actor, a, "asesor_eksternal"),
    review: w && canReview(actor, a),
    revise: w && canRevise(actor, a),
    nameSectoralServices: w && canNameSectoralServices(actor, a),
  };
}
