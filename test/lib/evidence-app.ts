import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { LocalEvidenceStorage, type EvidenceStorage } from "../../src/lib/storage";
import { buildApp } from "../../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { openTestDatabase } from "../helpers/test-database";
import { multipartBody, type FilePart } from "./evidence-fixtures";

export interface EvidenceTestApp {
  app: FastifyInstance;
  database: Database;
  storage: EvidenceStorage;
  /** Files currently in the storage's temporary directory. */
  tempFiles(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh seeded test database with its own evidence store (local files in a
 * throwaway directory unless `storage` is given) and a small size limit.
 */
export async function startEvidenceApp(options: { maxBytes: number; storage?: (dir: string) => EvidenceStorage }): Promise<EvidenceTestApp> {
  const dir = await mkdtemp(path.join(tmpdir(), "pandu-evidence-"));
  const storage: EvidenceStorage = options.storage ? options.storage(dir) : new LocalEvidenceStorage(dir);
  const database = await openTestDatabase();
  await seedDemo(database.db, { demoUsers: false });
  const app = await buildApp({
    context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, storage, evidenceMaxBytes: options.maxBytes },
    webDir: null,
  });
  await app.ready();
  return {
    app,
    database,
    storage,
    tempFiles: () => readdir(storage.tempDir).catch(() => []),
    close: async () => {
      await app.close();
      storage.close?.();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a multipart upload as a signed-in session. */
export function upload(
  app: FastifyInstance,
  url: string,
  as: { cookie: string; csrf: string } | null,
  fields: Record<string, string>,
  file: FilePart | null,
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(fields, file);
  const headers: Record<string, string> = { "content-type": contentType };
  if (as) Object.assign(headers, { cookie: as.cookie, "x-csrf-token": as.csrf });
  return app.inject({ method: "POST", url, headers, payload: body });
}
