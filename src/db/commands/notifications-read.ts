import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { notifications } from "../schema";

/**
 * Marks one of the user's notifications read (`id`), or all of them (`id` null). Returns how many
 * changed, or null when `id` is not one of the user's notifications.
 *
 * No audit event is written, for one or for all: reading one's own notification changes nothing
 * anyone else sees and grants no access (the link still goes through the target's authorization),
 * so it is not a security-relevant change. An event per click would also bury the agency chains
 * in noise and make every bell click a hash-chain append under a row lock.
 */
export async function markNotificationsRead(db: Db, input: { userId: number; id: number | null }): Promise<number | null> {
  const mine = eq(notifications.userId, input.userId);
  if (input.id !== null) {
    const [row] = await db.select({ id: notifications.id }).from(notifications).where(and(mine, eq(notifications.id, input.id)));
    if (!row) return null;
  }
  const changed = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine, isNull(notifications.readAt), input.id === null ? undefined : eq(notifications.id, input.id)))
    .returning({ id: notifications.id });
  return changed.length;
}
