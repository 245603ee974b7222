import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../client";
import { referencedStorageKeys } from "../queries/evidence";
import { sweepResumableUploads } from "./evidence-resumable";
import type { EvidenceStorage, StoredObject } from "../../lib/storage";

/** What one sweep removed. */
export interface SweepReport {
  tempFiles: number;
  blobs: number;
  /** Resumable uploads past their expiry, and partial files without a session. */
  resumable: number;
}

const HOUR_MS = 60 * 60 * 1000;
const BATCH = 500;

/**
 * Removes temporary files older than `maxAgeMs` (an hour) from the storage's staging directory:
 * one-shot uploads cut short by a crash. The staging directory belongs to the machine (with S3) or
 * is shared, and only old files go, so every instance runs this for itself. Returns how many went.
 */
export async function sweepTempFiles(storage: EvidenceStorage, options: { now?: Date; maxAgeMs?: number } = {}): Promise<number> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.maxAgeMs ?? HOUR_MS);
  let removed = 0;
  const names = await readdir(storage.tempDir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(storage.tempDir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtime.getTime() < cutoff) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Removes what failed uploads can leave: temporary files older than `maxAgeMs` (an hour) in the
 * storage's temp directory, and stored objects older than that which no version references (a
 * file put just before its rows failed to commit). Young leftovers are kept, since an upload in
 * progress owns them. Also ends resumable uploads past their expiry (evidence-resumable.ts).
 * Run at start-up and every hour; safe to run at any time.
 */
export async function sweepEvidenceLeftovers(storage: EvidenceStorage, db: Db, options: { now?: Date; maxAgeMs?: number; tempFiles?: boolean } = {}): Promise<SweepReport> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.maxAgeMs ?? HOUR_MS);
  const report: SweepReport = { tempFiles: 0, blobs: 0, resumable: await sweepResumableUploads(db, storage, options.now) };
  if (options.tempFiles !== false) report.tempFiles = await sweepTempFiles(storage, options);

  const sweep = async (batch: StoredObject[]) => {
    const keep = await referencedStorageKeys(db, batch.map((o) => o.key));
    for (const o of batch) {
      if (keep.has(o.key)) continue;
      await storage.delete(o.key);
      report.blobs++;
    }
  };
  let batch: StoredObject[] = [];
  for await (const o of storage.list()) {
    if (o.modifiedAt.getTime() >= cutoff) continue;
    batch.push(o);
    if (batch.length >= BATCH) {
      await sweep(batch);
      batch = [];
    }
  }
  if (batch.length) await sweep(batch);
  return report;
}
