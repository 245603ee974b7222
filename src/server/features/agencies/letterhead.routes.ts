import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readBufferedFile } from "../../multipart-file";
import type { FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError, invalidField, notFound } from "../../errors";
import { auditContextOf } from "../../request-audit";
import { canManageLetterhead, canReadLetterhead } from "../../policies/letterhead.policy";
import { agencyIdsByCode } from "../../../db/queries/agency-ids";
import { agencyLogo, letterheadSettingsOf, letterheadSnapshotFrom } from "../../../db/queries/letterhead";
import { removeLetterheadLogo, saveLetterheadText, setLetterheadLogo } from "../../../db/commands/letterhead";
import { defaultSeat } from "../../../core/documents/letterhead";
import { LOGO_MAX_BYTES, logoImageType } from "../../../lib/pdf/letterhead";
import { AgencyCodeParams } from "./agencies.schema";
import { LetterheadBody, LetterheadResponse } from "./letterhead.schema";

/**
 * An agency's kop surat settings (address, contact, seat city, logo), printed on its official
 * documents. Read by the agency's people and its province coordinator; set by its Koordinator SPBE,
 * the Koordinator Provinsi over it and administrators. Another agency answers 404. The logo (PNG or
 * JPEG, ≤ 1 MB, checked by its bytes and decoded once) is kept in the database.
 */
export const letterheadRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    await app.register(multipart, { limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3, headerPairs: 50 } });

    const readable = async (req: FastifyRequest, code: string) => {
      const id = (await agencyIdsByCode(db, [code])).get(code);
      if (id === undefined || !canReadLetterhead(req.auth!.actor, id)) throw notFound("agency");
      return id;
    };
    const manageable = async (req: FastifyRequest, code: string) => {
      const id = await readable(req, code);
      if (!canManageLetterhead(req.auth!.actor, id)) throw new AppError(403, "forbidden", "only the Koordinator SPBE, the province coordinator or an administrator sets the kop surat");
      return id;
    };
    const present = async (agencyId: number): Promise<z.infer<typeof LetterheadResponse>> => {
      const s = (await letterheadSettingsOf(db, agencyId))!;
      const logo = s.logoId === null ? undefined : await agencyLogo(db, agencyId, s.logoId);
      const { logoId: _logoId, ...printed } = letterheadSnapshotFrom(s);
      return {
        officeName: s.officeName,
        address: s.address,
        phone: s.phone,
        email: s.email,
        website: s.website,
        seat: s.seat,
        defaultSeat: defaultSeat(s.agencyName, s.category),
        logo: logo ? { sha256: logo.sha256, contentType: logo.contentType, size: logo.bytes.length } : null,
        printed,
        updatedAt: s.updatedAt?.toISOString() ?? null,
      };
    };

    app.get(
      "/api/agencies/:code/letterhead",
      { config: { access: "authenticated" }, schema: { summary: "The agency's kop surat settings and what documents print", tags: ["agencies"], params: AgencyCodeParams, response: { 200: LetterheadResponse } } },
      async (req) => present(await readable(req, req.params.code)),
    );

    app.put(
      "/api/agencies/:code/letterhead",
      { config: { access: "authenticated" }, schema: { summary: "Set the agency's kop surat text (the logo is set apart)", tags: ["agencies"], params: AgencyCodeParams, body: LetterheadBody, response: { 200: LetterheadResponse } } },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        await saveLetterheadText(db, auditContextOf(req), agencyId, req.body);
        return present(agencyId);
      },
    );

    app.get(
      "/api/agencies/:code/letterhead/logo",
      {
        config: { access: "authenticated" },
        schema: { summary: "The agency's kop surat logo (PNG or JPEG)", description: "404 when the agency has no logo.", tags: ["agencies"], params: AgencyCodeParams },
      },
      async (req, reply) => {
        const agencyId = await readable(req, req.params.code);
        const s = (await letterheadSettingsOf(db, agencyId))!;
        const logo = s.logoId === null ? undefined : await agencyLogo(db, agencyId, s.logoId);
        if (!logo) throw notFound("logo");
        return reply.header("content-type", logo.contentType).header("x-content-type-options", "nosniff").header("cache-control", "private, no-cache").header("etag", `"${logo.sha256}"`).send(logo.bytes);
      },
    );

    app.put(
      "/api/agencies/:code/letterhead/logo",
      {
        config: { access: "authenticated" },
        schema: {
          summary: "Upload the agency's kop surat logo (multipart, field `file`: PNG or JPEG, at most 1 MB)",
          description: "400 logo_unsupported_type for anything but a decodable PNG or JPEG (told by its bytes), 400 logo_too_large above 1 MB.",
          tags: ["agencies"],
          params: AgencyCodeParams,
          consumes: ["multipart/form-data"],
          response: { 200: LetterheadResponse },
        },
      },
      async (req, reply) => {
        const agencyId = await manageable(req, req.params.code);
        if (!req.isMultipart()) throw new AppError(415, "unsupported_media_type", "send the logo as multipart/form-data");
        const part = await readBufferedFile(req, reply, () => invalidField("logo_too_large", "file", "larger than 1 MB", { limitMegabytes: LOGO_MAX_BYTES / (1024 * 1024) }));
        const bytes = part.bytes;
        const type = await logoImageType(bytes);
        if (!type) throw invalidField("logo_unsupported_type", "file", "a PNG or JPEG image");
        await setLetterheadLogo(db, auditContextOf(req), agencyId, { bytes, contentType: type === "png" ? "image/png" : "image/jpeg" });
        return present(agencyId);
      },
    );

    app.delete(
      "/api/agencies/:code/letterhead/logo",
      { config: { access: "authenticated" }, schema: { summary: "Remove the logo from the agency's kop surat", tags: ["agencies"], params: AgencyCodeParams, response: { 200: LetterheadResponse } } },
      async (req) => {
        const agencyId = await manageable(req, req.params.code);
        if (!(await removeLetterheadLogo(db, auditContextOf(req), agencyId))) throw notFound("logo");
        return present(agencyId);
      },
    );
  };
