import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { InstrumentSchema } from "../../../core/instruments/instrument-schema";
import { resolveScoreInputs, scoreAssessment, ScoringError } from "../../../core";
import { bundledInstrument, bundledInstrumentIds, officialPeriods } from "../../../lib/instrument-files";
import { AppError, notFound } from "../../errors";
import { presentInstrumentSummary } from "./instrument.presenter";
import { InstrumentIdParams, InstrumentSummary, OfficialPeriod, ScoreBody, ScoreResponse } from "./instruments.schema";

function loadInstrument(id: string) {
  const compiled = bundledInstrument(id);
  if (!compiled) throw notFound("instrument");
  return compiled;
}

/** The official instruments are public regulation content; scoring a set of levels is stateless. */
export const instrumentRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get(
    "/api/instruments",
    { config: { access: "public" }, schema: { summary: "Bundled instruments", tags: ["instruments"], response: { 200: z.object({ instruments: z.array(InstrumentSummary) }) } } },
    async () => ({ instruments: bundledInstrumentIds().map((id) => presentInstrumentSummary(loadInstrument(id).instrument)) }),
  );
  app.get(
    "/api/instruments/:id",
    { config: { access: "public" }, schema: { summary: "One instrument with its whole tree", tags: ["instruments"], params: InstrumentIdParams, response: { 200: InstrumentSchema } } },
    async (req, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return loadInstrument(req.params.id).instrument;
    },
  );
  app.post(
    "/api/instruments/:id/score",
    {
      config: { access: "public" },
      schema: { summary: "Score a set of levels (index, predicate, every node)", tags: ["instruments"], params: InstrumentIdParams, body: ScoreBody, response: { 200: ScoreResponse } },
    },
    async (req) => {
      try {
        const compiled = loadInstrument(req.params.id);
        return scoreAssessment(compiled, resolveScoreInputs(compiled, req.body.levels), { policy: req.body.policy, partial: req.body.partial });
      } catch (e) {
        if (e instanceof ScoringError) throw new AppError(400, e.code, e.message, { codes: e.details.codes });
        throw e;
      }
    },
  );
  app.get(
    "/api/periods/official",
    { config: { access: "public" }, schema: { summary: "National evaluation years with instrument and predicate policy", tags: ["instruments"], response: { 200: z.object({ periods: z.array(OfficialPeriod) }) } } },
    async () => ({ periods: officialPeriods() }),
  );
};
