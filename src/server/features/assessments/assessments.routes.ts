import { assignmentRoutes } from "./assignments.routes";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { isAdministrator, isValidWindow, readableAgencies, stagesFor, valueProblem, convertExternalScore, type Stage } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { assessmentAbilities, canAnswer, canCreatePeriod } from "../../policies/assessment.policy";
import { loadReadableAssessment } from "./load-assessment";
import { assessmentStageRoutes } from "./assessment-stages.routes";
import { copyForwardRoutes } from "./copy-forward.routes";
import { officialRecordRoutes } from "./official-record.routes";
import { levelsExportRoutes } from "./levels-export.routes";
import { lkeRoutes } from "./lke.routes";
import { sectoralServiceRoutes } from "./sectoral-services.routes";
import { canUploadEvidence } from "../../policies/evidence.policy";
import { canReadFieldNotes } from "../../policies/collaboration.policy";
import { assertStageWindowOpen, stageWindowIsOpen } from "../stage-schedule/stage-window";
import { presentPeriodSchedule } from "../stage-schedule/period-schedule.presenter";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { externallyAssignedAssessments } from "../../../db/queries/assignments";
import { listPeriodsWithAssessments } from "../../../db/queries/assessments";
import { createPeriod } from "../../../db/commands/create-period";
import { saveAnswer } from "../../../db/commands/save-answer";
import { officialPeriod, officialPeriodInForce, parseInstrumentKey, uploadedInstrumentKey } from "../../../lib/instrument-files";
import { instrumentFor, latestInstrumentVersion } from "../../../db/queries/instruments";
import { presentAnswer } from "./workspace.presenter";
import { workspaceBody } from "./workspace-cache";
import { cacheCharsFromEnv, ResponseCache, withFields } from "../../cache/response-cache";
import { sendJson } from "../../cache/send-json";
import { AnswerParams, AnswerResponse, AssessmentParams, CreatePeriodBody, PeriodSummary, SaveAnswerBody, WorkspaceResponse } from "./assessments.schema";

