import { hasRole, isAdministrator, type Actor } from "../../core";
import { assignedAs, type AssessmentScope } from "./assessment.policy";

/** The two sides of a clarification: the agency's team, and the evaluators (assessors, review team). */
export type ClarificationSide = "agency" | "evaluator";

/**
 * Who takes part in an indicator's clarification thread, and on which side: the agency's
 * Koordinator SPBE and Penanggung Jawab, an internal assessor assigned to that indicator (or to
 * all); the assigned external assessors, the review team and administrators. Others who may read
 * the assessment (Pimpinan, Koordinator Provinsi, data entry) read the thread only. A null
 * indicator asks about any indicator of the assessment.
 */
export function clarificationSide(actor: Actor, a: AssessmentScope, indicatorCode: string | null): ClarificationSide | null {
  if (hasRole(actor, "koordinator_spbe", a.agencyId) || hasRole(actor, "penanggung_jawab", a.agencyId)) return "agency";
  const internal = assignedAs(actor, a, "asesor_internal");
  if (internal.some((x) => indicatorCode === null || x.indicatorCodes === null || x.indicatorCodes.includes(indicatorCode))) return "agency";
  if (isAdministrator(actor) || hasRole(actor, "tim_reviu") || assignedAs(actor, a, "asesor_eksternal").length > 0) return "evaluator";
  return null;
}

/** Posting a message and resolving or reopening a thread belong to its participants. */
export function canTakePartInClarification(actor: Actor, a: AssessmentScope, indicatorCode: string): boolean {
  return actor.canWrite && clarificationSide(actor, a, indicatorCode) !== null;
}

/**
 * Interview and visit notes are written by the assigned external assessors (and administrators)
 * while that stage is the open one; the schedule check comes on top.
 */
export function canWriteFieldNotes(actor: Actor, a: AssessmentScope, stage: "interviu" | "visitasi"): boolean {
  if (!actor.canWrite || a.stage !== stage || a.reviewStatus === "pending") return false;
  return isAdministrator(actor) || assignedAs(actor, a, "asesor_eksternal").length > 0;
}

/**
 * Interview and visit notes are read by the evaluators at any time and by the agency's people once
 * the assessment is final.
 */
export function canReadFieldNotes(actor: Actor, a: AssessmentScope): boolean {
  if (isAdministrator(actor) || hasRole(actor, "tim_reviu") || assignedAs(actor, a, "asesor_eksternal").length > 0) return true;
  return a.stage === "final";
}
