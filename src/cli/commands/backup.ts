import { createWriteStream, existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { DataDirLockedError } from "../../db/data-dir-lock";
import {
  BackupBlobError,
  BackupFileError,
  compareMigrationLevel,
  postgresHasTables,
  migrationsUpTo,
  restoreBlobs,
  restoreRows,
  verifyBackupFile,
  writeBackup,
  writeBackupFile,
} from "../../db/commands/backup";
import { diagnose } from "../../db/commands/doctor";
import { readSecretKey, secretKeyFingerprint } from "../../lib/secret-box";
import { createEvidenceStorage } from "../../lib/storage";
import { loadConfig } from "../../config/config";
import { cliAuditContext } from "../cli-audit";
import { CliError } from "../cli-error";
import { openCliDatabase } from "../open-cli-database";

/** While a server may run (PostgreSQL), orphan files younger than this are reported but not removed. */
const FIX_MIN_AGE_MS = 10 * 60 * 1000;

function keyFingerprint(config: ReturnType<typeof loadConfig>): string | null {
  const key = readSecretKey(config.secretKey, config.dataDir);
  return key ? secretKeyFingerprint(key) : null;
}

function storageOf(config: ReturnType<typeof loadConfig>) {
  return createEvidenceStorage({ dataDir: config.dataDir, s3: config.evidence.s3 });
}

/** Known failures of backup and restore as CLI errors: a bad or foreign file is bad input (2). */
async function reported<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof BackupFileError) throw new CliError(e.message, 2);
    if (e instanceof BackupBlobError) throw new CliError(e.message, 1);
    throw e;
  }
}