/** Evaluation periods and the assessment workspace (first slice of issue #5). */
export const assessmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    await app.register(assessmentStageRoutes(ctx));
    await app.register(copyForwardRoutes(ctx));
    await app.register(sectoralServiceRoutes(ctx));
    await app.register(officialRecordRoutes(ctx));
    await app.register(levelsExportRoutes(ctx));
    await app.register(lkeRoutes(ctx));
    await app.register(assignmentRoutes(ctx));

    const loadReadable = (req: FastifyRequest, id: number) => loadReadableAssessment(db, req, id);
    const workspaceCache = new ResponseCache(cacheCharsFromEnv());

    app.post(
      "/api/periods",
      { config: { access: "authenticated" }, schema: { summary: "Create an evaluation period with its participating agencies", tags: ["evaluation"], body: CreatePeriodBody, response: { 201: z.object({ id: z.number() }) } } },
      async (req, reply) => {
        const b = req.body;
        const codes = [...new Set([...b.agencies, ...(b.owner ? [b.owner] : [])])];
        const ids = await agencyIdsByCode(db, codes);
        const missing = codes.filter((c) => !ids.has(c));
        if (missing.length) throw invalidField("unknown_agency", "agencies", `no agency ${missing.join(", ")}`, { agencies: missing });
        const ownerId = b.owner ? ids.get(b.owner)! : null;
        if (!canCreatePeriod(req.auth!.actor, ownerId)) throw new AppError(403, "forbidden", "you may not create this period");
        const participantIds = b.agencies.map((c) => ids.get(c)!);
        if (ownerId !== null && !isAdministrator(req.auth!.actor)) {
          const reach = readableAgencies(req.auth!.actor);
          const outside = b.agencies.filter((c) => !reach.has(ids.get(c)!));
          if (outside.length) throw new AppError(403, "agencies_outside_province", `agencies outside your province: ${outside.join(", ")}`, { agencies: outside });
        }
        let instrumentId = b.instrument ?? officialPeriodInForce(b.year).instrument;
        // An uploaded instrument named without a version: its newest version, pinned in the period.
        if (!(await instrumentFor(db, instrumentId)) && parseInstrumentKey(instrumentId).version === null) {
          const latest = await latestInstrumentVersion(db, instrumentId);
          if (latest) instrumentId = uploadedInstrumentKey(instrumentId, latest.version);
        }
        if (!(await instrumentFor(db, instrumentId))) throw invalidField("unknown_instrument", "instrument", `no instrument ${instrumentId}`, { instrument: instrumentId });
        const stages: readonly string[] = stagesFor(b.kind, b.kind === "evaluasi" && b.withVisit);
        for (const [stage, window] of Object.entries(b.schedule)) {
          if (!stages.includes(stage)) throw invalidField("stage_not_in_period", `body.schedule.${stage}`, "not a stage of this period", { stage });
          if (!isValidWindow(window.opens, window.closes)) throw invalidField("window_order", `body.schedule.${stage}.closes`, "must be on or after the opening date", { stage });
        }
        const policy = b.predicatePolicy ?? (ownerId === null ? officialPeriod(b.year)?.predicatePolicy : undefined) ?? "exact";
        const id = await createPeriod(db, auditContextOf(req), {
          name: b.name,
          year: b.year,
          kind: b.kind,
          withVisit: b.kind === "evaluasi" && b.withVisit,
          instrumentId,
          predicatePolicy: policy,
          ownerAgencyId: ownerId,
          schedule: b.schedule as Record<string, { opens: string; closes: string }>,
          participantIds,
        });
        return reply.status(201).send({ id });
      },
    );

    app.get(
      "/api/periods",
      { config: { access: "authenticated" }, schema: { summary: "Periods and the assessments I can see", tags: ["evaluation"], response: { 200: z.object({ periods: z.array(PeriodSummary) }) } } },
      async (req) => {
        const actor = req.auth!.actor;
        const scope = isAdministrator(actor) || actor.grants.some((g) => g.role === "tim_reviu") ? "all" : [...readableAgencies(actor)];
        // An external assessor sees the assessments assigned to them (and only those of that agency).
        const assigned = scope !== "all" && actor.grants.some((g) => g.role === "asesor_eksternal") ? await externallyAssignedAssessments(db, req.auth!.user.id) : [];
        const rows = await listPeriodsWithAssessments(db, scope, assigned);
        const byId = new Map<number, z.infer<typeof PeriodSummary>>();
        const today = todayInIndonesia();
        for (const r of rows) {
          const p = byId.get(r.period.id) ?? { id: r.period.id, name: r.period.name, year: r.period.year, kind: r.period.kind, instrument: r.period.instrumentId, predicatePolicy: r.period.predicatePolicy, assessments: [], ...presentPeriodSchedule(r.period, actor, today) };
          if (r.assessmentId !== null) p.assessments.push({ id: r.assessmentId, agencyCode: r.agencyCode!, agencyName: r.agencyName!, stage: r.stage! as Stage });
          byId.set(r.period.id, p);
        }
        return { periods: [...byId.values()] };
      },
    );

    app.get(
      "/api/assessments/:id",
      { config: { access: "authenticated" }, schema: { summary: "The assessment workspace: indicators, answers per stage, live index", tags: ["evaluation"], params: AssessmentParams, response: { 200: WorkspaceResponse } } },
      async (req, reply) => {
        // Authorization on every request; `found` carries the cache generation read in the same statement.
        const { found, compiled, scope } = await loadReadable(req, req.params.id);
        const actor = req.auth!.actor;
        const abilities = { ...assessmentAbilities(actor, scope), uploadEvidence: actor.canWrite && canUploadEvidence(actor, scope.agencyId), readFieldNotes: canReadFieldNotes(actor, scope) };
        // Outside the stage's scheduled dates the open stage is read-only.
        if (!stageWindowIsOpen(found.period.schedule, scope.stage)) Object.assign(abilities, { answer: false, verify: false, submit: false, nameSectoralServices: false });
        // The user-independent body is cached per assessment generation; abilities are this caller's own.
        return sendJson(reply, withFields(await workspaceBody(db, workspaceCache, { found, compiled }), { abilities }));
      },
    );

    app.put(
      "/api/assessments/:id/answers/:code",
      {
        config: { access: "authenticated" },
        schema: { summary: "Save an indicator's answer (409 with the current answer when the version is stale)", tags: ["evaluation"], params: AnswerParams, body: SaveAnswerBody, response: { 200: AnswerResponse } },
      },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadable(req, req.params.id);
        const stage = req.body.stage as Stage;
        if (!stagesFor(found.period.kind, found.period.withVisit).includes(stage)) throw invalidField("stage_not_in_period", "body.stage", `${stage} is not a stage of this period`, { stage });
        if (!canAnswer(req.auth!.actor, scope, stage, req.params.code)) {
          throw stage === scope.stage ? new AppError(403, "forbidden", "you may not answer in this stage", { stage }) : new AppError(403, "stage_not_current", `stage ${stage} is not open (the open stage is ${scope.stage})`, { stage, openStage: scope.stage });
        }
        assertStageWindowOpen(found.period.schedule, stage);
        if (!compiled.position.has(req.params.code)) throw notFound("indicator");
        const { externalScore, ...body } = req.body;
        const position = compiled.position.get(req.params.code)!;
        const spec = compiled.external[position];
        let level = body.level;
        if (externalScore) {
          // The value of an indicator fed from another index is the conversion of its score, never the client's.
          if (!spec) throw invalidField("external_score_invalid", "body.externalScore", `indicator ${req.params.code} takes a value, not a score from another index`, { indicator: req.params.code });
          const converted = convertExternalScore(spec, externalScore.score, compiled.steps[position]!);
          if ("problem" in converted) throw invalidField("external_score_invalid", "body.externalScore.score", `indicator ${req.params.code}: ${converted.problem}`, { indicator: req.params.code });
          level = converted.value / 100;
        }
        const problem = level === null ? null : valueProblem(compiled, position, level);
        if (problem) throw invalidField("level_invalid", "body.level", problem, { indicator: req.params.code });
        const external = externalScore === undefined ? {} : { externalScore: externalScore?.score ?? null, externalSource: externalScore?.source ?? null, externalYear: externalScore?.year ?? null };
        const outcome = await saveAnswer(db, auditContextOf(req), {
          ...body,
          level,
          ...external,
          assessmentId: found.assessment.id,
          agencyId: found.assessment.agencyId,
          stage,
          indicatorCode: req.params.code,
          authorUserId: req.auth!.user.id,
        });
        if (!outcome.ok) {
          throw new AppError(409, "conflict", `someone saved indicator ${req.params.code} first (version ${outcome.current?.version ?? 0}); review their answer`, {
            current: outcome.current ? presentAnswer(outcome.current) : null,
          });
        }
        return reply.status(200).send(presentAnswer(outcome.answer));
      },
    );
  };
