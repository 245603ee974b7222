import type { Actor } from "../../core";
import type { UserRow } from "../../db/queries/actors";

/** How the caller proved who they are. */
export interface AuthState {
  actor: Actor;
  user: UserRow;
  via: "session" | "token";
  sessionId?: string;
  csrfToken?: string;
}

/**
 * Who may call a route: anyone, a signed-in staff user (fine checks live in the resource policies), or
 * a signed-in citizen (`pandu_citizen` cookie; see citizens/citizen-auth.ts).
 */
export type RouteAccess = "public" | "authenticated" | "citizen";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthState | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
