import type { FastifyInstance } from "fastify";
import "./auth/auth-state";

/*
 * Who may call a route is declared on every /api route as `config: { access }` ("public" or
 * "authenticated"; see auth/auth-state.ts). A route without a declaration fails at registration,
 * so it can never be reached by accident; record-level rules live in the resource policies.
 */

/** Refuses to register an /api route that does not declare its access. */
export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.method === "HEAD") return;
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} declares no access policy`);
  });
}

/** Marks public routes in the OpenAPI document (`security: []`). */
export function markPublicRoutes(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (route.config?.access === "public") route.schema = { ...(route.schema ?? {}), security: [] } as typeof route.schema;
  });
}
