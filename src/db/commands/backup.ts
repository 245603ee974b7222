import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db, DbKind } from "../client";
import { MIGRATIONS_FOLDER } from "../client";
import { BackupWriter, readBackupLines } from "../../lib/backup-archive";
import { assertEvidenceKey, type EvidenceStorage } from "../../lib/storage";
import { VERSION } from "../../lib/version";
import { referencedBlobs } from "../queries/evidence";

/** One applied migration, as drizzle records it (content hash and the journal's time). */
export interface AppliedMigration {
  hash: string;
  createdAt: number;
}

export interface BackupBlob {
  key: string;
  sha256: string;
  size: number;
}

/** What a backup holds; written as the file's last line, so a truncated file has none. */
export interface BackupManifest {
  format: 1;
  appVersion: string;
  createdAt: string;
  database: DbKind;
  /** The migration level: the applied migrations in order. */
  migrations: AppliedMigration[];
  /** SHA-256 of the secret key that sealed the two-factor secrets (never the key); null when there was none. */
  keyFingerprint: string | null;
  tables: Record<string, number>;
  blobs: BackupBlob[];
}

export type BackupHeader = Omit<BackupManifest, "tables" | "blobs">;

/** A backup file that is not whole, or does not match this version: bad input. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

/** An evidence blob could not be read back as recorded: the backup is refused (run `pandu doctor`). */
export class BackupBlobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupBlobError";
  }
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const FETCH = 1000;
const CHUNK = 48 * 1024;
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

type Executor = Pick<Db, "execute">;

/** The migrations applied to a database, oldest first. */
export async function appliedMigrations(db: Executor): Promise<AppliedMigration[]> {
  const rows = rowsOf<{ hash: string; created_at: string | number }>(await db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`));
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

/** The migrations this version of Pandu ships, oldest first. */
export function codeMigrations(): AppliedMigration[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

/** The application's tables (schema public), by name. */
async function publicTables(db: Executor): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  );
  return rows.map((r) => r.name);
}

/** The columns a row can be written to (generated columns are computed again). */
async function writableColumns(db: Executor, table: string): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(
      sql`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
    ),
  );
  return rows.map((r) => r.name);
}

/**
 * Writes a consistent backup to `out`: every table read in one REPEATABLE READ, READ ONLY transaction
 * (one snapshot, while the server keeps writing), then every evidence blob the snapshot references,
 * read through the storage and checked against its hash. Works the same on PGlite and PostgreSQL and
 * needs no pg_dump. Refuses (BackupBlobError) when a referenced blob is missing or altered.
 */
