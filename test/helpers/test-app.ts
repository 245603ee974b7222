import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp } from "../../src/server/app";
import type { AppContext } from "../../src/server/context";
import { createSecretBox } from "../../src/lib/secret-box";
import { LocalEvidenceStorage } from "../../src/lib/storage";
import { openTestDatabase } from "./test-database";
import { DEFAULT_THROTTLE, type ThrottleSettings } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  context: AppContext;
  close(): Promise<void>;
}

/** The real app on a fresh test database, optionally with the demo master data loaded. */
export async function startTestApp(
  options: {
    seed?: boolean;
    throttleBaseMs?: number;
    webDir?: string | null;
    auth?: Partial<Omit<AppContext["auth"], "throttle">> & { throttle?: Partial<ThrottleSettings> };
    /** Further context (demo mode, mailer, OIDC providers …). */
    context?: Partial<Omit<AppContext, "database" | "auth">>;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  // Evidence files go to a temporary directory of this app, never into the checkout's ./data.
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-test-evidence-"));
  if (options.seed) await seedDemo(database.db, { demoUsers: false });
  const context: AppContext = {
    database,
    version: "test",
    auth: {
      sessions: DEFAULT_SESSION_SETTINGS,
      ...options.auth,
      throttle: { ...DEFAULT_THROTTLE, baseDelayMs: options.throttleBaseMs ?? 1000, ...options.auth?.throttle },
    },
    secretBox: createSecretBox(randomBytes(32)),
    storage: new LocalEvidenceStorage(evidenceDir),
    ...options.context,
  };
  const app = await buildApp({ context, webDir: options.webDir ?? null });
  await app.ready();
  return {
    app,
    database,
    context,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}
