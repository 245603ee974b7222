import type { FastifyInstance } from "fastify";

/**
 * Who may call a route, declared on every /api route as `config: { access }`. Routes are
 * registered through this check, so a route without a declaration fails at start-up (and in the
 * route-access test). Until sign-in lands (issue #4) only public routes exist.
 */
export type RouteAccess = "public";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

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
