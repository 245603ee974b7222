import type { apiTokens } from "../../../db/schema";
import type { TokenResponse } from "./tokens.schema";

/** A token's metadata; its hash never leaves the server. */
export function presentToken(t: typeof apiTokens.$inferSelect): TokenResponse {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revoked: t.revokedAt !== null,
    createdAt: t.createdAt.toISOString(),
  };
}
