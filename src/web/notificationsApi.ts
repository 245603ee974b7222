import { api, type ApiResponse } from "./apiTypes";

export type NotificationKind = "clarification.message" | "assessment.submitted" | "assessment.stage_advanced" | "assessment.returned" | "assessment.review_requested" | "assessment.finalised" | "assessment.revised" | "account.reset_link" | "complaint.received" | "complaint.due_soon" | "complaint.breached";

/** One in-app notification; `params` fill the interface's message of its kind, `link` is an app path (types from the API contract). */
export type AppNotification = NotificationPage["notifications"][number];
export type NotificationPage = ApiResponse<"getNotifications">;

/** The window event that carries a new unread count to the bell (after marking read on a page). */
export const UNREAD_EVENT = "pandu:notifications-unread";

/** Tells the bell the unread count changed, without waiting for its next poll. */
export function announceUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(UNREAD_EVENT, { detail: unread }));
}

/** A page of my notifications, unread first. */
export async function fetchNotifications(page: { limit: number; offset: number }, signal?: AbortSignal): Promise<NotificationPage> {
  return api("get", "/api/notifications", { query: page, signal });
}

/** How many of my notifications are unread. */
export async function fetchUnreadCount(signal?: AbortSignal): Promise<number> {
  return (await api("get", "/api/notifications/unread-count", { signal })).unread;
}

function announced(answer: ApiResponse<"postNotificationsReadAll">): { marked: number; unread: number } {
  announceUnread(answer.unread);
  return { marked: answer.marked, unread: answer.unread };
}

/** Marks one notification read; the bell is told the new count. */
export const markNotificationRead = async (id: number) => announced(await api("post", "/api/notifications/{id}/read", { path: { id } }));

/** Marks all my notifications read; the bell is told the new count. */
export const markAllNotificationsRead = async () => announced(await api("post", "/api/notifications/read-all"));
