import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface ProfilePatch {
  name?: string | undefined;
  nip?: string | null | undefined;
  phone?: string | null | undefined;
  language?: "id" | "en" | undefined;
}

/** Updates one's own profile fields with an audit event listing what changed. */
export async function updateProfile(db: Db, ctx: AuditContext, userId: number, patch: ProfilePatch): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name, nip: users.nip, phone: users.phone, language: users.language }).from(users).where(eq(users.id, userId));
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (!Object.keys(changes).length) return;
    await tx.update(users).set(changes).where(eq(users.id, userId));
    await recordAudit(tx, ctx, { agencyId: null, action: "user.profile_update", targetType: "user", targetId: userId, before: before!, after: { ...before!, ...changes } });
  });
}
