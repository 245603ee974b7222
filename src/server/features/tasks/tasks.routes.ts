import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context";
import { todayInIndonesia } from "../evidence/evidence-settings";
import { collectTasks } from "./collect-tasks";
import { workingCalendarOf } from "../../working-calendar";
import { presentTasks } from "./tasks.presenter";
import { TasksResponse } from "./tasks.schema";

/** The signed-in user's work list ("Tugas saya"), the content of the home page /beranda. */
export const taskRoutes = (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = ctx.database;
    app.get(
      "/api/me/tasks",
      {
        config: { access: "authenticated" },
        schema: { summary: "What waits for me now: indicators to fill or verify, clarifications, stages to close, reviews, actions due", tags: ["auth"], response: { 200: TasksResponse } },
      },
      async (req) => {
        const now = ctx.auth.now?.() ?? new Date();
        const today = todayInIndonesia(now);
        return presentTasks(await collectTasks(db, req.auth!.actor, today, { now, calendarOf: (code) => workingCalendarOf(ctx, code) }), today);
      },
    );
  };
