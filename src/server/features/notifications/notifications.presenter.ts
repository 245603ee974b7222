import type { notifications } from "../../../db/schema";

/** A notification for its recipient (no user ids). */
export function presentNotification(n: typeof notifications.$inferSelect) {
  return { id: n.id, kind: n.kind, params: n.params, link: n.link, read: n.readAt !== null, createdAt: n.createdAt.toISOString() };
}
