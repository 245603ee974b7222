import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { makeUser, sessionFor } from "../helpers/accounts";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";
import { samplePdf, sha256 } from "../lib/evidence-fixtures";

// A server process killed (SIGKILL) while a chunk of a resumable upload streams in: once it is
// started again, the upload continues at once — the dead process's lease blocks nothing.
describe(`a resumable upload whose server was killed mid-chunk (${TEST_DB_KIND})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-crash-"));
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;
  let env: Record<string, string | undefined>;
  let auth: { cookie: string; csrf: string };
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    created = TEST_DB_KIND === "postgres" ? await createPostgresTestDatabase() : undefined;
    env = { DATABASE_URL: created?.url, PANDU_DATA_DIR: dir, PANDU_DEMO: "false" };
    const database = await openDatabase(created ? { kind: "postgres", url: created.url, poolSize: 2 } : { kind: "pglite", dataDir: dir });
    try {
      await seedDemo(database.db, { demoUsers: false });
      auth = await sessionFor(database, (await makeUser(database, "pelaksana_entri", "15.71", null)).id);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await created?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${server!.url}${url}`, {
      method,
      headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const chunk = async (id: string, offset: number, data: Buffer) => {
    const res = await fetch(`${server!.url}/api/evidence-uploads/${id}`, {
      method: "PATCH",
      headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf, "content-type": "application/offset+octet-stream", "upload-offset": String(offset) },
      body: new Uint8Array(data),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("after a restart the upload resumes at once from what arrived, without 409 upload_busy", async () => {
    server = await spawnServer(env);
    await waitForHealth(server, 90_000);
    const head = samplePdf("Dokumen unggah saat server mati");
    const file = Buffer.concat([head, Buffer.alloc(300 * 1024 - head.length, 0x20)]);
    const started = await api("POST", "/api/agencies/15.71/evidence/uploads", { size: file.length, fileName: "crash.pdf", title: "Dokumen unggah saat server mati" });
    expect(started.status).toBe(201);
    const id = started.body.id as string;

    // One chunk for the whole file; only its first 100 KB are sent, then the process dies under it.
    const req = http.request(`${server.url}/api/evidence-uploads/${id}`, {
      method: "PATCH",
      headers: { cookie: auth.cookie, "x-csrf-token": auth.csrf, "content-type": "application/offset+octet-stream", "upload-offset": "0", "content-length": String(file.length) },
    });
    req.on("error", () => {});
    req.write(file.subarray(0, 100 * 1024));
    await expect.poll(async () => (await api("GET", `/api/evidence-uploads/${id}`)).body.offset, { timeout: 30_000 }).toBe(100 * 1024);
    server.child.kill("SIGKILL");
    await server.exited();
    req.destroy();

    server = await spawnServer(env);
    await waitForHealth(server, 90_000);
    const where = await api("GET", `/api/evidence-uploads/${id}`);
    expect(where.status).toBe(200);
    const offset = where.body.offset as number;
    expect(offset).toBe(100 * 1024);
    const rest = await chunk(id, offset, file.subarray(offset));
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body.evidence).toMatchObject({ sha256: sha256(file), size: file.length });
  }, 240_000);
});
