import type { FastifyRequest } from "fastify";
import type { Db } from "../../../db/client";
import { actionDetailsOf, actionRows, agencyByCode, findAction, findRecommendation, isAssignedExternal, unitBelongsTo } from "../../../db/queries/planning";
import { AppError, notFound, invalidField } from "../../errors";
import { canEditRecommendation, canManageActions, canReadPlanning } from "../../policies/planning.policy";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { presentAction } from "./planning.presenter";
import { planningLevels } from "./assessment-levels";
import { answersOf, type findAssessment } from "../../../db/queries/assessments";
import { resultsOf } from "../../../db/commands/finalise";
import type { CompiledInstrument } from "../../../core";

type Found = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

/** The levels an analysis or a roadmap of this assessment starts from (see `planningLevels`). */
export async function levelsOfAssessment(db: Db, found: Found, compiled: CompiledInstrument) {
  const results = await resultsOf(db, found.assessment.id);
  const latest = results.at(-1);
  return planningLevels(compiled, { period: found.period, stage: found.assessment.stage, answers: await answersOf(db, found.assessment.id), resultLevels: latest ? latest.levels : null });
}

/** Loaders that answer 404 for anything outside the caller's reach and 403 for a reachable record they may not change. */
export function planningLoaders(db: Db) {
  const actorOf = (req: FastifyRequest) => req.auth!.actor;
  const assignedExternal = (req: FastifyRequest, agencyId: number) => (actorOf(req).grants.some((g) => g.role === "asesor_eksternal") ? isAssignedExternal(db, req.auth!.user.id, agencyId) : Promise.resolve(false));

  const readableAgency = async (req: FastifyRequest, code: string) => {
    const agency = await agencyByCode(db, code);
    if (!agency || !canReadPlanning(actorOf(req), agency.id)) throw notFound("agency");
    return agency;
  };
  const readableRecommendation = async (req: FastifyRequest, id: number) => {
    const rec = await findRecommendation(db, id);
    if (!rec || !canReadPlanning(actorOf(req), rec.agencyId)) throw notFound("recommendation");
    return rec;
  };
  const editableRecommendation = async (req: FastifyRequest, id: number) => {
    const rec = await readableRecommendation(req, id);
    if (!canEditRecommendation(actorOf(req), rec, await assignedExternal(req, rec.agencyId))) throw new AppError(403, "forbidden", "you may not change this recommendation");
    return rec;
  };
  const requireActionManager = (req: FastifyRequest, agencyId: number) => {
    if (!canManageActions(actorOf(req), agencyId)) throw new AppError(403, "forbidden", "only the agency's Koordinator SPBE and Penanggung Jawab manage actions");
  };
  const manageableAction = async (req: FastifyRequest, id: number) => {
    const action = await findAction(db, id);
    if (!action || !canReadPlanning(actorOf(req), action.agencyId)) throw notFound("action");
    requireActionManager(req, action.agencyId);
    return action;
  };
  const checkUnit = async (agencyId: number, unitId: number | null | undefined, field = "body.ownerUnitId") => {
    if (unitId !== null && unitId !== undefined && !(await unitBelongsTo(db, agencyId, unitId))) throw invalidField("foreign_unit", field, "no such unit in this agency", { unit: unitId });
  };
  /** Actions as the API answers them, with comments and evidence. */
  const actionViews = async (ids: number[]) => {
    const rows = await actionRows(db, ids);
    const details = await actionDetailsOf(db, ids);
    const today = todayInIndonesia();
    return rows.map((r) => presentAction(r, details, today));
  };
  return { assignedExternal, readableAgency, readableRecommendation, editableRecommendation, requireActionManager, manageableAction, checkUnit, actionViews };
}
