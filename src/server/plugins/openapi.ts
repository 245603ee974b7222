import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/** Registers the OpenAPI generator; the document is built from the same zod schemas that validate. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Pandu SPBE API", version, description: "Evaluasi SPBE: instrumen, penilaian, hasil resmi dan data terbuka." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "pandu_session" }, bearer: { type: "http", scheme: "bearer" } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
}
