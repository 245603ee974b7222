import { hasRole, isAdministrator, readableAgencies, type Actor, type Stage } from "../../core";
import { canAnswer, type AssessmentScope } from "./assessment.policy";

/** The agency's internal team that fills the self-assessment and gathers its evidence. */
const UPLOADERS = ["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal"] as const;

/**
 * An agency's evidence library is read by its own people (and the Koordinator Provinsi over it),
 * administrators, the review team, and external assessors assigned to one of its assessments
 * (`externallyAssigned`: the agencies of the caller's assignments), who must open the documents
 * they evaluate. Anyone else is answered 404.
 */
export function canReadEvidence(actor: Actor, agencyId: number, externallyAssigned: readonly number[] = []): boolean {
  return isAdministrator(actor) || hasRole(actor, "tim_reviu") || readableAgencies(actor).has(agencyId) || (hasRole(actor, "asesor_eksternal") && externallyAssigned.includes(agencyId));
}

/** Roles held inside one agency, whose holders work with that agency's evidence library. */
const AGENCY_ROLES = new Set(["koordinator_spbe", "penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan"]);

/**
 * Which libraries the `/bukti` page offers, following `canReadEvidence`: `other` for those who read
 * agencies beyond their own roles' (administrators and the review team: any agency; a Koordinator
 * Provinsi: the kab/kota of the province), who pick the agency; `own` for the people of an agency;
 * `none` for anyone else (an external assessor sees evidence only as linked in a workspace).
 */
export function evidenceLibraryReach(actor: Actor): "other" | "own" | "none" {
  if (isAdministrator(actor) || hasRole(actor, "tim_reviu") || actor.grants.some((g) => g.role === "koordinator_provinsi" && g.agencyId !== null)) return "other";
  return actor.grants.some((g) => g.agencyId !== null && AGENCY_ROLES.has(g.role)) ? "own" : "none";
}

/** Files and new versions are uploaded by the agency's self-assessment team and administrators. */
export function canUploadEvidence(actor: Actor, agencyId: number): boolean {
  return isAdministrator(actor) || UPLOADERS.some((r) => hasRole(actor, r, agencyId));
}

/** Linking evidence to an indicator follows the answering rule of the assessment's open stage. */
export function canLinkEvidence(actor: Actor, a: AssessmentScope, indicatorCode: string): boolean {
  return canAnswer(actor, a, a.stage as Stage, indicatorCode);
}

/**
 * Decisions on evidence items (diterima / revisi / ditolak) belong to the assessors of the open
 * verification stage — document review, interview or visit: the assigned external assessors and
 * administrators. Nobody decides during the self-assessment or after the final stage, nor while the
 * review team holds the assessment.
 */
export function canReviewEvidenceItems(actor: Actor, a: AssessmentScope): boolean {
  return a.stage !== "mandiri" && canAnswer(actor, a, a.stage as Stage);
}
