import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { notFound } from "../../errors";
import { markNotificationsRead } from "../../../db/commands/notifications-read";
import { notificationsOf, unreadNotificationCount } from "../../../db/queries/notifications";
import { presentNotification } from "./notifications.presenter";
import { MarkedResponse, NotificationListQuery, NotificationListResponse, NotificationParams, UnreadCountResponse } from "./notifications.schema";

/** The signed-in user's own in-app notifications: list, unread count (polled by the bell), mark read. */
export const notificationRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;

    app.get(
      "/api/notifications",
      { config: { access: "authenticated" }, schema: { summary: "My notifications, unread first, paged", tags: ["notifications"], querystring: NotificationListQuery, response: { 200: NotificationListResponse } } },
      async (req) => {
        const userId = req.auth!.user.id;
        const { rows, total } = await notificationsOf(db, userId, req.query);
        return { notifications: rows.map(presentNotification), total, unread: await unreadNotificationCount(db, userId) };
      },
    );

    app.get(
      "/api/notifications/unread-count",
      { config: { access: "authenticated" }, schema: { summary: "How many of my notifications are unread", tags: ["notifications"], response: { 200: UnreadCountResponse } } },
      async (req) => ({ unread: await unreadNotificationCount(db, req.auth!.user.id) }),
    );

    app.post(
      "/api/notifications/:id/read",
      { config: { access: "authenticated" }, schema: { summary: "Mark one of my notifications read", tags: ["notifications"], params: NotificationParams, response: { 200: MarkedResponse } } },
      async (req) => {
        const userId = req.auth!.user.id;
        const marked = await markNotificationsRead(db, { userId, id: req.params.id });
        if (marked === null) throw notFound("notification");
        return { marked, unread: await unreadNotificationCount(db, userId) };
      },
    );

    app.post(
      "/api/notifications/read-all",
      { config: { access: "authenticated" }, schema: { summary: "Mark all my notifications read", tags: ["notifications"], response: { 200: MarkedResponse } } },
      async (req) => {
        const userId = req.auth!.user.id;
        const marked = await markNotificationsRead(db, { userId, id: null });
        return { marked: marked ?? 0, unread: await unreadNotificationCount(db, userId) };
      },
    );
  };
