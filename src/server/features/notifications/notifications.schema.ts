import { z } from "zod";

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const NotificationParams = z.object({ id: z.coerce.number().int().positive() });

export const NotificationItem = z.object({
  id: z.number(),
  kind: z.string(),
  /** Values for the interface's message template of this kind (agency, indicator, stage, excerpt, notes). */
  params: z.record(z.string(), z.string()),
  /** A path of the app. */
  link: z.string(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const NotificationListResponse = z.object({ notifications: z.array(NotificationItem), total: z.number(), unread: z.number() });
export const UnreadCountResponse = z.object({ unread: z.number() });
export const MarkedResponse = z.object({ marked: z.number(), unread: z.number() });
