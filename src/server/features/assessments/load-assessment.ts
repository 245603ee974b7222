import type { FastifyRequest } from "fastify";
import type { Db } from "../../../db/client";
import { findAssessment } from "../../../db/queries/assessments";
import { assignmentsOf } from "../../../db/queries/assignments";
import { instrumentFor } from "../../../db/queries/instruments";
import { assignmentsInForce } from "../../../core";
import { AppError, notFound } from "../../errors";
import { canReadAssessment, type AssessmentScope } from "../../policies/assessment.policy";

/** Loads an assessment the caller may read (anything else is a 404), its instrument and policy scope. */
export async function loadReadableAssessment(db: Db, req: FastifyRequest, id: number) {
  const [found, assignments] = await Promise.all([findAssessment(db, id), assignmentsOf(db, id, req.auth!.user.id)]);
  if (!found) throw notFound("assessment");
  const agencyId = found.assessment.agencyId;
  // Only assignments whose role the caller still holds: every assignment-based permission needs the grant.
  const scope: AssessmentScope = { agencyId, stage: found.assessment.stage, reviewStatus: found.assessment.reviewStatus, assignments: assignmentsInForce(req.auth!.actor, agencyId, assignments), periodOwnerAgencyId: found.period.ownerAgencyId };
  if (!canReadAssessment(req.auth!.actor, scope)) throw notFound("assessment");
  const compiled = await instrumentFor(db, found.period.instrumentId);
  if (!compiled) throw new AppError(500, "internal_error", `instrument ${found.period.instrumentId} is not available`);
  return { found, compiled, scope };
}
