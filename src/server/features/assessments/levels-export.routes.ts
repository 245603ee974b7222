import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { levelsInForce, stagesFor, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { answersOf, resultsWithAuthorsOf } from "../../../db/queries/assessments";
import { loadReadableAssessment } from "./load-assessment";
import { AssessmentParams } from "./assessments.schema";

/** The levels file of `pandu score` and `pandu plan`: indicator code → level, null when not answered. */
export const LevelsFile = z
  .record(z.string(), z.number().nullable())
  .meta({ title: "Levels file (pandu score / pandu plan)", description: "Indicator code → the level in force, in instrument order; null for an indicator without a level" });

/**
 * An assessment's levels as the `levels.json` that `pandu score --levels` and `pandu plan --levels`
 * read: the levels in force (the latest result once final, else the open stage with carry-forward),
 * the same levels the workspace scores. Whoever may read the assessment may export it; anyone else
 * gets 404, as for the workspace.
 */
export const levelsExportRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.get(
      "/api/assessments/:id/levels.json",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "The assessment's levels in force as the levels.json file of `pandu score` and `pandu plan` (a download)",
          tags: ["evaluation"],
          params: AssessmentParams,
          response: { 200: LevelsFile },
        },
      },
      async (req, reply) => {
        const { found, compiled } = await loadReadableAssessment(db, req, req.params.id);
        const [answers, results] = await Promise.all([answersOf(db, found.assessment.id), resultsWithAuthorsOf(db, found.assessment.id)]);
        const { levels } = levelsInForce({
          codes: compiled.codes,
          order: stagesFor(found.period.kind, found.period.withVisit),
          stage: found.assessment.stage as Stage,
          answers,
          result: results.at(-1)?.result.levels ?? null,
        });
        const fileName = `levels-${found.agencyCode}-${found.period.year}-${found.assessment.id}.json`;
        reply.header("content-disposition", `attachment; filename="${fileName}"`).header("cache-control", "private, no-store");
        return levels;
      },
    );
  };
