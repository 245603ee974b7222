import type { FastifyRequest } from "fastify";
import type { AppContext } from "./context";

/** The site's own origin: PANDU_PUBLIC_URL when set, else the origin this request came to. */
export function originOf(ctx: AppContext, req: FastifyRequest): string {
  if (ctx.publicUrl) return ctx.publicUrl.replace(/\/+$/, "");
  return `${req.protocol}://${req.host}`;
}
