import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readBufferedFile } from "../../multipart-file";
import type { FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { z } from "zod";
import { InstrumentSchema } from "../../../core/instruments/instrument-schema";
import { resolveScoreInputs, scoreAssessment, ScoringError } from "../../../core";
import { bundledInstrument, bundledInstrumentIds, officialPeriods, parseInstrumentKey, uploadedInstrumentKey } from "../../../lib/instrument-files";
import { checkUploadedInstrument, INSTRUMENT_UPLOAD_MAX_BYTES, parseUploadText, uploadFormatOf, type InstrumentProblem, type UploadFormat } from "../../../lib/instrument-upload";
import { instrumentFor, listInstrumentVersions, loadUploadedInstruments } from "../../../db/queries/instruments";
import { uploadInstrument } from "../../../db/commands/upload-instrument";
import type { AppContext } from "../../context";
import { AppError, invalidField, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canSeeInstrumentUploaders, canUploadInstrument } from "../../policies/instrument.policy";
import { presentInstrumentSummary } from "./instrument.presenter";
import { InstrumentIdParams, InstrumentSummary, InstrumentUploadResponse, OfficialPeriod, ScoreBody, ScoreResponse } from "./instruments.schema";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];
const limitMegabytes = INSTRUMENT_UPLOAD_MAX_BYTES / (1024 * 1024);
const tooLarge = () => invalidField("instrument_too_large", "file", `larger than ${limitMegabytes} MB`, { limitMegabytes });
const invalid = (problems: InstrumentProblem[]) =>
  new AppError(400, "instrument_invalid", `the instrument has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, { problems, count: problems.length });

/**
 * Instruments: the bundled official files (public regulation content) and the versions administrators
 * upload. Scoring a set of levels is stateless. Uploaded versions are registered in this process at
 * start-up and on upload; `instrumentFor` reads one from the database when another instance took it.
 */
export const instrumentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { db } = ctx.database;
  // Uploaded versions are registered once the server is ready (building the routes alone, as
  // scripts/api-contract.ts does for the OpenAPI document, has no database).
  app.addHook("onReady", async () => {
    if (db) await loadUploadedInstruments(db);
  });
  await app.register(multipart, { limits: { fileSize: INSTRUMENT_UPLOAD_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 50 } });
  // A YAML file may also be sent as the raw body with a YAML content type.
  app.addContentTypeParser(YAML_TYPES, { parseAs: "string", bodyLimit: INSTRUMENT_UPLOAD_MAX_BYTES }, (_req, body, done) => done(null, body));

  const loadInstrument = async (id: string) => {
    const compiled = await instrumentFor(db, id);
    if (!compiled) throw notFound("instrument");
    return compiled;
  };

  app.get(
    "/api/instruments",
    {
      config: { access: "public" },
      schema: { summary: "Bundled instruments and every uploaded instrument version", tags: ["instruments"], response: { 200: z.object({ instruments: z.array(InstrumentSummary) }) } },
    },
    async (req) => {
      const showUploader = canSeeInstrumentUploaders(req.auth?.actor ?? null);
      const bundled = bundledInstrumentIds().map((id) => presentInstrumentSummary(bundledInstrument(id)!.instrument));
      const uploaded = [];
      for (const v of await listInstrumentVersions(db)) {
        const compiled = await instrumentFor(db, uploadedInstrumentKey(v.instrumentId, v.version));
        if (!compiled) continue;
        uploaded.push(presentInstrumentSummary(compiled.instrument, { baseId: v.instrumentId, version: v.version, uploadedAt: v.uploadedAt, uploadedBy: showUploader ? v.uploadedByName : null }));
      }
      return { instruments: [...bundled, ...uploaded] };
    },
  );

  app.post(
    "/api/instruments",
    {
      config: { access: "authenticated" },
      bodyLimit: INSTRUMENT_UPLOAD_MAX_BYTES,
      schema: {
        summary: "Upload an instrument (administrators): kept as the next version of its id",
        description:
          "The instrument as a JSON body, as a YAML body (`application/yaml`), or as a multipart file (field `file`, `.json`, `.yaml` or `.yml`), at most 1 MB. " +
          "It is checked by the validator of `pandu instruments validate`: 400 `instrument_invalid` lists every problem in `details.problems` ({ path, message }). " +
          "The id of a bundled (official) instrument is refused. 201 with the new version (`id` is `<id>@<version>`, the key a period names); 200 when the file equals the newest version.",
        tags: ["instruments"],
        consumes: ["application/json", "application/yaml", "multipart/form-data"],
        response: { 200: InstrumentUploadResponse, 201: InstrumentUploadResponse },
      },
    },
    async (req, reply) => {
      if (!canUploadInstrument(req.auth!.actor)) throw new AppError(403, "forbidden", "only an administrator uploads instruments");
      const { value, format } = await readUpload(req, reply);
      const checked = checkUploadedInstrument(value);
      if (!checked.ok) throw invalid(checked.problems);
      const { version, created } = await uploadInstrument(db, auditContextOf(req), { instrument: checked.instrument, sha256: checked.sha256, format, uploadedBy: req.auth!.user.id });
      const key = uploadedInstrumentKey(checked.instrument.id, version);
      const compiled = (await instrumentFor(db, key))!;
      const row = (await listInstrumentVersions(db)).find((v) => v.instrumentId === checked.instrument.id && v.version === version)!;
      return reply.status(created ? 201 : 200).send({
        created,
        instrument: presentInstrumentSummary(compiled.instrument, { baseId: row.instrumentId, version, uploadedAt: row.uploadedAt, uploadedBy: row.uploadedByName }),
      });
    },
  );

  app.get(
    "/api/instruments/:id",
    { config: { access: "public" }, schema: { summary: "One instrument (bundled, or an uploaded version `<id>@<version>`, answered with its own id) with its whole tree", tags: ["instruments"], params: InstrumentIdParams, response: { 200: InstrumentSchema } } },
    async (req, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      // An uploaded version answers its file as uploaded (its own id, without `@<version>`), so the
      // download is a file `pandu instruments validate` and `pandu score --instrument <file>` read.
      const { instrument } = await loadInstrument(req.params.id);
      return { ...instrument, id: parseInstrumentKey(instrument.id).id };
    },
  );
  app.post(
    "/api/instruments/:id/score",
    {
      config: { access: "public" },
      schema: { summary: "Score a set of levels (index, predicate, every node)", tags: ["instruments"], params: InstrumentIdParams, body: ScoreBody, response: { 200: ScoreResponse } },
    },
    async (req) => {
      const compiled = await loadInstrument(req.params.id);
      try {
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

/** The uploaded instrument's parsed value and format, from a JSON body, a YAML body or a multipart file. */
async function readUpload(req: FastifyRequest, reply: { header: (k: string, v: string) => unknown }): Promise<{ value: unknown; format: UploadFormat }> {
  if (req.isMultipart()) {
    const part = await readBufferedFile(req, reply, () => tooLarge());
    const bytes = part.bytes;
    const format = uploadFormatOf(part.filename, part.mimetype);
    const parsed = parseUploadText(bytes.toString("utf8"), format);
    if (!parsed.ok) throw invalid(parsed.problems);
    return { value: parsed.value, format };
  }
  if (typeof req.body === "string") {
    const parsed = parseUploadText(req.body, "yaml");
    if (!parsed.ok) throw invalid(parsed.problems);
    return { value: parsed.value, format: "yaml" };
  }
  if (req.body === undefined || req.body === null) throw invalidField("file_missing", "file", "send the instrument as a JSON body, a YAML body or a multipart file");
  return { value: req.body, format: "json" };
}
