import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canAssign } from "../../policies/assessment.policy";
import { assignmentsOfAssessment } from "../../../db/queries/assignments";
import { endAssignment } from "../../../db/commands/assign";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams } from "./assessments.schema";

const AssignedRole = z.enum(["asesor_eksternal", "asesor_internal"]);
const Assignment = z.object({
  userId: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: AssignedRole,
  indicators: z.array(z.string()).nullable(),
  since: z.string(),
});
const AssignmentsResponse = z.object({ assignments: z.array(Assignment) });
const AssignmentParams = AssessmentParams.extend({ userId: z.coerce.number().int().positive() });
const AssignmentQuery = z.object({ role: AssignedRole });

/**
 * Who is assigned to an assessment, and ending an assignment early. Each caller sees and ends only the
 * assignments of the roles they may assign (assessment policy `canAssign`): the Koordinator SPBE its
 * internal assessors, whoever runs the round its external assessors, administrators both.
 */
export function assignmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      "/api/assessments/:id/assignments",
      { config: { access: "authenticated" }, schema: { summary: "The assessors assigned to an assessment (the roles the caller may assign)", tags: ["evaluation"], params: AssessmentParams, response: { 200: AssignmentsResponse } } },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        const actor = req.auth!.actor;
        const visible = AssignedRole.options.filter((role) => canAssign(actor, scope, role));
        if (!visible.length) throw new AppError(403, "forbidden", "you may not assign assessors to this assessment");
        const rows = await assignmentsOfAssessment(db, found.assessment.id);
        return {
          assignments: rows
            .filter((r): r is typeof r & { role: z.infer<typeof AssignedRole> } => (visible as string[]).includes(r.role))
            .map((r) => ({ userId: r.userId, name: r.name, email: r.email, role: r.role, indicators: r.indicatorCodes, since: r.since.toISOString() })),
        };
      },
    );

    app.delete(
      "/api/assessments/:id/assignments/:userId",
      { config: { access: "authenticated" }, schema: { summary: "End one assessor's assignment (audited)", tags: ["evaluation"], params: AssignmentParams, querystring: AssignmentQuery, response: { 204: z.null() } } },
      async (req, reply) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canAssign(req.auth!.actor, scope, req.query.role)) throw new AppError(403, "forbidden", `you may not end assignments of ${req.query.role}`, { role: req.query.role });
        const ended = await endAssignment(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, userId: req.params.userId, role: req.query.role });
        if (!ended) throw new AppError(404, "assignment_not_found", "no such assignment", { userId: req.params.userId, role: req.query.role });
        return reply.status(204).send(null);
      },
    );
  };
}
