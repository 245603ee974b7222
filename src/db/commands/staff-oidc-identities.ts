import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { staffOidcIdentities } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Removes the link between a staff account and a provider's subject, with its audit event
 * (`auth.oidc_unlink`), in one transaction; false when that identity is not linked to the account.
 * The next SSO sign-in with it links again only through the verified-e-mail rule of `staffByOidc`.
 */
export async function unlinkStaffOidcIdentity(db: Db, ctx: AuditContext, input: { userId: number; issuer: string; subject: string; byAdministrator: boolean }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(staffOidcIdentities)
      .where(and(eq(staffOidcIdentities.userId, input.userId), eq(staffOidcIdentities.issuer, input.issuer), eq(staffOidcIdentities.subject, input.subject)))
      .returning({ userId: staffOidcIdentities.userId });
    if (!gone) return false;
    await recordAudit(tx, ctx, { agencyId: null, action: "auth.oidc_unlink", targetType: "user", targetId: input.userId, before: { issuer: input.issuer, subject: input.subject }, after: { byAdministrator: input.byAdministrator } });
    return true;
  });
}
