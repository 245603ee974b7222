import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sectoralServiceIndicators } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canNameSectoralServices } from "../../policies/assessment.policy";
import { saveSectoralServices } from "../../../db/commands/sectoral-services";
import { sectoralServicesOf } from "../../../db/queries/sectoral-services";
import { loadReadableAssessment } from "./load-assessment";
import { assertStageWindowOpen } from "../stage-schedule/stage-window";
import { AssessmentParams, SectoralServicesBody, SectoralServicesResponse } from "./assessments.schema";

/**
 * The sectoral public services of indicators 45–47 (Layanan Publik Sektor 1–3): every reader of
 * the assessment sees them; the agency's Koordinator SPBE names them while the self-assessment is open.
 */
export const sectoralServiceRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.get(
      "/api/assessments/:id/sectoral-services",
      { config: { access: "authenticated" }, schema: { summary: "The sectoral public services named for indicators 45–47", tags: ["evaluation"], params: AssessmentParams, response: { 200: SectoralServicesResponse } } },
      async (req) => {
        const { found, compiled } = await loadReadableAssessment(db, req, req.params.id);
        return { indicators: sectoralServiceIndicators(compiled.instrument), services: await sectoralServicesOf(db, found.assessment.id) };
      },
    );

    app.put(
      "/api/assessments/:id/sectoral-services",
      {
        config: { access: "authenticated" },
        schema: { summary: "Name the sectoral public services and their owning units (replaces the list)", tags: ["evaluation"], params: AssessmentParams, body: SectoralServicesBody, response: { 200: SectoralServicesResponse } },
      },
      async (req) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        if (!canNameSectoralServices(req.auth!.actor, scope)) throw new AppError(403, "forbidden", "only the Koordinator SPBE names the sectoral services, while the self-assessment is open");
        assertStageWindowOpen(found.period.schedule, scope.stage);
        const indicators = sectoralServiceIndicators(compiled.instrument);
        const codes = req.body.services.map((s) => s.indicatorCode);
        const foreign = codes.filter((c) => !indicators.includes(c));
        if (foreign.length) throw invalidField("unknown_indicators", "services", `${foreign.join(", ")} is not a sectoral service indicator of this instrument (${indicators.join(", ") || "none"})`, { indicators: foreign });
        if (new Set(codes).size !== codes.length) throw invalidField("one_per_indicator", "services", "one service per indicator");
        const services = await saveSectoralServices(db, auditContextOf(req), { assessmentId: found.assessment.id, agencyId: scope.agencyId, services: req.body.services, userId: req.auth!.user.id });
        return { indicators, services };
      },
    );
  };
