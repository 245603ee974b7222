import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { buildApp } from "../../src/server/app";
import { openTestDatabase } from "./test-database";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real app on a fresh test database, optionally with the demo master data loaded. */
export async function startTestApp(options: { seed?: boolean; throttleBaseMs?: number } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  if (options.seed) await seedDemo(database.db, { demoUsers: false });
  const app = await buildApp({
    context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: { ...DEFAULT_THROTTLE, baseDelayMs: options.throttleBaseMs ?? 1000 } } },
    webDir: null,
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
