import type { FastifyInstance } from "fastify";
import "./auth/auth-state";

/*
 * Who may call a route is declared on every /api route as `config: { access }` ("public" or
 * "authenticated"; see auth/auth-state.ts). A route without a declaration fails at registration,
 * so it can never be reached by accident; record-level rules live in the resource policies.
 */

/** The interactive API reference (`/api/docs`, Swagger UI's own routes, which cannot declare access): public. */
const isApiReference = (url: string) => url === "/api/docs" || url.startsWith("/api/docs/");

/** Refuses to register an /api route that does not declare its access. */
export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (isApiReference(route.url)) route.config = { ...route.config, access: "public" };
    if (!route.url.startsWith("/api/") || route.method === "HEAD") return;
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} declares no access policy`);
  });
}

/** Marks public routes in the OpenAPI document (`security: []`). */
export function markPublicRoutes(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (route.config?.access === "public") route.schema = { ...(route.schema ?? {}), security: [] } as typeof route.schema;
    if (route.config?.access === "citizen") route.schema = { ...(route.schema ?? {}), security: [{ citizen: [] }] } as typeof route.schema;
  });
}