export async function writeBackup(db: Db, kind: DbKind, storage: EvidenceStorage, out: Writable, options: { keyFingerprint: string | null; now?: Date }): Promise<BackupManifest> {
  const writer = new BackupWriter(out);
  try {
    const manifest = await db.transaction(
      async (tx) => {
        const header: BackupHeader = {
          format: 1,
          appVersion: VERSION,
          createdAt: (options.now ?? new Date()).toISOString(),
          database: kind,
          migrations: await appliedMigrations(tx),
          keyFingerprint: options.keyFingerprint,
        };
        await writer.json({ header });
        const tables: Record<string, number> = {};
        for (const table of await publicTables(tx)) {
          await writer.json({ table, columns: await writableColumns(tx, table) });
          let count = 0;
          await tx.execute(sql`declare pandu_backup no scroll cursor for select row_to_json(t)::text as j from ${sql.identifier(table)} t`);
          for (;;) {
            const rows = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch ${FETCH} from pandu_backup`)));
            for (const r of rows) await writer.line(`{"r":${r.j}}`);
            count += rows.length;
            if (rows.length < FETCH) break;
          }
          await tx.execute(sql`close pandu_backup`);
          tables[table] = count;
        }
        const sequences = rowsOf<{ name: string; value: string | number | null }>(
          await tx.execute(sql`select sequencename as name, last_value as value from pg_sequences where schemaname = 'public' order by sequencename`),
        );
        for (const s of sequences) if (s.value !== null) await writer.json({ sequence: s.name, lastValue: Number(s.value) });
        const blobs = (await referencedBlobs(tx)).map((b) => ({ key: b.key, sha256: b.sha256, size: b.size }));
        return { ...header, tables, blobs };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    for (const blob of manifest.blobs) await writeBlob(writer, storage, blob);
    await writer.json({ manifest });
    await writer.end();
    return manifest;
  } catch (e) {
    writer.abort(e as Error);
    throw e;
  }
}

async function writeBlob(writer: BackupWriter, storage: EvidenceStorage, blob: BackupBlob): Promise<void> {
  await writer.json({ blob: blob.key, sha256: blob.sha256, size: blob.size });
  let stream;
  try {
    stream = await storage.open(blob.key);
  } catch (e) {
    throw new BackupBlobError(`evidence file ${blob.key} cannot be read (${(e as Error).message}); run \`pandu doctor\``);
  }
  const hash = createHash("sha256");
  let size = 0;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= CHUNK) {
      await writer.json({ b: pending.subarray(0, CHUNK).toString("base64") });
      pending = pending.subarray(CHUNK);
    }
  }
  if (pending.length) await writer.json({ b: pending.toString("base64") });
  if (hash.digest("hex") !== blob.sha256 || size !== blob.size) throw new BackupBlobError(`evidence file ${blob.key} does not match its recorded hash or size; run \`pandu doctor\``);
}

/** What a backup file is found to hold once read through. */
export interface VerifiedBackup {
  header: BackupHeader;
  manifest: BackupManifest;
}

/**
 * Reads a backup file through and checks it is whole: a header first, a manifest last, the row
 * counts of every table and the hash and size of every blob as the manifest records them.
 */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  let header: BackupHeader | null = null;
  let manifest: BackupManifest | null = null;
  const tables: Record<string, number> = {};
  const blobs: BackupBlob[] = [];
  let table: string | null = null;
  let blob: { key: string; sha256: string; size: number; hash: ReturnType<typeof createHash>; got: number } | null = null;
  const endBlob = () => {
    if (!blob) return;
    const digest = blob.hash.digest("hex");
    if (digest !== blob.sha256 || blob.got !== blob.size) throw new BackupFileError(`the backup's copy of ${blob.key} does not match its hash`);
    blobs.push({ key: blob.key, sha256: blob.sha256, size: blob.size });
    blob = null;
  };
  try {
    for await (const line of readBackupLines(file)) {
      if (manifest) throw new BackupFileError("the backup file has data after its manifest");
      if (!header) {
        if (!line.header) throw new BackupFileError("not a Pandu backup file (no header)");
        header = line.header as BackupHeader;
        if (header.format !== 1) throw new BackupFileError(`backup format ${String(header.format)} is not supported`);
        continue;
      }
      if ("r" in line) {
        if (!table) throw new BackupFileError("a row before any table");
        tables[table]!++;
      } else if ("b" in line) {
        if (!blob) throw new BackupFileError("blob data before any blob");
        const bytes = Buffer.from(String(line.b), "base64");
        blob.hash.update(bytes);
        blob.got += bytes.length;
      } else if (typeof line.table === "string") {
        table = line.table;
        tables[table] = 0;
      } else if (typeof line.blob === "string") {
        endBlob();
        table = null;
        blob = { key: assertEvidenceKey(line.blob), sha256: String(line.sha256), size: Number(line.size), hash: createHash("sha256"), got: 0 };
      } else if (line.manifest) {
        endBlob();
        manifest = line.manifest as BackupManifest;
      } else if (!("sequence" in line)) throw new BackupFileError(`unexpected line in backup: ${JSON.stringify(line).slice(0, 80)}`);
    }
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    throw new BackupFileError(`the backup file cannot be read: ${(e as Error).message}`);
  }
  if (!header) throw new BackupFileError("the backup file is empty");
  if (!manifest) throw new BackupFileError("the backup file is incomplete (no manifest at its end)");
  for (const [name, n] of Object.entries(manifest.tables)) {
    if (tables[name] !== n) throw new BackupFileError(`table ${name}: the manifest counts ${n} rows, the file holds ${tables[name] ?? 0}`);
  }
  if (JSON.stringify(blobs) !== JSON.stringify(manifest.blobs)) throw new BackupFileError("the evidence files in the backup differ from its manifest");
  return { header, manifest };
}

/**
 * Where the backup's migration level stands against this version: `same`, `older` (restore, then
 * migrate) — or an error when it is newer or was made by migrations this version does not know.
 */
export function compareMigrationLevel(backup: AppliedMigration[], code: AppliedMigration[] = codeMigrations()): "same" | "older" {
  if (backup.length > code.length) throw new BackupFileError(`the backup is at migration level ${backup.length}, newer than this version of Pandu (${code.length}): restore it with the Pandu version that made it (${backup.length} migrations) or newer`);
  backup.forEach((m, i) => {
    if (m.hash !== code[i]!.hash) throw new BackupFileError(`the backup's migration ${i + 1} differs from this version's: restore it with the Pandu version that made it`);
  });
  return backup.length === code.length ? "same" : "older";
}

