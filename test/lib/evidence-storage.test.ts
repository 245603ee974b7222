import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EmptyUploadError,
  EvidenceObjectMissingError,
  LocalEvidenceStorage,
  stageUpload,
  UnsupportedUploadTypeError,
  UploadInterruptedError,
  UploadTooLargeError,
  createEvidenceStorage,
  evidenceKey,
  type EvidenceStorage,
} from "../../src/lib/storage";
import { loadConfig } from "../../src/config/config";
import { sampleExe, samplePdf, samplePng, sha256 } from "./evidence-fixtures";
import { s3rverStorage, startS3rver } from "./s3rver";

const streamOf = (...chunks: Buffer[]) => Readable.from(chunks);
const toBuffer = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const collect = async (s: EvidenceStorage) => {
  const keys: string[] = [];
  for await (const o of s.list()) keys.push(o.key);
  return keys.sort();
};

/** A PDF of `size` bytes produced chunk by chunk, never whole in memory. */
function largePdf(size: number): { stream: Readable; hash: Promise<string> } {
  const hash = createHash("sha256");
  let sent = 0;
  let resolve!: (h: string) => void;
  const done = new Promise<string>((r) => (resolve = r));
  const stream = new Readable({
    read() {
      if (sent >= size) {
        resolve(hash.digest("hex"));
        return this.push(null);
      }
      const n = Math.min(256 * 1024, size - sent);
      const chunk = sent === 0 ? Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(n - 9, 0x20)]) : Buffer.alloc(n, sent % 251);
      hash.update(chunk);
      sent += n;
      this.push(chunk);
    },
  });
  return { stream, hash: done };
}

describe("staging an upload", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pandu-stage-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("hashes, sizes and types the stream into a flushed temporary file", async () => {
    const pdf = samplePdf();
    const staged = await stageUpload(streamOf(pdf.subarray(0, 3), pdf.subarray(3)), dir, 1024 * 1024);
    expect(staged).toMatchObject({ size: pdf.length, sha256: sha256(pdf), fileType: "pdf", contentType: "application/pdf" });
    expect(await readFile(staged.path)).toEqual(pdf);
    await staged.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it("streams a 40 MB file with a constant amount of memory", async () => {
    const { stream, hash } = largePdf(40 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const staged = await stageUpload(stream, dir, 50 * 1024 * 1024);
    expect(staged.sha256).toBe(await hash);
    expect(staged.size).toBe(40 * 1024 * 1024);
    // Not a precise measure, but a file held whole would add 40 MB here.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
    await staged.discard();
  });

  it.each([
    ["too large", () => streamOf(samplePdf(), Buffer.alloc(2048)), UploadTooLargeError],
    ["not an allowed type", () => streamOf(sampleExe()), UnsupportedUploadTypeError],
    ["empty", () => streamOf(), EmptyUploadError],
  ])("refuses a file that is %s and leaves no temporary file", async (_name, source, error) => {
    await expect(stageUpload(source(), dir, 1024)).rejects.toBeInstanceOf(error);
    expect(await readdir(dir)).toEqual([]);
  });

  it("stops at the wrong type without reading the rest of the stream", async () => {
    let pulled = 0;
    const source = new Readable({
      read() {
        pulled++;
        this.push(pulled === 1 ? sampleExe() : Buffer.alloc(64 * 1024));
        if (pulled > 1000) this.push(null);
      },
    });
    await expect(stageUpload(source, dir, 1024 * 1024 * 1024)).rejects.toBeInstanceOf(UnsupportedUploadTypeError);
    expect(pulled).toBeLessThan(10);
  });

  it("reports a source that fails midway as interrupted and removes the partial file", async () => {
    const source = new PassThrough();
    const staging = stageUpload(source, dir, 1024 * 1024);
    source.write(samplePdf());
    // The partial file exists (the bytes are being staged) before the source fails.
    await expect.poll(async () => (await readdir(dir)).length, { interval: 5, timeout: 15_000 }).toBe(1);
    source.destroy(new Error("client went away"));
    await expect(staging).rejects.toBeInstanceOf(UploadInterruptedError);
    expect(await readdir(dir)).toEqual([]);
  });
});

/** The same contract on both adapters. */
function storageContract(name: string, make: () => Promise<EvidenceStorage>) {
  describe(`${name} evidence storage`, () => {
    let storage: EvidenceStorage;
    beforeAll(async () => {
      storage = await make();
    });
    afterAll(() => storage.close?.());

    it("puts a staged file under its content key, reads, lists and deletes it", async () => {
      const png = samplePng();
      const staged = await stageUpload(streamOf(png), storage.tempDir, 1024 * 1024);
      const key = evidenceKey("15.71", staged.sha256);
      await storage.put(key, staged);
      await staged.discard();
      expect(await readdir(storage.tempDir)).toEqual([]);
      expect(await toBuffer(await storage.open(key))).toEqual(png);
      expect(await collect(storage)).toContain(key);
      await storage.delete(key);
      expect(await collect(storage)).not.toContain(key);
      await expect(storage.open(key)).rejects.toBeInstanceOf(EvidenceObjectMissingError);
      await storage.delete(key); // already gone: no error
    });

    it("keeps one object when the same content is put twice", async () => {
      const pdf = samplePdf();
      const key = evidenceKey("15.71", sha256(pdf));
      for (let i = 0; i < 2; i++) {
        const staged = await stageUpload(streamOf(pdf), storage.tempDir, 1024 * 1024);
        await storage.put(key, staged);
      }
      expect((await collect(storage)).filter((k) => k === key)).toHaveLength(1);
      expect(await toBuffer(await storage.open(key))).toEqual(pdf);
    });

    it("refuses keys that are not <agency>/<sha256>", async () => {
      expect(() => evidenceKey("..", "a".repeat(64))).toThrow();
      await expect(storage.open("../../etc/passwd")).rejects.toThrow(/invalid evidence storage key/);
      await expect(storage.delete(`15.71/${"a".repeat(63)}`)).rejects.toThrow(/invalid/);
    });
  });
}

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});
const tempRoot = async (prefix: string) => {
  const r = await mkdtemp(path.join(tmpdir(), prefix));
  roots.push(r);
  return r;
};

