import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { newToken, sha256Hex } from "../../lib/secure-token";

export interface NewToken {
  id: number;
  name: string;
  scope: "read" | "write";
  expiresAt: Date;
  /** The token itself: shown once, never stored. */
  token: string;
}

/** Creates an API token for a user (stored hashed) with its audit event. */
export async function createApiToken(
  db: Db,
  ctx: AuditContext,
  input: { userId: number; name: string; scope: "read" | "write"; days: number },
): Promise<NewToken> {
  const token = newToken("pandu_");
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ userId: input.userId, name: input.name, scope: input.scope, tokenHash: sha256Hex(token), expiresAt }).returning();
    await recordAudit(tx, ctx, { agencyId: null, action: "token.create", targetType: "api_token", targetId: row!.id, after: { name: input.name, scope: input.scope, expiresAt: expiresAt.toISOString(), userId: input.userId } });
    return { id: row!.id, name: row!.name, scope: row!.scope, expiresAt, token };
  });
}

/** Revokes one of the user's tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(db: Db, ctx: AuditContext, input: { userId: number; tokenId: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!rows.length) return false;
    await recordAudit(tx, ctx, { agencyId: null, action: "token.revoke", targetType: "api_token", targetId: input.tokenId, before: { revoked: false }, after: { revoked: true } });
    return true;
  });
}

/** A user's tokens, newest first (hashes never leave this function's callers' presenters). */
export async function listApiTokens(db: Db, userId: number) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}
