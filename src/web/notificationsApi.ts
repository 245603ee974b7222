import { ApiError, getJson, isRecord, request } from "./api";

export type NotificationKind = "clarification.message" | "assessment.submitted" | "assessment.stage_advanced" | "assessment.returned" | "assessment.review_requested" | "assessment.finalised" | "assessment.revised" | "account.reset_link";

/** One in-app notification; `params` fill the interface's message of its kind, `link` is an app path. */
export interface AppNotification {
  id: number;
  kind: string;
  params: Record<string, string>;
  link: string;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  notifications: AppNotification[];
  total: number;
  unread: number;
}

/** The window event that carries a new unread count to the bell (after marking read on a page). */
export const UNREAD_EVENT = "pandu:notifications-unread";

/** Tells the bell the unread count changed, without waiting for its next poll. */
export function announceUnread(unread: number): void {
  window.dispatchEvent(new CustomEvent<number>(UNREAD_EVENT, { detail: unread }));
}

/** A page of my notifications, unread first. */
export async function fetchNotifications(page: { limit: number; offset: number }, signal?: AbortSignal): Promise<NotificationPage> {
  const body = await getJson(`/api/notifications?limit=${page.limit}&offset=${page.offset}`, signal);
  if (!isRecord(body) || !Array.isArray(body.notifications) || typeof body.unread !== "number") throw new ApiError(200, "invalid_response", "not a notification list");
  return body as unknown as NotificationPage;
}

/** How many of my notifications are unread. */
export async function fetchUnreadCount(signal?: AbortSignal): Promise<number> {
  const body = await getJson("/api/notifications/unread-count", signal);
  if (!isRecord(body) || typeof body.unread !== "number") throw new ApiError(200, "invalid_response", "not an unread count");
  return body.unread;
}

async function marked(path: string): Promise<{ marked: number; unread: number }> {
  const body = await request("POST", path);
  if (!isRecord(body) || typeof body.unread !== "number" || typeof body.marked !== "number") throw new ApiError(200, "invalid_response", "not a read answer");
  announceUnread(body.unread);
  return { marked: body.marked, unread: body.unread };
}

/** Marks one notification read; the bell is told the new count. */
export const markNotificationRead = (id: number) => marked(`/api/notifications/${id}/read`);

/** Marks all my notifications read; the bell is told the new count. */
export const markAllNotificationsRead = () => marked("/api/notifications/read-all");
