import type { FastifyReply } from "fastify";

/**
 * Sends an already serialised JSON body as it is: Fastify passes a string with a JSON content type
 * through without running the route's serializer, so a cached body is neither parsed nor checked
 * against the zod response schema again (the schema still documents the route in OpenAPI, and
 * test/server/response-cache.db.test.ts checks the bodies against it).
 */
export function sendJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(body);
}