storageContract("local", async () => new LocalEvidenceStorage(await tempRoot("pandu-local-")));

let s3: Awaited<ReturnType<typeof startS3rver>> | undefined;
afterAll(async () => {
  await s3?.close();
});
storageContract("S3 (s3rver)", async () => {
  s3 = await startS3rver();
  return s3rverStorage(s3.endpoint, path.join(await tempRoot("pandu-s3tmp-"), ".tmp"));
});

describe("choosing the store", () => {
  it("uses <data dir>/evidence unless a bucket is configured, and stages S3 uploads there too", async () => {
    const local = createEvidenceStorage({ dataDir: "/srv/pandu", s3: null });
    expect(local).toBeInstanceOf(LocalEvidenceStorage);
    expect(local.tempDir).toBe(path.join("/srv/pandu", "evidence", ".tmp"));
    const remote = createEvidenceStorage({ dataDir: "/srv/pandu", s3: { bucket: "b", region: "ap-southeast-3", forcePathStyle: false } });
    expect(remote.kind).toBe("s3");
    expect(remote.tempDir).toBe(path.join("/srv/pandu", "evidence", ".tmp"));
    remote.close?.();
  });

  it("reads the limit and the bucket from the environment, and refuses half an S3 setup", () => {
    const plain = loadConfig({ PANDU_DATA_DIR: "/srv/pandu", DATABASE_URL: "postgres://u@db/pandu" });
    expect(plain.evidence).toEqual({ maxBytes: 50 * 1024 * 1024, s3: null });
    expect(plain.dataDir).toBe(path.resolve("/srv/pandu"));
    const s3 = loadConfig({ PANDU_EVIDENCE_MAX_MB: "200", S3_BUCKET: "bukti-dukung", S3_ENDPOINT: "http://minio:9000", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s", S3_FORCE_PATH_STYLE: "true" });
    expect(s3.evidence).toEqual({ maxBytes: 200 * 1024 * 1024, s3: { bucket: "bukti-dukung", region: "us-east-1", endpoint: "http://minio:9000", accessKeyId: "k", secretAccessKey: "s", forcePathStyle: true } });
    expect(() => loadConfig({ S3_ENDPOINT: "http://minio:9000" })).toThrow("S3_BUCKET: required");
    expect(() => loadConfig({ S3_BUCKET: "bukti", S3_ACCESS_KEY_ID: "k" })).toThrow("S3_SECRET_ACCESS_KEY");
    expect(() => loadConfig({ PANDU_EVIDENCE_MAX_MB: "0" })).toThrow("PANDU_EVIDENCE_MAX_MB");
    expect(() => loadConfig({ S3_BUCKET: "Bukti_Dukung" })).toThrow("S3_BUCKET");
  });
});
