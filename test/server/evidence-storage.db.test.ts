import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepEvidenceLeftovers } from "../../src/db/commands/evidence-sweep";
import { evidenceKey, stageUpload, type EvidenceStorage, type LocalEvidenceStorage } from "../../src/lib/storage";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { samplePdf, samplePng, sha256 } from "../lib/evidence-fixtures";
import { s3rverStorage, startS3rver } from "../lib/s3rver";

const MAX = 128 * 1024;
const TWO_HOURS_AGO = new Date(Date.now() - 2 * 60 * 60 * 1000);

const keysOf = async (storage: EvidenceStorage) => {
  const keys: string[] = [];
  for await (const o of storage.list()) keys.push(o.key);
  return keys.sort();
};
/** Puts content straight into the store, as an upload whose rows never committed would. */
async function putOrphan(storage: EvidenceStorage, data: Buffer): Promise<string> {
  const staged = await stageUpload(Readable.from([data]), storage.tempDir, MAX);
  const key = evidenceKey("15.71", staged.sha256);
  await storage.put(key, staged);
  await staged.discard();
  return key;
}

describe(`evidence in S3-compatible storage (s3rver) on ${TEST_DB_KIND}`, () => {
  let s3: Awaited<ReturnType<typeof startS3rver>>;
  let t: EvidenceTestApp;
  let entry: Awaited<ReturnType<typeof sessionFor>>;
  beforeAll(async () => {
    s3 = await startS3rver();
    t = await startEvidenceApp({ maxBytes: MAX, storage: (dir) => s3rverStorage(s3.endpoint, path.join(dir, ".tmp")) });
    entry = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it("uploads, de-duplicates, versions and downloads through the bucket", async () => {
    const pdf = samplePdf("Perwal di S3");
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Perwal Arsitektur SPBE" }, { name: "perwal.pdf", contentType: "application/pdf", data: pdf });
    expect(res.statusCode, res.body).toBe(201);
    expect(await keysOf(t.storage)).toEqual([`15.71/${sha256(pdf)}`]);
    const again = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Salinan" }, { name: "salinan.pdf", contentType: "application/pdf", data: pdf });
    expect(again.json()).toMatchObject({ id: res.json().id, deduplicated: true });
    expect(await keysOf(t.storage)).toHaveLength(1);

    const png = samplePng();
    const v2 = await upload(t.app, `/api/agencies/15.71/evidence/${res.json().id}/versions`, entry, {}, { name: "foto.png", contentType: "image/png", data: png });
    expect(v2.statusCode).toBe(201);
    const file = await call(t.app, "GET", `/api/agencies/15.71/evidence/${res.json().id}/file?inline=1`, entry);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload).toEqual(png);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toMatch(/^inline; /);
    expect((await call(t.app, "GET", `/api/agencies/15.71/evidence/${res.json().id}/file?version=1`, entry)).rawPayload).toEqual(pdf);

    const tooBig = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Terlalu besar" }, { name: "besar.pdf", contentType: "application/pdf", data: Buffer.concat([samplePdf(), Buffer.alloc(MAX)]) });
    expect(tooBig.statusCode).toBe(413);
    expect(await keysOf(t.storage)).toHaveLength(2);
    expect(await t.tempFiles()).toEqual([]);
  });

  it("sweeps objects no version references, once they are old enough", async () => {
    const orphan = await putOrphan(t.storage, samplePdf("yatim"));
    const kept = await keysOf(t.storage);
    expect(await sweepEvidenceLeftovers(t.storage, t.database.db)).toEqual({ tempFiles: 0, blobs: 0, resumable: 0 }); // young: an upload may own it
    const report = await sweepEvidenceLeftovers(t.storage, t.database.db, { now: new Date(Date.now() + 2 * 60 * 60 * 1000) });
    expect(report).toEqual({ tempFiles: 0, blobs: 1, resumable: 0 });
    expect(await keysOf(t.storage)).toEqual(kept.filter((k) => k !== orphan));
  });
});

describe(`sweeping local evidence leftovers on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: MAX });
  });
  afterAll(() => t.close());

  it("removes old temporary files and unreferenced blobs, keeping referenced and young ones", async () => {
    const storage = t.storage as LocalEvidenceStorage;
    const entry = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    const pdf = samplePdf("dipakai");
    expect((await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Dokumen yang dipakai" }, { name: "a.pdf", contentType: "application/pdf", data: pdf })).statusCode).toBe(201);
    const used = `15.71/${sha256(pdf)}`;
    const orphanOld = await putOrphan(storage, samplePdf("yatim lama"));
    const orphanYoung = await putOrphan(storage, samplePdf("yatim baru"));
    await mkdir(storage.tempDir, { recursive: true });
    await writeFile(path.join(storage.tempDir, "old.part"), "sisa upload yang terputus");
    await writeFile(path.join(storage.tempDir, "young.part"), "upload yang sedang berjalan");
    for (const p of [path.join(storage.tempDir, "old.part"), path.join(storage.root, used), path.join(storage.root, orphanOld)]) await utimes(p, TWO_HOURS_AGO, TWO_HOURS_AGO);

    expect(await sweepEvidenceLeftovers(storage, t.database.db)).toEqual({ tempFiles: 1, blobs: 1, resumable: 0 });
    expect(await readdir(storage.tempDir)).toEqual(["young.part"]);
    expect(await keysOf(storage)).toEqual([used, orphanYoung].sort());
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence", entry)).json().evidence).toHaveLength(1);
  });
});
