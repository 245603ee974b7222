import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { createApiToken } from "../../src/db/commands/api-tokens";
import { uploadEvidence } from "../../src/db/commands/evidence-upload";
import { setLetterheadLogo } from "../../src/db/commands/letterhead";
import { appliedMigrations, codeMigrations, migrationsUpTo, writeBackup } from "../../src/db/commands/backup";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { evidenceUploads, evidenceVersions, userRoles } from "../../src/db/schema";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { loadOrCreateSecretKey, secretKeyFingerprint } from "../../src/lib/secret-box";
import { evidenceKey, LocalEvidenceStorage, stageUpload } from "../../src/lib/storage";
import { citizenByEmail } from "../../src/db/commands/citizens";
import { addApplicationFile, createApplicationDraft } from "../../src/db/commands/applications";
import { buildApp } from "../../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { makeUser } from "../helpers/accounts";
import { runCli, runCliAsync } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
const LONG = 300_000;
const OLD = new Date("2020-01-01T00:00:00Z");

interface Target {
  dataDir: string;
  url?: string;
  drop?: () => Promise<void>;
}

// backup → restore → doctor through the real binary: an identity on the embedded database and on
// PostgreSQL, then every problem doctor must name, and what --fix repairs (and what it must not).
describe(`pandu backup / restore / doctor on ${TEST_DB_KIND}`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-backup-"));
  const hotFile = path.join(root, "hot.ndjson.gz");
  const targets: Target[] = [];
  let source: Target;
  let target: Target;
  let sourceDb: Database | null = null;
  let app: FastifyInstance | null = null;
  let token = "";
  let adminId = 0;
  let fingerprint = "";
  let hotSummary = "";
  /** "N rows in M tables, K evidence files, migration level L" of `pandu backup`'s output. */
  const summary = (stdout: string) => stdout.split("\n")[0]!.split(": ")[1] ?? "";

  async function newTarget(name: string): Promise<Target> {
    const t: Target = { dataDir: path.join(root, name) };
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      t.url = created.url;
      t.drop = created.drop;
    }
    targets.push(t);
    return t;
  }
  const envOf = (t: Target): Record<string, string> => ({ PANDU_DATA_DIR: t.dataDir, PANDU_DEMO: "false", ...(t.url ? { DATABASE_URL: t.url } : {}) });
  const openAt = (t: Target, migrationsFolder?: string) =>
    openDatabase(t.url ? { kind: "postgres", url: t.url, poolSize: 2 } : { kind: "pglite", dataDir: t.dataDir }, { migrationsFolder });
  const storageAt = (t: Target) => new LocalEvidenceStorage(path.join(t.dataDir, "evidence"));
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

  /** Every table's rows (as JSON, sorted), every sequence and the migration level. */
  async function contentOf(t: Target) {
    const database = await openAt(t);
    try {
      const tables: Record<string, string[]> = {};
      for (const { name } of rows<{ name: string }>(await database.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`))) {
        tables[name] = rows<{ j: string }>(await database.db.execute(sql`select row_to_json(x)::text as j from ${sql.identifier(name)} x`))
          .map((r) => r.j)
          .sort();
      }
      const sequences = rows<{ name: string; v: unknown }>(await database.db.execute(sql`select sequencename as name, last_value as v from pg_sequences where schemaname = 'public' order by 1`));
      return { tables, sequences, migrations: (await appliedMigrations(database.db)).length };
    } finally {
      await database.close();
    }
  }
  /** Every stored evidence file and the SHA-256 of its bytes. */
  function blobsOf(t: Target): Record<string, string> {
    const out: Record<string, string> = {};
    const dir = path.join(t.dataDir, "evidence");
    for (const agency of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      if (agency === ".tmp") continue;
      for (const name of fs.readdirSync(path.join(dir, agency))) out[`${agency}/${name}`] = createHash("sha256").update(fs.readFileSync(path.join(dir, agency, name))).digest("hex");
    }
    return out;
  }

  beforeAll(async () => {
    source = await newTarget("source");
    sourceDb = await openAt(source);
    await seedDemo(sourceDb.db, { demoUsers: true });
    const storage = storageAt(source);
    const ids = await agencyIdsByCode(sourceDb.db, ["15.71", "16.71"]);
    const files: [string, Buffer][] = [
      ["15.71", Buffer.from("%PDF-1.4\n% Perwal Kota Jambi arsitektur SPBE\n%%EOF\n")],
      ["15.71", Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200_000, 7), Buffer.from("\n%%EOF\n")])],
      ["16.71", Buffer.from("%PDF-1.4\n% Perwal Kota Palembang peta rencana\n%%EOF\n")],
    ];
    for (const [code, bytes] of files) {
      const meta = { title: `Dokumen ${code}`, documentNumber: null, documentDate: null, reviewDate: null };
      await uploadEvidence(sourceDb.db, storage, SYSTEM, { agencyId: ids.get(code)!, agencyCode: code, source: Readable.from([bytes]), fileName: "dokumen.pdf", maxBytes: 10_000_000, userId: null }, meta);
    }
    // A citizen's application attachment shares the store: backups must carry it and doctor must not call it an orphan.
    const citizen = await citizenByEmail(sourceDb.db, "warga.cadangan@example.org", new Date());
    const [form] = rows<{ service_id: number }>(await sourceDb.db.execute(sql`select service_id from form_versions where status = 'published' and service_id is not null order by id limit 1`));
    const applicationId = await createApplicationDraft(sourceDb.db, { citizenId: citizen.id, serviceId: form!.service_id, workflowId: "permohonan-layanan", workflowVersion: 1 });
    const staged = await stageUpload(Readable.from([Buffer.from("%PDF-1.4\n% KTP pemohon (lampiran permohonan)\n%%EOF\n")]), storage.tempDir, 1_000_000);
    const key = evidenceKey("15.71", staged.sha256);
    await storage.put(key, staged);
    await addApplicationFile(sourceDb.db, citizen.id, applicationId, { fieldKey: "ktp", storageKey: key, name: "ktp.pdf", size: staged.size, mediaType: staged.contentType, sha256: staged.sha256, maxFiles: 1 });
    await staged.discard();
    // A kop surat logo: binary (bytea) rows must come back byte for byte.
    const { default: QRCode } = await import("qrcode");
    await setLetterheadLogo(sourceDb.db, SYSTEM, ids.get("15.71")!, { bytes: await QRCode.toBuffer("Logo Kota Jambi"), contentType: "image/png" });
    adminId = (await makeUser(sourceDb, "administrator", null)).id;
    token = (await createApiToken(sourceDb.db, SYSTEM, { userId: adminId, name: "cadangan", scope: "write", days: 1 })).token;
    fingerprint = secretKeyFingerprint(loadOrCreateSecretKey(undefined, source.dataDir));
    app = await buildApp({
      context: { database: sourceDb, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, storage, secretKeyFingerprint: fingerprint },
      webDir: null,
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await sourceDb?.close();
    for (const t of targets) await t.drop?.();
    fs.rmSync(root, { recursive: true, force: true });
  }, LONG);

  it("takes a backup from the running server (--url), the safe path while it holds the data directory", async () => {
    const { port } = app!.server.address() as { port: number };
    if (TEST_DB_KIND === "pglite") {
      const direct = await runCliAsync(["backup", path.join(root, "direct.gz")], { env: envOf(source) });
      expect(direct.status).toBe(1);
      expect(direct.stderr).toContain("--url");
      expect(fs.existsSync(path.join(root, "direct.gz"))).toBe(false);
    }
    const r = await runCliAsync(["backup", hotFile, "--url", `http://127.0.0.1:${port}`, "--token", token], { env: envOf(source) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("4 evidence files");
    hotSummary = summary(r.stdout);
    expect(r.stdout).toContain(`key fingerprint ${fingerprint}`);
    expect(fs.readFileSync(hotFile).toString("latin1")).not.toContain(fs.readFileSync(path.join(source.dataDir, "secret.key"), "utf8").trim());
    await app!.close();
    app = null;
    await sourceDb!.close();
    sourceDb = null;
  }, LONG);

  it("restores into an empty target with identical rows, sequences and files, and warns that the key is missing", async () => {
    target = await newTarget("target");
    const r = runCli(["restore", hotFile], { env: envOf(target) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("restored");
    expect(r.stderr).toContain("no secret key is in place");
    const [before, after] = [await contentOf(source), await contentOf(target)];
    expect(Object.keys(after.tables).sort()).toEqual(Object.keys(before.tables).sort());
    for (const name of Object.keys(before.tables)) expect(after.tables[name], name).toEqual(before.tables[name]);
    expect(after.sequences).toEqual(before.sequences);
    expect(after.migrations).toBe(codeMigrations().length);
    expect(Object.keys(blobsOf(target))).toHaveLength(4);
    expect(blobsOf(target)).toEqual(blobsOf(source));
  }, LONG);

  it("refuses a target that is not empty (exit 2) and a file that is cut short", () => {
    const again = runCli(["restore", hotFile], { env: envOf(target) });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("not empty");
    const cut = path.join(root, "cut.gz");
    fs.writeFileSync(cut, fs.readFileSync(hotFile).subarray(0, Math.floor(fs.statSync(hotFile).size / 2)));
    const partial = runCli(["restore", cut], { env: envOf(target) });
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain("backup file");
  }, LONG);

  it("doctor finds nothing wrong in the restored copy; an offline backup of it holds the same rows", () => {
    const ok = runCli(["doctor"], { env: envOf(target) });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("no problems found");
    const offline = runCli(["backup", path.join(root, "offline.gz")], { env: envOf(target) });
    expect(offline.status, offline.stderr).toBe(0);
    expect(summary(offline.stdout)).toBe(hotSummary);
  }, LONG);

  it("doctor names every injected problem, --fix repairs the fixable ones and leaves the rest reported", async () => {
    const evidenceDir = path.join(target.dataDir, "evidence");
    const orphanBytes = Buffer.from("orphan");
    const orphan = path.join(evidenceDir, "15.71", createHash("sha256").update(orphanBytes).digest("hex"));
    const temp = path.join(evidenceDir, ".tmp", "upload-crashed.tmp");
    const part = path.join(evidenceDir, ".tmp", "resumable", `${randomUUID()}.part`);
    const uploadId = randomUUID();
    const database = await openAt(target);
    try {
      const keys = (await database.db.select({ key: evidenceVersions.storageKey }).from(evidenceVersions).orderBy(evidenceVersions.id)).map((v) => v.key);
      fs.rmSync(path.join(evidenceDir, keys[0]!));
      fs.writeFileSync(path.join(evidenceDir, keys[2]!), "tampered");
      fs.writeFileSync(orphan, orphanBytes);
      fs.mkdirSync(path.dirname(part), { recursive: true });
      fs.writeFileSync(temp, "half an upload");
      fs.writeFileSync(part, "half a chunk");
      for (const f of [orphan, temp, part]) fs.utimesSync(f, OLD, OLD);
      const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
      await database.db.insert(evidenceUploads).values({ id: uploadId, agencyId, userId: adminId, evidenceId: null, fileName: null, size: 10, fields: {}, expiresAt: new Date("2999-01-01T00:00:00Z"), receivingUntil: OLD, receivingToken: "dead" });
      await database.db.execute(sql`update audit_events set action = 'altered' where id = (select min(id) from audit_events)`);
    } finally {
      await database.close();
    }

    const refused = runCli(["backup", path.join(root, "damaged.gz")], { env: envOf(target) });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("run `pandu doctor`");
    expect(fs.existsSync(path.join(root, "damaged.gz"))).toBe(false);

    const found = runCli(["doctor"], { env: envOf(target) });
    expect(found.status).toBe(1);
    for (const text of [
      `${orphan.slice(evidenceDir.length + 1)} is referenced by no evidence version or application file`,
      "is missing from the store",
      "does not match its SHA-256",
      `temporary upload file ${temp}`,
      `partial upload file ${part} has no upload session`,
      `upload ${uploadId} holds a chunk lease that ran out`,
      "was altered",
    ]) {
      expect(found.stdout).toContain(text);
    }
    expect(found.stderr).toContain("7 problem(s) found");

    const fixed = runCli(["doctor", "--fix"], { env: envOf(target) });
    expect(fixed.status).toBe(1);
    expect(fixed.stdout).toContain("removed orphan evidence file");
    expect(fixed.stdout).toContain("released the stuck lease");
    expect(fixed.stderr).toContain("3 problem(s) remain");
    for (const f of [orphan, temp, part]) expect(fs.existsSync(f)).toBe(false);

    const check = await openAt(target);
    try {
      expect((await check.db.select().from(userRoles).where(eq(userRoles.userId, adminId))).length).toBe(1);
      expect((await check.db.select().from(evidenceUploads).where(eq(evidenceUploads.id, uploadId)))[0]!.receivingUntil).toBeNull();
    } finally {
      await check.close();
    }
    const after = runCli(["doctor"], { env: envOf(target) });
    expect(after.status).toBe(1);
    expect(after.stdout.trim().split("\n").map((l) => l.split(":")[0])).toEqual(["blob", "blob", "audit"]);
  }, LONG);

  it("restores a backup of an older migration level, then brings it to this version's level", async () => {
    const code = codeMigrations();
    const older = await newTarget("older");
    const upTo = await migrationsUpTo(code.length - 1);
    const file = path.join(root, "older.gz");
    try {
      const database = await openAt(older, upTo.folder);
      try {
        await database.db.execute(sql`insert into agencies (code, name, category) values ('99', 'Provinsi Uji', 'provinsi')`);
        await writeBackup(database.db, database.kind, storageAt(older), fs.createWriteStream(file), { keyFingerprint: null });
      } finally {
        await database.close();
      }
    } finally {
      await upTo.remove();
    }
    const into = await newTarget("older-restored");
    const r = runCli(["restore", file], { env: envOf(into) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`migrated from level ${code.length - 1}`);
    const content = await contentOf(into);
    expect(content.migrations).toBe(code.length);
    expect(content.tables.agencies!.join()).toContain("Provinsi Uji");
  }, LONG);
});
