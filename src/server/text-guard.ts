import type { FastifyInstance } from "fastify";
import { findUnstorableText } from "../lib/text-safety";
import { invalidText } from "./errors";

/**
 * Refuses, for every route, a path parameter, query value or JSON body string that PostgreSQL
 * cannot store (NUL, lone surrogate) with 400 `invalid_text` naming the field — before validation,
 * so no route can forget it. Multipart text fields are checked by `readUpload`; stored headers
 * (User-Agent) are cleaned with `storableText` instead.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (req) => {
    const field = findUnstorableText(req.params, "params") ?? findUnstorableText(req.query, "query") ?? findUnstorableText(req.body, "body");
    if (field) throw invalidText(field);
  });
}
