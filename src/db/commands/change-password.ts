import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { endUserCredentials } from "./sessions";

/**
 * Sets a new password hash and ends every session and API token of the user, with the audit event,
 * in one transaction. The hash itself never enters the audit trail. Returns the sessions ended.
 */
export async function changePassword(db: Db, ctx: AuditContext, input: { userId: number; passwordHash: string; action: string }): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: input.passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, input.userId));
    const { sessionsEnded, tokensRevoked } = await endUserCredentials(tx, input.userId);
    await recordAudit(tx, ctx, { agencyId: null, action: input.action, targetType: "user", targetId: input.userId, before: null, after: { passwordChanged: true, sessionsEnded, tokensRevoked } });
    return sessionsEnded;
  });
}
