import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context";
import { AppError } from "../../errors";
import { issuedDocumentById } from "../../../db/queries/issued-documents";

const VerifyParams = z.object({ id: z.string().min(1).max(64) });

/** What the public verification page states about an issued document (nothing else of the register). */
export const VerifiedDocument = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  number: z.string(),
  /** The date the document states (YYYY-MM-DD, Jakarta). */
  documentDate: z.string(),
  issuedAt: z.string(),
  sha256: z.string(),
});

const jakartaDate = (d: Date) => new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "Asia/Jakarta" }).format(d);

/**
 * The public verification of an issued document (`/verifikasi/<id>` in the web, the QR code's
 * target): no session; an unknown or forged id is a plain 404, whatever its shape.
 */
export const documentVerificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/public/verify/:id",
      {
        config: { access: "public" },
        schema: {
          operationId: "verifyIssuedDocument",
          summary: "Verify an issued official document by the id printed on it (title, agency, date, number, SHA-256)",
          tags: ["public"],
          params: VerifyParams,
          response: { 200: VerifiedDocument },
        },
      },
      async (req, reply) => {
        const found = /^[A-Za-z0-9_-]+$/.test(req.params.id) ? await issuedDocumentById(ctx.database.db, req.params.id) : undefined;
        if (!found) throw new AppError(404, "not_found", "no document was issued with this id", { resource: "document" });
        reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=300");
        return {
          id: found.id,
          kind: found.kind,
          title: found.title,
          agency: { code: found.agencyCode, name: found.agencyName },
          number: found.number,
          documentDate: jakartaDate(found.subjectAt),
          issuedAt: found.issuedAt.toISOString(),
          sha256: found.sha256,
        };
      },
    );
  };
