import { and, isNotNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { notifications } from "../schema";

/** How long notifications are kept: read ones for 90 days, any (also unread) for a year. */
export const NOTIFICATION_RETENTION = { readDays: 90, anyDays: 365 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes notifications past their retention (read and older than `readDays`, or older than
 * `anyDays` whether read or not), so the table does not grow for ever; the events they point to
 * stay in their own tables and the audit trail. Returns how many were deleted. Run by the hourly
 * sweep of the server.
 */
export async function pruneNotifications(db: Db, now = new Date(), keep: { readDays: number; anyDays: number } = NOTIFICATION_RETENTION): Promise<number> {
  const readBefore = new Date(now.getTime() - keep.readDays * DAY_MS);
  const anyBefore = new Date(now.getTime() - keep.anyDays * DAY_MS);
  const gone = await db
    .delete(notifications)
    .where(or(and(isNotNull(notifications.readAt), lt(notifications.createdAt, readBefore)), lt(notifications.createdAt, anyBefore)))
    .returning({ id: notifications.id });
  return gone.length;
}
