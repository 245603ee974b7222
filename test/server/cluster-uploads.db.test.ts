import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { makeUser, sessionFor } from "../helpers/accounts";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";
import { samplePdf, sha256 } from "../lib/evidence-fixtures";
import { S3_TEST_BUCKET, startS3rver } from "../lib/s3rver";

const MiB = 1024 * 1024;

// Two instances (each with its own data directory, as on two machines) on one PostgreSQL database
// and one S3 bucket (s3rver): a resumable upload's chunks are parts of an S3 multipart upload and
// its state is in the database, so any instance takes the next chunk.
describe.runIf(TEST_DB_KIND === "postgres")("resumable uploads through any of two instances (PostgreSQL, S3)", () => {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cluster-")));
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let database: Database;
  let auth: { cookie: string; csrf: string };
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    s3 = await startS3rver();
    created = await createPostgresTestDatabase();
    database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 2 });
    await seedDemo(database.db, { demoUsers: false });
    auth = await sessionFor(database, (await makeUser(database, "pelaksana_entri", "15.71", null)).id);
    const env = (dir: string) => ({
      DATABASE_URL: created.url,
      PANDU_DATA_DIR: dir,
      PANDU_DEMO: "false",
      PANDU_SECRET_KEY: "ab".repeat(32),
      S3_BUCKET: S3_TEST_BUCKET,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
      // The expiry sweep runs every 300 ms here, not every hour.
      PANDU_JOB_INTERVAL_MS: "300",
    });
    servers = dirs.map((dir) => spawnServer(env(dir)));
    await Promise.all(servers.map((s) => waitForHealth(s, 120_000)));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    await created?.drop();
    await s3?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const h = () => ({ cookie: auth.cookie, "x-csrf-token": auth.csrf });
  const api = async (server: ServerProcess, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${server.url}${url}`, { method, headers: { ...h(), ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const chunk = async (server: ServerProcess, id: string, offset: number, data: Buffer) => {
    const res = await fetch(`${server.url}/api/evidence-uploads/${id}`, {
      method: "PATCH",
      headers: { ...h(), "content-type": "application/offset+octet-stream", "upload-offset": String(offset) },
      body: new Uint8Array(data),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const bigPdf = (title: string, size: number) => {
    const head = samplePdf(title);
    return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
  };
  const uploadRow = async (id: string) =>
    (await database.db.execute(sql`select multipart_id, received from evidence_uploads where id = ${id}`)) as unknown as { rows: { multipart_id: string | null; received: number }[] };

  it("an upload started through one instance finishes through the other, with the right content and SHA-256", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const file = bigPdf("Notulen rapat tim SPBE", 5 * MiB + 777_777);
    const started = await api(a, "POST", "/api/agencies/15.71/evidence/uploads", { size: file.length, fileName: "notulen.pdf", title: "Notulen rapat tim SPBE" });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    // The chunks are parts of a multipart upload in the bucket, not a file on instance A's disk.
    expect((await uploadRow(id)).rows[0]!.multipart_id).toEqual(expect.any(String));

    // A chunk that is not the last must be at least S3's smallest part.
    const small = await chunk(a, id, 0, file.subarray(0, MiB));
    expect(small.status).toBe(400);
    expect(small.body.error).toBe("chunk_too_small");

    const first = await chunk(a, id, 0, file.subarray(0, 5 * MiB));
    expect(first.status).toBe(200);
    expect(first.body.offset).toBe(5 * MiB);
    // Instance B knows where the upload stands, and refuses a chunk at the wrong offset.
    expect((await api(b, "GET", `/api/evidence-uploads/${id}`)).body.offset).toBe(5 * MiB);
    const wrong = await chunk(b, id, 0, file.subarray(0, 5 * MiB));
    expect(wrong.status).toBe(409);
    expect(wrong.body.details).toEqual({ offset: 5 * MiB });
    for (const dir of dirs) expect(fs.existsSync(path.join(dir, "evidence", ".tmp", "resumable"))).toBe(false);

    const last = await chunk(b, id, 5 * MiB, file.subarray(5 * MiB));
    expect(last.status).toBe(201);
    const evidence = last.body.evidence as { id: number; versions: { sha256: string; size: number }[] } & Record<string, unknown>;
    const download = await fetch(`${a.url}/api/agencies/15.71/evidence/${evidence.id}/file`, { headers: h() });
    expect(download.status).toBe(200);
    const got = Buffer.from(await download.arrayBuffer());
    expect(got.length).toBe(file.length);
    expect(sha256(got)).toBe(sha256(file));
    expect(JSON.stringify(evidence)).toContain(sha256(file));
    // The session ended: its row is gone, and the GET of it is 404 on either instance.
    expect((await uploadRow(id)).rows).toEqual([]);
    expect((await api(a, "GET", `/api/evidence-uploads/${id}`)).status).toBe(404);
  }, 60_000);

  it("an expired upload is swept once for the cluster: its S3 multipart upload is aborted", async () => {
    const [a] = servers as [ServerProcess, ServerProcess];
    const file = bigPdf("Dokumen yang ditinggalkan", 6 * MiB);
    const started = await api(a, "POST", "/api/agencies/15.71/evidence/uploads", { size: file.length, fileName: "tinggal.pdf", title: "Dokumen yang ditinggalkan" });
    const id = started.body.id as string;
    expect((await chunk(a, id, 0, file.subarray(0, 5 * MiB))).status).toBe(200);
    const multipartId = (await uploadRow(id)).rows[0]!.multipart_id!;
    expect(s3.aborted).not.toContain(multipartId);
    // A day passes without a chunk.
    await database.db.execute(sql`update evidence_uploads set expires_at = now() - interval '1 minute' where id = ${id}`);
    await expect.poll(async () => (await uploadRow(id)).rows.length, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => s3.aborted.filter((m) => m === multipartId).length, { timeout: 5000 }).toBe(1);
  }, 60_000);

  it("a cancelled upload, through the other instance, has its multipart upload aborted", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const started = await api(a, "POST", "/api/agencies/15.71/evidence/uploads", { size: 6 * MiB, fileName: "batal.pdf", title: "Dokumen yang dibatalkan" });
    const id = started.body.id as string;
    const multipartId = (await uploadRow(id)).rows[0]!.multipart_id!;
    const res = await fetch(`${b.url}/api/evidence-uploads/${id}`, { method: "DELETE", headers: h() });
    expect(res.status).toBe(204);
    expect(s3.aborted).toContain(multipartId);
    expect((await uploadRow(id)).rows).toEqual([]);
  }, 30_000);
});
