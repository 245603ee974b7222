import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { notifications } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

/**
 * Marks one of the user's notifications read (`id`), or all of them (`id` null), with an audit
 * event. Returns how many changed, or null when `id` is not one of the user's notifications.
 */
export async function markNotificationsRead(db: Db, ctx: AuditContext, input: { userId: number; id: number | null }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const mine = eq(notifications.userId, input.userId);
    if (input.id !== null) {
      const [row] = await tx.select({ id: notifications.id }).from(notifications).where(and(mine, eq(notifications.id, input.id)));
      if (!row) return null;
    }
    const changed = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(mine, isNull(notifications.readAt), input.id === null ? undefined : eq(notifications.id, input.id)))
      .returning({ id: notifications.id });
    await recordAudit(tx, ctx, { agencyId: null, action: input.id === null ? "notification.read_all" : "notification.read", targetType: "notification", targetId: input.id, after: { marked: changed.length } });
    return changed.length;
  });
}
