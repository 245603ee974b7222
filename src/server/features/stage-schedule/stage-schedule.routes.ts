import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isValidWindow, readableAgencies, stageWindow, stagesFor, type Actor, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canCreatePeriod } from "../../policies/assessment.policy";
import { clearStageWindow, findPeriod, setStageWindow } from "../../../db/commands/period-schedule";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { AssessmentParams } from "../assessments/assessment-params.schema";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { stageWindows } from "./stage-window";
import { AssessmentScheduleResponse, PeriodParams, PeriodScheduleResponse, StageWindowBody, StageWindowParams } from "./stage-schedule.schema";

/**
 * A period's stage dates: the workspace shows the open stage's window and days left; the
 * administrator (or, for a province's internal period, its Koordinator Provinsi) sets or extends them.
 */
export const stageScheduleRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.get(
      "/api/assessments/:id/schedule",
      { config: { access: "authenticated" }, schema: { summary: "The stage dates of an assessment's period and where today falls", tags: ["evaluation"], params: AssessmentParams, response: { 200: AssessmentScheduleResponse } } },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        const today = todayInIndonesia();
        const { schedule } = found.period;
        return {
          today,
          stage: scope.stage as Stage,
          current: stageWindow(schedule, scope.stage, today),
          stages: stageWindows(found.period, schedule, today),
          canExtend: req.auth!.actor.canWrite && canCreatePeriod(req.auth!.actor, found.period.ownerAgencyId),
          periodId: found.period.id,
        };
      },
    );

    /** The period of the URL if the caller may change its dates: 404 when hidden from them, 403 when only readable. */
    const loadEditablePeriod = async (actor: Actor, id: number, stage: Stage) => {
      const period = await findPeriod(db, id);
      // A province's internal period is hidden from people outside that province.
      if (!period || (period.ownerAgencyId !== null && !canCreatePeriod(actor, period.ownerAgencyId) && !readableAgencies(actor).has(period.ownerAgencyId))) throw notFound("period");
      if (!canCreatePeriod(actor, period.ownerAgencyId)) throw new AppError(403, "forbidden", "only the period's owner or an administrator changes its schedule");
      if (!stagesFor(period.kind, period.withVisit).includes(stage)) throw invalidField("stage_not_in_period", "stage", `${stage} is not a stage of this period`, { stage });
      return period;
    };

    app.put(
      "/api/periods/:id/schedule",
      { config: { access: "authenticated" }, schema: { summary: "Set or extend one stage's opening and closing dates", tags: ["evaluation"], params: PeriodParams, body: StageWindowBody, response: { 200: PeriodScheduleResponse } } },
      async (req) => {
        const { stage, opens, closes } = req.body;
        const period = await loadEditablePeriod(req.auth!.actor, req.params.id, stage);
        if (!isValidWindow(opens, closes)) throw invalidField("window_order", "body.closes", "must be on or after the opening date");
        const schedule = await setStageWindow(db, auditContextOf(req), { periodId: period.id, stage, opens, closes });
        if (!schedule) throw notFound("period");
        return { schedule: stageWindows(period, schedule, todayInIndonesia()) };
      },
    );

    app.delete(
      "/api/periods/:id/schedule/:stage",
      {
        config: { access: "authenticated" },
        schema: { summary: "Remove one stage's dates (the stage is then open whenever the assessment is in it)", tags: ["evaluation"], params: StageWindowParams, response: { 200: PeriodScheduleResponse } },
      },
      async (req) => {
        const period = await loadEditablePeriod(req.auth!.actor, req.params.id, req.params.stage);
        const schedule = await clearStageWindow(db, auditContextOf(req), { periodId: period.id, stage: req.params.stage });
        if (!schedule) throw notFound("period");
        return { schedule: stageWindows(period, schedule, todayInIndonesia()) };
      },
    );
  };
