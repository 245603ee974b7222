import { and, eq, isNotNull, isNull, lt, notLike, or } from "drizzle-orm";
import type { SecretBox } from "../../lib/secret-box";
import type { Db } from "../client";
import { users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/** Stores a pending TOTP secret (not yet required at sign-in), with its audit event. */
export async function setPendingTotp(db: Db, ctx: AuditContext, userId: number, secret: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: secret, totpEnabled: false }).where(eq(users.id, userId));
    await recordAudit(tx, ctx, { agencyId: null, action: "user.2fa_setup", targetType: "user", targetId: userId, after: { pending: true } });
  });
}

/** Turns two-factor sign-in on or off, with its audit event; the secret never enters the trail. */
export async function setTotpEnabled(db: Db, ctx: AuditContext, userId: number, enabled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set(enabled ? { totpEnabled: true } : { totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(users.id, userId));
    await recordAudit(tx, ctx, { agencyId: null, action: enabled ? "user.2fa_enable" : "user.2fa_disable", targetType: "user", targetId: userId, before: { twoFactor: !enabled }, after: { twoFactor: enabled } });
  });
}

/**
 * Spends the step of a code just accepted, so it cannot be used again: only when it is newer than the
 * last one spent, in one statement, so of two requests with one code at once only one gets true.
 * With `whileLastStep`, also only while the last spent step is still that one (no code spent since):
 * what makes a pending SSO sign-in good for one code.
 */
export async function useTotpStep(db: Db, userId: number, step: number, whileLastStep?: number | null): Promise<boolean> {
  const unchanged = whileLastStep === undefined ? undefined : whileLastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, whileLastStep);
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step)), unchanged))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** The stored secret and state. */
export async function totpState(db: Db, userId: number) {
  const [row] = await db
    .select({ secret: users.totpSecret, enabled: users.totpEnabled, lastStep: users.totpLastStep, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row!;
}

/** Encrypts TOTP secrets stored in plain text by earlier versions; returns how many. */
export async function sealPlainTotpSecrets(db: Db, box: SecretBox): Promise<number> {
  const plain = await db
    .select({ id: users.id, secret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), notLike(users.totpSecret, "v1:%")));
  for (const row of plain) {
    await db.update(users).set({ totpSecret: box.seal(row.secret!) }).where(and(eq(users.id, row.id), eq(users.totpSecret, row.secret!)));
  }
  return plain.length;
}
