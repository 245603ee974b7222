import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { copyForwardLevels, levelsInForce, linksUnderNewCodes, stagesFor, type EarlierEvidenceLink, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canSubmit } from "../../policies/assessment.policy";
import { answersOf } from "../../../db/queries/assessments";
import { resultsOf } from "../../../db/commands/finalise";
import { writeCopiedLevels } from "../../../db/commands/copy-forward";
import { evidenceLinksOf } from "../../../db/queries/evidence";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { loadReadableAssessment } from "./load-assessment";
import { assertStageWindowOpen } from "../stage-schedule/stage-window";
import { AssessmentParams } from "./assessments.schema";
import { indexFamilyOf } from "../../../lib/result-instruments";

const CopyForwardBody = z.object({ fromAssessmentId: z.number().int().positive() });
const EvidenceLink = z.object({ indicatorCode: z.string(), evidenceId: z.number(), title: z.string() });
const CopyForwardResponse = z.object({
  /** Indicators whose level was copied. */
  copied: z.array(z.string()),
  /** Indicators of the earlier instrument that are not the same indicator as any of this one's (a shared code alone is not enough). */
  unmapped: z.array(z.string()),
  /** Indicators of this instrument that no indicator of the earlier one is the same as: new here, to be filled from scratch. */
  newHere: z.array(z.string()),
  /** Index family of this instrument ("spbe", "pemdi"), so the page can say "baru di Pemdi". */
  family: z.string(),
  /** Indicators whose earlier level lies outside this instrument's levels. */
  notCarried: z.array(z.string()),
  /** Indicators already answered here (never overwritten). */
  skipped: z.array(z.string()),
  /** Evidence links carried with the copied levels, and those left behind because the review is two years old or more. */
  evidence: z.object({ linked: z.array(EvidenceLink), tooOld: z.array(EvidenceLink) }),
});

/**
 * Copy forward: start this year's self-assessment from an earlier assessment of the same agency
 * (its final result, or else its latest levels). Within one instrument indicators map by code; between
 * instruments only the same indicator maps (same code and name, or a `sameAs` declaration — core
 * `mapIndicators`). The evidence links of the copied indicators come along, under this instrument's
 * codes, when their documents are still recent enough.
 */
export const copyForwardRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.post(
      "/api/assessments/:id/copy-forward",
      { config: { access: "authenticated" }, schema: { summary: "Start from an earlier assessment's levels (mapped to the same indicators)", tags: ["evaluation"], params: AssessmentParams, body: CopyForwardBody, response: { 200: CopyForwardResponse } } },
      async (req) => {
        const target = await loadReadableAssessment(db, req, req.params.id);
        if (!canSubmit(req.auth!.actor, target.scope)) throw new AppError(403, "forbidden", "the Koordinator SPBE copies forward, while the self-assessment is open");
        assertStageWindowOpen(target.found.period.schedule, target.scope.stage);
        const source = await loadReadableAssessment(db, req, req.body.fromAssessmentId);
        if (source.found.assessment.agencyId !== target.found.assessment.agencyId || source.found.assessment.id === target.found.assessment.id) {
          throw invalidField("not_this_agency", "body.fromAssessmentId", "must be another assessment of the same agency");
        }
        const results = await resultsOf(db, source.found.assessment.id);
        const { levels } = levelsInForce({
          codes: source.compiled.codes,
          order: stagesFor(source.found.period.kind, source.found.period.withVisit),
          stage: source.found.assessment.stage as Stage,
          answers: await answersOf(db, source.found.assessment.id),
          result: results.at(-1)?.levels ?? null,
        });
        const mapped = copyForwardLevels(source.compiled, target.compiled, levels);
        const outcome = await writeCopiedLevels(db, auditContextOf(req), {
          assessmentId: target.found.assessment.id,
          agencyId: target.scope.agencyId,
          fromAssessmentId: source.found.assessment.id,
          levels: mapped.levels,
          links: linksUnderNewCodes(await evidenceLinksOf(db, source.found.assessment.id), mapped.mapping),
          today: todayInIndonesia(),
          authorUserId: req.auth!.user.id,
        });
        const copied = outcome.codes;
        const skipped = Object.keys(mapped.levels).filter((c) => !copied.includes(c));
        const link = ({ indicatorCode, evidenceId, title }: EarlierEvidenceLink) => ({ indicatorCode, evidenceId, title });
        return { copied, unmapped: mapped.unmapped, notCarried: mapped.notCarried, newHere: mapped.newHere, family: indexFamilyOf(target.compiled.instrument.id).family, skipped, evidence: { linked: outcome.carried.map(link), tooOld: outcome.tooOld.map(link) } };
      },
    );
  };