/** Downloads a backup from a running server (`POST /api/admin/backup`, Administrator token). */
async function backupThroughServer(file: string, url: string, token: string): Promise<void> {
  const res = await fetch(new URL("/api/admin/backup", url), { method: "POST", headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new CliError(`the server refused the backup (HTTP ${res.status}${body?.message ? `: ${body.message}` : ""})`, res.status === 401 || res.status === 403 ? 2 : 1);
  }
  try {
    await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (e) {
    await rm(file, { force: true });
    throw e;
  }
}

/** `pandu backup`, `pandu restore` and `pandu doctor` (docs/operations.md). */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("write a consistent backup (database, evidence files, key fingerprint) to one file")
    .argument("<file>", "the backup file to create (refused if it exists)")
    .option("--url <url>", "take it from a running server (needed for the embedded database while the server runs)")
    .option("--token <token>", "an Administrator's API token, with --url")
    .action(async (file: string, opts: { url?: string; token?: string }) => {
      if (!!opts.url !== !!opts.token) throw new CliError("--url and --token go together");
      if (existsSync(file)) throw new CliError(`${file} exists: a backup never overwrites a file`);
      await reported(async () => {
        if (opts.url) await backupThroughServer(file, opts.url, opts.token!);
        else {
          const config = loadConfig();
          const database = await openCliDatabase().catch((e: unknown) => {
            if (e instanceof DataDirLockedError) throw new CliError(`${e.message}; while the server runs, take the backup through it: pandu backup <file> --url <server> --token <administrator API token>`, 1);
            throw e;
          });
          const storage = storageOf(config);
          try {
            await writeBackupFile(file, (out) => writeBackup(database.db, database.kind, storage, out, { keyFingerprint: keyFingerprint(config) }));
          } finally {
            storage.close?.();
            await database.close();
          }
        }
        const { manifest } = await verifyBackupFile(file);
        const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
        console.log(`backup ${file}: ${rows} rows in ${Object.keys(manifest.tables).length} tables, ${manifest.blobs.length} evidence files, migration level ${manifest.migrations.length}`);
        console.log(manifest.keyFingerprint ? `key fingerprint ${manifest.keyFingerprint}: keep the key itself (secret.key or PANDU_SECRET_KEY) apart from the backup` : "no secret key was found: the backup has no key fingerprint");
      });
    });

  program
    .command("restore")
    .description("restore a backup into an empty data directory or empty database")
    .argument("<file>", "a file written by pandu backup")
    .action(async (file: string) => {
      const config = loadConfig();
      await reported(async () => {
        const { manifest } = await verifyBackupFile(file);
        const level = compareMigrationLevel(manifest.migrations);
        const storage = storageOf(config);
        try {
          await assertEmptyTarget(config, storage);
          const upTo = level === "older" ? await migrationsUpTo(manifest.migrations.length) : null;
          try {
            const database = await openCliDatabase(upTo ? { migrationsFolder: upTo.folder } : {});
            try {
              await restoreRows(database.db, file);
            } finally {
              await database.close();
            }
          } finally {
            await upTo?.remove();
          }
          const blobs = await restoreBlobs(storage, file);
          if (upTo) await (await openCliDatabase()).close();
          const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
          console.log(`restored ${rows} rows and ${blobs} evidence files from ${file} (made ${manifest.createdAt} by Pandu ${manifest.appVersion})`);
          if (upTo) console.log(`migrated from level ${manifest.migrations.length} to this version's level`);
        } finally {
          storage.close?.();
        }
        const current = keyFingerprint(config);
        if (manifest.keyFingerprint && current !== manifest.keyFingerprint) {
          console.warn(
            current
              ? "warning: the secret key differs from the one the backup was made with: two-factor secrets cannot be read (put the original key in place, or users set up two-factor sign-in again)"
              : "warning: no secret key is in place: copy the original secret.key into the data directory (or set PANDU_SECRET_KEY) before starting the server, else two-factor secrets cannot be read",
          );
        }
      });
    });

  program
    .command("doctor")
    .description("check the database, the evidence files and the audit trail; exit 1 naming each problem")
    .option("--fix", "remove orphan files, release stuck leases and remove duplicate grants (never hash mismatches or audit breaks)")
    .action(async (opts: { fix?: boolean }) => {
      const config = loadConfig();
      const database = await openCliDatabase();
      const storage = storageOf(config);
      try {
        // The embedded database is locked by this process, so no server can own a file being written.
        const fixMinAgeMs = database.kind === "pglite" ? 0 : FIX_MIN_AGE_MS;
        const findings = await diagnose(database.db, storage, { ctx: cliAuditContext(), fixMinAgeMs });
        let left = 0;
        for (const f of findings) {
          console.log(`${f.check}: ${f.problem}`);
          if (opts.fix && f.fix) {
            const r = await f.fix();
            console.log(`  ${r.fixed ? "fixed" : "not fixed"}: ${r.message}`);
            if (!r.fixed) left++;
          } else left++;
        }
        if (!findings.length) console.log("no problems found");
        else if (left) throw new CliError(`${left} problem(s) ${opts.fix ? "remain" : "found"}${opts.fix ? "" : " (--fix repairs those that can be repaired)"}`, 1);
        else console.log(`${findings.length} problem(s) fixed`);
      } finally {
        storage.close?.();
        await database.close();
      }
    });
}

/** Restore writes only into an empty target: the data directory (but a key file), the database and the evidence store. */
async function assertEmptyTarget(config: ReturnType<typeof loadConfig>, storage: ReturnType<typeof storageOf>): Promise<void> {
  if (config.database.kind === "pglite") {
    const entries = (await readdir(config.dataDir).catch(() => [] as string[])).filter((n) => n !== "secret.key");
    if (entries.length) throw new CliError(`the data directory ${config.dataDir} is not empty: restore into a new, empty PANDU_DATA_DIR`, 2);
  } else {
    if (await postgresHasTables(config.database.url)) throw new CliError("the database of DATABASE_URL is not empty: restore into a new, empty database", 2);
  }
  for await (const o of storage.list()) throw new CliError(`the evidence store is not empty (it holds ${o.key}): restore into an empty store`, 2);
}