/** A copy of the migrations folder holding only the first `count` migrations (to rebuild an older level). */
export async function migrationsUpTo(count: number): Promise<{ folder: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "pandu-migrations-"));
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, count);
  await mkdir(path.join(folder, "meta"));
  await writeFile(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) await cp(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** Whether a database holds any application table or migration record (restore wants none). */
export async function databaseHasTables(db: Executor): Promise<boolean> {
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from information_schema.tables where table_schema in ('public', 'drizzle')`),
  );
  return Number(rows[0]!.n) > 0;
}

/** Whether the PostgreSQL database at `url` holds any table, checked without migrating it (restore wants none). */
export async function postgresHasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await databaseHasTables(drizzlePg(client) as unknown as Db);
  } finally {
    await client.end();
  }
}

/** Whether every application table is empty (a database just migrated for the restore). */
async function assertTablesEmpty(db: Executor): Promise<void> {
  for (const t of await publicTables(db)) {
    const rows = rowsOf<{ one: number }>(await db.execute(sql`select 1 as one from ${sql.identifier(t)} limit 1`));
    if (rows.length) throw new BackupFileError(`the target database is not empty (table ${t} has rows)`);
  }
}

/**
 * Loads a verified backup's rows into a database at the backup's migration level, in one transaction:
 * foreign keys are dropped and added back (validating every row) and user triggers are off while
 * rows are copied (the cache counters they maintain come from the backup as they were), rows keep
 * their ids, and each sequence continues from the backup's value.
 */
export async function restoreRows(db: Db, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    await assertTablesEmpty(tx);
    const tables = new Set(await publicTables(tx));
    const fks = rowsOf<{ tbl: string; name: string; def: string }>(
      await tx.execute(
        sql`select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_namespace n on n.oid = c.connamespace where c.contype = 'f' and n.nspname = 'public' order by 1, 2`,
      ),
    );
    for (const fk of fks) await tx.execute(sql`alter table ${sql.raw(fk.tbl)} drop constraint ${sql.identifier(fk.name)}`);
    for (const t of tables) await tx.execute(sql`alter table ${sql.identifier(t)} disable trigger user`);

    let table: string | null = null;
    let columns: string[] = [];
    let batch: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (!table || !batch.length) return;
      const cols = sql.join(
        columns.map((c) => sql.identifier(c)),
        sql`, `,
      );
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${sql.identifier(table)}, ${`[${batch.join(",")}]`}::json)`,
      );
      batch = [];
      bytes = 0;
    };
    for await (const line of readBackupLines(file)) {
      if ("r" in line) {
        const text = line.r as string;
        batch.push(text);
        bytes += text.length;
        counts[table!]!++;
        if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
      } else if (typeof line.table === "string") {
        await flush();
        if (!tables.has(line.table)) throw new BackupFileError(`the backup's table ${line.table} does not exist at this migration level`);
        table = line.table;
        columns = line.columns as string[];
        const known = new Set(await writableColumns(tx, table));
        const unknown = columns.filter((c) => !known.has(c));
        if (unknown.length) throw new BackupFileError(`table ${table}: the backup's columns ${unknown.join(", ")} do not exist at this migration level`);
        counts[table] = 0;
      } else if (typeof line.sequence === "string") {
        await flush();
        table = null;
        await tx.execute(sql`select setval(format('public.%I', ${line.sequence}::text)::regclass, ${Number(line.lastValue)}::bigint, true)`);
      } else if ("blob" in line || "manifest" in line) break;
    }
    await flush();
    for (const t of tables) await tx.execute(sql`alter table ${sql.identifier(t)} enable trigger user`);
    for (const fk of fks) await tx.execute(sql`alter table ${sql.raw(fk.tbl)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.def)}`);
  });
  return counts;
}

/** Puts every blob of a verified backup into the storage, checking each hash again as it is written. */
export async function restoreBlobs(storage: EvidenceStorage, file: string): Promise<number> {
  await mkdir(storage.tempDir, { recursive: true });
  const staging = await mkdtemp(path.join(storage.tempDir, "restore-"));
  let count = 0;
  try {
    let current: { key: string; sha256: string; size: number; path: string; out: ReturnType<typeof createWriteStream>; hash: ReturnType<typeof createHash> } | null = null;
    const finish = async () => {
      if (!current) return;
      const c = current;
      current = null;
      c.out.end();
      await new Promise<void>((resolve, reject) => {
        c.out.on("close", resolve);
        c.out.on("error", reject);
      });
      if (c.hash.digest("hex") !== c.sha256) throw new BackupFileError(`the backup's copy of ${c.key} does not match its hash`);
      await storage.put(c.key, { path: c.path, size: c.size, contentType: "application/octet-stream" });
      count++;
    };
    for await (const line of readBackupLines(file)) {
      if ("b" in line && current) {
        const bytes = Buffer.from(String(line.b), "base64");
        current.hash.update(bytes);
        if (!current.out.write(bytes)) await once(current.out, "drain");
      } else if (typeof line.blob === "string") {
        await finish();
        const p = path.join(staging, String(count));
        current = { key: assertEvidenceKey(line.blob), sha256: String(line.sha256), size: Number(line.size), path: p, out: createWriteStream(p, { mode: 0o600 }), hash: createHash("sha256") };
      } else if ("manifest" in line) await finish();
    }
    await finish();
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return count;
}

/** Writes a backup to a file, removing the file if the backup fails half-way. */
export async function writeBackupFile(file: string, write: (out: Writable) => Promise<BackupManifest>): Promise<BackupManifest> {
  const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
  try {
    return await write(out);
  } catch (e) {
    if (!out.closed) await new Promise<void>((resolve) => out.destroy().once("close", () => resolve()));
    await rm(file, { force: true });
    throw e;
  }
}
