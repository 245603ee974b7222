import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, evidence, evidenceUploads, serverInstances } from "../../src/db/schema";
import { beat, releaseDeadInstances } from "../../src/db/commands/server-instances";
import { sweepEvidenceLeftovers } from "../../src/db/commands/evidence-sweep";
import { claimUploadSession, releaseUploadSession } from "../../src/db/commands/evidence-resumable";
import { partPath } from "../../src/lib/storage";
import { makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { sampleExe, samplePdf, sha256 } from "../lib/evidence-fixtures";

const MAX = 512 * 1024;
type Session = Awaited<ReturnType<typeof sessionFor>>;

/** A PDF of `size` bytes: a real header, then filler. */
const bigPdf = (size: number) => {
  const head = samplePdf("Dokumen unggah bertahap");
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
};

describe(`resumable evidence uploads on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let entry: Session; // pelaksana entri of Kota Jambi (15.71)
  let colleague: Session; // another pelaksana entri of the same agency
  let palembang: Session;

  const start = (as: Session, body: unknown, agency = "15.71") =>
    t.app.inject({ method: "POST", url: `/api/agencies/${agency}/evidence/uploads`, headers: { cookie: as.cookie, "x-csrf-token": as.csrf }, payload: body as object });
  const chunk = (as: Session, id: string, offset: number, data: Buffer) =>
    t.app.inject({ method: "PATCH", url: `/api/evidence-uploads/${id}`, headers: { cookie: as.cookie, "x-csrf-token": as.csrf, "content-type": "application/offset+octet-stream", "upload-offset": String(offset) }, payload: data });
  const status = (as: Session, id: string) => t.app.inject({ method: "GET", url: `/api/evidence-uploads/${id}`, headers: { cookie: as.cookie } });
  const sessions = async () => (await t.database.db.select({ n: count() }).from(evidenceUploads))[0]!.n;
  const evidenceRows = async () => (await t.database.db.select({ n: count() }).from(evidence))[0]!.n;

  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: MAX });
    entry = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    colleague = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
  });
  afterAll(() => t.close());

  it("takes a file in chunks and turns the last one into evidence, with its metadata, hash and one audit event", async () => {
    const file = bigPdf(300 * 1024);
    const fields = { title: "Video rapat koordinasi SPBE", documentNumber: "ND-7/2026", documentDate: "2026-01-05", reviewDate: "2026-01-05" };
    const started = await start(entry, { size: file.length, fileName: "rapat.pdf", ...fields });
    expect(started.statusCode, started.body).toBe(201);
    const { id, offset } = started.json();
    expect(offset).toBe(0);

    const step = 128 * 1024;
    for (let at = 0; at < file.length; at += step) {
      const res = await chunk(entry, id, at, file.subarray(at, at + step));
      const done = at + step >= file.length;
      expect(res.statusCode, res.body).toBe(done ? 201 : 200);
      expect(res.json().offset).toBe(Math.min(at + step, file.length));
      if (!done) expect(res.json().evidence).toBeNull();
      else expect(res.json().evidence).toMatchObject({ ...fields, sha256: sha256(file), size: file.length, fileName: "rapat.pdf", versionCount: 1, deduplicated: false });
    }
    expect(await sessions()).toBe(0);
    expect(existsSync(partPath(t.storage.tempDir, id))).toBe(false);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "evidence.upload"));
    expect(audits).toHaveLength(1);
    expect((await status(entry, id)).statusCode).toBe(404);
  });

  it("answers 409 with the offset to resume from when a chunk starts elsewhere, and keeps the bytes", async () => {
    const file = bigPdf(100 * 1024);
    const { id } = (await start(entry, { size: file.length, title: "Dokumen offset salah" })).json();
    expect((await chunk(entry, id, 0, file.subarray(0, 40_000))).json().offset).toBe(40_000);
    const wrong = await chunk(entry, id, 30_000, file.subarray(30_000, 60_000));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ error: "offset_mismatch", details: { offset: 40_000 } });
    expect((await status(entry, id)).json()).toMatchObject({ id, size: file.length, offset: 40_000 });
    const rest = await chunk(entry, id, 40_000, file.subarray(40_000));
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().evidence.sha256).toBe(sha256(file));
  });

  it("one chunk at a time, across processes: a chunk while another request holds the upload answers 409 upload_busy; a lease left by a dead process runs out", async () => {
    const file = bigPdf(60 * 1024);
    const { id } = (await start(entry, { size: file.length, title: "Dokumen dua proses" })).json();
    // Another worker process (PANDU_WORKERS) or instance is writing a chunk of this upload.
    const other = await claimUploadSession(t.database.db, id, null);
    expect(other).not.toBeNull();
    const busy = await chunk(entry, id, 0, file.subarray(0, 20_000));
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toBe("upload_busy");
    expect((await t.app.inject({ method: "DELETE", url: `/api/evidence-uploads/${id}`, headers: { cookie: entry.cookie, "x-csrf-token": entry.csrf } })).statusCode).toBe(409);
    expect((await status(entry, id)).json().offset).toBe(0);
    // That process died mid-chunk: once its lease has run out, the next chunk goes through.
    await t.database.db.update(evidenceUploads).set({ receivingUntil: new Date(Date.now() - 1000) }).where(eq(evidenceUploads.id, id));
    const res = await chunk(entry, id, 0, file.subarray(0, 20_000));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().offset).toBe(20_000);
    // The dead process's late release does not free the claim of whoever holds it now.
    const mine = await claimUploadSession(t.database.db, id, null);
    await releaseUploadSession(t.database.db, id, other!);
    expect(await claimUploadSession(t.database.db, id, null)).toBeNull();
    await releaseUploadSession(t.database.db, id, mine!);
    expect((await chunk(entry, id, 20_000, file.subarray(20_000))).statusCode).toBe(201);
  });

  it("a lease belongs to a live server instance: a live holder keeps it, a stale or removed one loses it at once", async () => {
    const { id } = (await start(entry, { size: 5000, title: "Dokumen instans" })).json();
    const db = t.database.db;
    await beat(db, "instance-a", false);
    const held = await claimUploadSession(db, id, "instance-a");
    expect(held).not.toBeNull();
    // A live instance's lease holds against every other claimant.
    expect(await claimUploadSession(db, id, "instance-b")).toBeNull();
    // Its heartbeat stopped (the process was killed): once stale, the next claim takes the upload over.
    await db.update(serverInstances).set({ heartbeatAt: sql`now() - interval '31 seconds'` }).where(eq(serverInstances.id, "instance-a"));
    const taken = await claimUploadSession(db, id, "instance-b");
    expect(taken).not.toBeNull();
    await releaseUploadSession(db, id, taken!);
    // At start-up an instance forgets the dead ones and releases their leases.
    await beat(db, "instance-c", false);
    expect(await claimUploadSession(db, id, "instance-c")).not.toBeNull();
    await db.update(serverInstances).set({ heartbeatAt: sql`now() - interval '31 seconds'` }).where(eq(serverInstances.id, "instance-c"));
    expect(await releaseDeadInstances(db, false)).toBe(1);
    expect((await db.select().from(evidenceUploads).where(eq(evidenceUploads.id, id)))[0]).toMatchObject({ receivingUntil: null, receivingInstance: null });
    expect(await db.select().from(serverInstances).where(eq(serverInstances.id, "instance-c"))).toHaveLength(0);
    await t.app.inject({ method: "DELETE", url: `/api/evidence-uploads/${id}`, headers: { cookie: entry.cookie, "x-csrf-token": entry.csrf } });
  });

  it("of several requests claiming one upload at the same moment, exactly one gets it", async () => {
    const { id } = (await start(entry, { size: 5000, title: "Dokumen rebutan" })).json();
    const tokens = await Promise.all(Array.from({ length: 6 }, () => claimUploadSession(t.database.db, id, null)));
    expect(tokens.filter((x) => x !== null)).toHaveLength(1);
    await t.app.inject({ method: "DELETE", url: `/api/evidence-uploads/${id}`, headers: { cookie: entry.cookie, "x-csrf-token": entry.csrf } });
  });

  it("keeps what arrived before the connection broke, so the upload resumes from there", async () => {
    const file = bigPdf(400 * 1024);
    const { id } = (await start(entry, { size: file.length, title: "Unggahan dari jaringan lambat" })).json();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const req = http.request({ host: "127.0.0.1", port, method: "PATCH", path: `/api/evidence-uploads/${id}`, headers: { "content-type": "application/offset+octet-stream", "upload-offset": "0", "content-length": String(file.length), cookie: entry.cookie, "x-csrf-token": entry.csrf } });
    const settled = new Promise((resolve) => {
      req.on("error", resolve);
      req.on("response", resolve);
    });
    req.write(file.subarray(0, 150 * 1024));
    const part = partPath(t.storage.tempDir, id);
    const { stat } = await import("node:fs/promises");
    await expect.poll(async () => (await stat(part).catch(() => null))?.size ?? 0, { interval: 10, message: "the chunk never reached the partial file" }).toBe(150 * 1024);
    req.destroy();
    await settled;
    // The server notices the broken connection and settles; the offset is what it kept.
    const offset = 150 * 1024;
    await expect.poll(async () => (await status(entry, id)).json().offset, { interval: 20, message: "offset never settled" }).toBe(offset);
    // Until the broken request has ended, its claim holds and the next chunk is refused with 409 (nothing written).
    const resume = () => chunk(entry, id, offset, file.subarray(offset));
    let rest = await resume();
    const retried = async () => {
      if (rest.statusCode === 409) rest = await resume();
      return rest.statusCode;
    };
    await expect.poll(retried, { interval: 20 }).not.toBe(409);
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().evidence).toMatchObject({ sha256: sha256(file), size: file.length });
  });

  it("refuses a disguised file at its first chunk and ends the session; too large a size at the start; bytes past the size", async () => {
    const before = await evidenceRows();
    const exe = Buffer.concat([sampleExe(), Buffer.alloc(70 * 1024)]);
    const { id } = (await start(entry, { size: exe.length * 2, fileName: "laporan.pdf", title: "Bukan PDF" })).json();
    const refused = await chunk(entry, id, 0, exe);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error).toBe("unsupported_media_type");
    expect((await status(entry, id)).statusCode).toBe(404);
    expect(existsSync(partPath(t.storage.tempDir, id))).toBe(false);

    const tooBig = await start(entry, { size: MAX + 1, title: "Terlalu besar" });
    expect(tooBig.statusCode).toBe(413);
    expect((await start(entry, { size: 0, title: "Kosong" })).statusCode).toBe(400);
    expect((await start(entry, { size: 10 })).json()).toMatchObject({ error: "title_required", details: { field: "body.title" } });

    const small = (await start(entry, { size: 1000, title: "Ukuran dinyatakan" })).json();
    const over = await chunk(entry, small.id, 0, bigPdf(1500));
    expect(over.statusCode).toBe(400);
    expect((await status(entry, small.id)).json().offset).toBeLessThanOrEqual(1000);
    expect(await evidenceRows()).toBe(before);
  });

  it("belongs to the user who started it: others get 404, other agencies cannot start one", async () => {
    const file = bigPdf(2000);
    const { id } = (await start(entry, { size: file.length, title: "Milik pelaksana" })).json();
    expect((await status(colleague, id)).statusCode).toBe(404);
    expect((await chunk(colleague, id, 0, file)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: `/api/evidence-uploads/${id}`, headers: { cookie: palembang.cookie, "x-csrf-token": palembang.csrf } })).statusCode).toBe(404);
    expect((await start(palembang, { size: 10, title: "Bukan instansinya" })).statusCode).toBe(404);
    const cancelled = await t.app.inject({ method: "DELETE", url: `/api/evidence-uploads/${id}`, headers: { cookie: entry.cookie, "x-csrf-token": entry.csrf } });
    expect(cancelled.statusCode).toBe(204);
    expect(existsSync(partPath(t.storage.tempDir, id))).toBe(false);
    expect((await status(entry, id)).statusCode).toBe(404);
  });

  it("adds a new version to existing evidence, and answers held content as a duplicate", async () => {
    const first = samplePdf("Versi pertama");
    const created = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Dokumen berversi" }, { name: "v1.pdf", contentType: "application/pdf", data: first })).json();
    const second = bigPdf(5000);
    const v = (await start(entry, { size: second.length, evidenceId: created.id, reviewDate: "2026-06-01" })).json();
    const done = await chunk(entry, v.id, 0, second);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().evidence).toMatchObject({ id: created.id, versionCount: 2, reviewDate: "2026-06-01", title: "Dokumen berversi" });

    const again = (await start(entry, { size: first.length, title: "Salinan" })).json();
    const dup = await chunk(entry, again.id, 0, first);
    expect(dup.statusCode).toBe(200);
    expect(dup.json().evidence).toMatchObject({ id: created.id, deduplicated: true });
    expect((await start(entry, { size: 10, evidenceId: 999_999 })).statusCode).toBe(404);
  });

  it("sweeps an abandoned upload with its partial file a day after its last chunk", async () => {
    const { id } = (await start(entry, { size: 5000, title: "Ditinggalkan" })).json();
    await chunk(entry, id, 0, bigPdf(5000).subarray(0, 1000));
    expect((await sweepEvidenceLeftovers(t.storage, t.database.db)).resumable).toBe(0);
    const later = await sweepEvidenceLeftovers(t.storage, t.database.db, { now: new Date(Date.now() + 25 * 60 * 60 * 1000) });
    expect(later.resumable).toBeGreaterThanOrEqual(1);
    expect(existsSync(partPath(t.storage.tempDir, id))).toBe(false);
    expect(await sessions()).toBe(0);
  });
});
