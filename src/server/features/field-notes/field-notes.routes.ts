import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { stagesFor, type CompiledInstrument } from "../../../core";
import type { AppContext } from "../../context";
import { AppError, notFound, invalidField } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canReadFieldNotes, canWriteFieldNotes } from "../../policies/collaboration.policy";
import { createFieldNote, deleteFieldNote, fieldNotesOf, updateFieldNote, type FieldNoteOutcome } from "../../../db/commands/field-notes";
import { loadReadableAssessment } from "../assessments/load-assessment";
import { AssessmentParams } from "../assessments/assessment-params.schema";
import { assertStageWindowOpen, stageWindowIsOpen } from "../stage-schedule/stage-window";
import { presentFieldNote } from "./field-notes.presenter";
import { CreateFieldNoteBody, DeleteFieldNoteQuery, FieldNote, FieldNoteParams, FieldNotesResponse, UpdateFieldNoteBody } from "./field-notes.schema";

type FieldStage = "interviu" | "visitasi";
const isFieldStage = (s: string): s is FieldStage => s === "interviu" || s === "visitasi";

function checkObservations(compiled: CompiledInstrument, observations: Record<string, string>) {
  const unknown = Object.keys(observations).filter((c) => !compiled.position.has(c));
  if (unknown.length) throw invalidField("unknown_indicators", "body.observations", `unknown indicator ${unknown.join(", ")}`, { indicators: unknown });
}

/**
 * Interview (interviu) and site visit (visitasi) notes of the external assessor: written while that
 * stage is open and inside its dates, read by the evaluators and, after finalisation, the agency.
 */
export const fieldNoteRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    const forbidden = () => new AppError(403, "forbidden", "notes are written by the assigned external assessor while that stage is open");

    app.get(
      "/api/assessments/:id/field-notes",
      { config: { access: "authenticated" }, schema: { summary: "Interview and visit notes of an assessment", tags: ["evaluation"], params: AssessmentParams, response: { 200: FieldNotesResponse } } },
      async (req) => {
        const { found, scope } = await loadReadableAssessment(db, req, req.params.id);
        const actor = req.auth!.actor;
        if (!canReadFieldNotes(actor, scope)) throw new AppError(403, "forbidden", "the agency reads interview and visit notes once the assessment is final");
        const stages = stagesFor(found.period.kind, found.period.withVisit).filter(isFieldStage);
        const open = isFieldStage(scope.stage) && canWriteFieldNotes(actor, scope, scope.stage) && stageWindowIsOpen(found.period.schedule, scope.stage);
        return { notes: (await fieldNotesOf(db, found.assessment.id)).map((r) => presentFieldNote(r.note, r.authorName)), stages, writableStage: open ? (scope.stage as FieldStage) : null };
      },
    );

    app.post(
      "/api/assessments/:id/field-notes",
      { config: { access: "authenticated" }, schema: { summary: "Write an interview or visit note (only while that stage is open)", tags: ["evaluation"], params: AssessmentParams, body: CreateFieldNoteBody, response: { 201: FieldNote } } },
      async (req, reply) => {
        const { found, compiled, scope } = await loadReadableAssessment(db, req, req.params.id);
        const { stage, ...fields } = req.body;
        if (!stagesFor(found.period.kind, found.period.withVisit).includes(stage)) throw invalidField("stage_not_in_period", "body.stage", `${stage} is not a stage of this period`, { stage });
        if (!canWriteFieldNotes(req.auth!.actor, scope, stage)) throw forbidden();
        assertStageWindowOpen(found.period.schedule, stage);
        checkObservations(compiled, fields.observations);
        const note = await createFieldNote(db, auditContextOf(req), { ...fields, stage, assessmentId: found.assessment.id, agencyId: scope.agencyId });
        return reply.status(201).send(presentFieldNote(note, req.auth!.user.name));
      },
    );

    /** The note of the URL, if the caller may change it now (its stage open and inside its dates). */
    const loadWritableNote = async (req: FastifyRequest, params: { id: number; noteId: number }) => {
      const loaded = await loadReadableAssessment(db, req, params.id);
      const existing = (await fieldNotesOf(db, loaded.found.assessment.id)).find((r) => r.note.id === params.noteId);
      if (!existing || !canReadFieldNotes(req.auth!.actor, loaded.scope)) throw notFound("note");
      const stage = existing.note.stage as FieldStage;
      if (!canWriteFieldNotes(req.auth!.actor, loaded.scope, stage)) throw forbidden();
      assertStageWindowOpen(loaded.found.period.schedule, stage);
      return { ...loaded, note: existing.note };
    };
    const conflictOrMissing = (outcome: Exclude<FieldNoteOutcome, { ok: true }>) => {
      if (!outcome.current) return notFound("note");
      return new AppError(409, "conflict", `the note changed meanwhile (version ${outcome.current.version}); review it again`, { current: presentFieldNote(outcome.current, null) });
    };

    app.put(
      "/api/assessments/:id/field-notes/:noteId",
      { config: { access: "authenticated" }, schema: { summary: "Change an interview or visit note (409 on a stale version or a closed stage)", tags: ["evaluation"], params: FieldNoteParams, body: UpdateFieldNoteBody, response: { 200: FieldNote } } },
      async (req) => {
        const { found, compiled, scope, note } = await loadWritableNote(req, req.params);
        const { version, ...fields } = req.body;
        checkObservations(compiled, fields.observations);
        const outcome = await updateFieldNote(db, auditContextOf(req), { ...fields, id: note.id, assessmentId: found.assessment.id, agencyId: scope.agencyId, version });
        if (!outcome.ok) throw conflictOrMissing(outcome);
        return presentFieldNote(outcome.note, req.auth!.user.name);
      },
    );

    app.delete(
      "/api/assessments/:id/field-notes/:noteId",
      {
        config: { access: "authenticated" },
        schema: { summary: "Remove an interview or visit note written in error (409 on a stale version or a closed stage)", tags: ["evaluation"], params: FieldNoteParams, querystring: DeleteFieldNoteQuery, response: { 204: z.null() } },
      },
      async (req, reply) => {
        const { found, scope, note } = await loadWritableNote(req, req.params);
        const outcome = await deleteFieldNote(db, auditContextOf(req), { id: note.id, assessmentId: found.assessment.id, agencyId: scope.agencyId, version: req.query.version });
        if (!outcome.ok) throw conflictOrMissing(outcome);
        return reply.status(204).send(null);
      },
    );
  };
