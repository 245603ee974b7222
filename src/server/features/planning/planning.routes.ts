import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { actionRoutes } from "./actions.routes";
import { analysisRoutes } from "./analysis.routes";
import { pilotingBoardRoutes } from "./piloting-board.routes";
import { recommendationRoutes } from "./recommendations.routes";

/** Improvement planning (issue #6): analysis, recommendations, actions, roadmap to actions, the province piloting board. */
export const planningRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(analysisRoutes(ctx));
    await app.register(recommendationRoutes(ctx));
    await app.register(actionRoutes(ctx));
    await app.register(pilotingBoardRoutes(ctx));
  };
