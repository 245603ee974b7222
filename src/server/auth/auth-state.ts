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

/** Who may call a route: anyone, or a signed-in user (fine checks live in the resource policies). */
export type RouteAccess = "public" | "authenticated";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthState | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
