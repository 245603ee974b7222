import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { preparedPayload, prepareBody } from "../cache/prepared-answer";

/**
 * Serves the built single-page app from dist/web: assets with long caching and their precompressed
 * copies, and index.html (compressed once, with an ETag) for every other non-API path so client-side
 * routes survive a reload.
 */
export async function registerSpa(app: FastifyInstance, webDir: string): Promise<void> {
  const index = path.join(webDir, "index.html");
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing); run "npm run build"`);
    return;
  }
  // Hashed assets never change under their name; their .br/.gz copies are made at build time (vite.config.ts).
  // `serve: false`: no route per file (that was ~380 routes to build at every start); the catch-all below
  // sends existing files through `reply.sendFile`, with the same caching and precompressed copies.
  await app.register(fastifyStatic, { root: webDir, serve: false, index: false, maxAge: "1y", immutable: true, preCompressed: true });
  const shell = prepareBody(fs.readFileSync(index), { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
  app.get("/*", { config: { access: "public" }, schema: { hide: true } }, async (req, reply) => {
    if (req.url.startsWith("/api/")) return reply.status(404).send({ error: "not_found", message: `no route ${req.method} ${req.url.split("?")[0]}` });
    const file = path.join(webDir, decodeURIComponent(req.url.split("?")[0]!));
    if (file.startsWith(webDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(webDir, file));
    }
    // A missing hashed asset (a page loaded before a new release asks for an old chunk) is a 404, not the
    // app's HTML, which the browser would try to run as a script.
    if (req.url.startsWith("/assets/")) return reply.status(404).send({ error: "not_found", message: "no such asset", details: { resource: "asset" } });
    return reply.send(preparedPayload(req, reply, shell));
  });
}
