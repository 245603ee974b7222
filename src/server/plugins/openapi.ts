import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { InstrumentNodeSchema } from "../../core/instruments/instrument-schema";
import { ERROR_CODES } from "../error-codes";

/*
 * One API contract: the OpenAPI 3.1 document is built from the same zod schemas that validate, and
 * completed here so that it validates and a client can be generated from it (`npm run gen:api`):
 * - the recursive instrument node is a named component (`InstrumentNode`), not a dangling `$ref`;
 * - every operation has an `operationId` — the route's own `schema.operationId`, else derived from
 *   its method and path (`GET /api/assessments/{id}` → `getAssessment`, see `operationIdOf`);
 * - every operation answers its errors with the shared `Error` body `{ error, message, details }`.
 */

// Named components (ids in zod's global registry, where `.describe()`/`.meta()` also live). Input
// schemas get the suffix `Input`. Guarded: the module may be evaluated more than once (tests).
if (!z.globalRegistry.get(InstrumentNodeSchema)?.id) z.globalRegistry.add(InstrumentNodeSchema, { id: "InstrumentNode" });

const ERROR_SCHEMA = {
  type: "object",
  description: "Every 4xx/5xx answer. `error` is a stable code (the web translates it); `details` carries what the sentence names (e.g. `field`).",
  properties: {
    error: { type: "string", enum: [...ERROR_CODES] },
    message: { type: "string", description: "English, for logs and developers; not for display" },
    details: { type: "object", additionalProperties: true },
  },
  required: ["error", "message"],
  additionalProperties: false,
} as const;

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const ERROR_RESPONSES = {
  BadRequest: errorResponse("The request is invalid (`validation_error`, `invalid_text` or a field-specific code)."),
  Unauthenticated: errorResponse("No valid session or API token (`unauthenticated`)."),
  Forbidden: errorResponse("The caller may not do this (`forbidden`, `csrf_failed`, `token_read_only`)."),
  NotFound: errorResponse("The resource does not exist or is not visible to the caller (`not_found`)."),
  ClientError: errorResponse("Any other client error (e.g. `conflict`, `payload_too_large`, `too_many_attempts`)."),
  ServerError: errorResponse("The server failed (`internal_error`) or the database is unavailable (`database_unavailable`)."),
};

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

const camel = (words: string[]) => words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1))).join("");
const singular = (word: string) => (word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);

/**
 * A stable camelCase operationId from the method and the path: the method, then the path's words
 * after `/api`, a segment followed by a parameter in the singular (`GET /api/assessments/{id}/field-notes`
 * → `getAssessmentFieldNotes`). Two routes that would get the same id must name one in their schema.
 */
export function operationIdOf(method: string, path: string): string {
  const segments = path.replace(/^\/api\//, "").split("/").filter(Boolean);
  const words: string[] = [method];
  segments.forEach((segment, i) => {
    if (segment.startsWith("{")) return;
    const parts = segment.split(/[-_.]/).filter(Boolean);
    const nextIsParam = segments[i + 1]?.startsWith("{") ?? false;
    if (nextIsParam) parts[parts.length - 1] = singular(parts[parts.length - 1] ?? "");
    words.push(...parts);
  });
  return camel(words);
}

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/** Completes the generated document: components, operationIds and the error responses. */
export function completeDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const components = (doc.components ?? {}) as Record<string, Record<string, unknown>>;
  components.schemas = { ...components.schemas, Error: ERROR_SCHEMA };
  components.responses = { ...components.responses, ...ERROR_RESPONSES };
  doc.components = components;
  const paths = (doc.paths ?? {}) as Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= operationIdOf(method, path);
      const responses = (op.responses ??= {});
      const add = (status: string, name: keyof typeof ERROR_RESPONSES) => {
        responses[status] ??= { $ref: `#/components/responses/${name}` };
      };
      const params = op.parameters ?? [];
      if (op.requestBody || params.length > 0) add("400", "BadRequest");
      if (!(Array.isArray(op.security) && op.security.length === 0)) {
        add("401", "Unauthenticated");
        add("403", "Forbidden");
      }
      if (params.some((p) => p.in === "path")) add("404", "NotFound");
      add("4XX", "ClientError");
      add("5XX", "ServerError");
    }
  }
  return doc;
}

/** Registers the OpenAPI generator, `/api/openapi.json` and the interactive reference at `/api/docs`. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Pandu SPBE API",
        version,
        description: "Evaluasi SPBE: instrumen, penilaian, hasil resmi dan data terbuka.",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      servers: [{ url: "/", description: "This installation" }],
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "pandu_session" }, citizen: { type: "apiKey", in: "cookie", name: "pandu_citizen" }, bearer: { type: "http", scheme: "bearer" } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => completeDocument(jsonSchemaTransformObject(input) as unknown as Record<string, unknown>) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  // Swagger UI from the package's own files (no CDN); the CSP of helmet applies (see app.ts).
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { validatorUrl: null, deepLinking: true },
    staticCSP: false,
  });
}
