import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { notifications } from "../schema";

/** A user's notifications, unread first, newest first within each group; one page. */
export async function notificationsOf(db: Db, userId: number, page: { limit: number; offset: number }) {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(sql`${notifications.readAt} is null desc`, desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId));
  return { rows, total: total!.n };
}

/** How many of a user's notifications are unread. */
export async function unreadNotificationCount(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row!.n;
}
