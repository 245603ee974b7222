import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import type { Archiver } from "archiver";
import { writeCsv } from "../../../lib/csv-write";
import { EvidenceObjectMissingError, type EvidenceStorage } from "../../../lib/storage";
import { safeZipSegment, UniqueZipNames } from "../../../lib/zip-entry-names";

/** One linked file of the bundle: the indicator it is linked to and the evidence's latest version. */
export interface BundleFile {
  indicatorCode: string;
  title: string;
  fileName: string;
  storageKey: string;
  sha256: string;
  modifiedAt: Date;
}

export const MANIFEST_HEADER = ["indicator", "title", "file", "size", "sha256", "status"] as const;

/**
 * A ZIP archive (archiver, loaded on first use like pdfkit and exceljs) that the caller streams as
 * it is written. Evidence files are mostly compressed formats already (PDF, DOCX, PNG, MP4), so
 * entries are stored, not deflated: the bundle costs I/O, not CPU.
 */
export async function createZipArchive(): Promise<Archiver> {
  const { default: archiver } = await import("archiver");
  return archiver("zip", { store: true });
}

/**
 * Writes every file into `archive` under `<indicator code>/<file name>` (cleaned, unique), one
 * stored object open at a time, hashing the bytes as they pass, then `manifest.csv` — indicator,
 * title, name in the archive, size, SHA-256 of the bytes written, and `ok` or `missing` (an object
 * gone from the store is listed, not fatal) — and finalises the archive. Any other failure, or the
 * client going away, destroys the archive (the download fails rather than end short).
 */
export async function writeEvidenceBundle(archive: Archiver, storage: EvidenceStorage, files: readonly BundleFile[], warn: (message: string) => void): Promise<void> {
  const names = new UniqueZipNames();
  const manifest: unknown[][] = [[...MANIFEST_HEADER]];
  try {
    for (const f of files) {
      const name = names.name(safeZipSegment(f.indicatorCode, "indikator"), safeZipSegment(f.fileName, "berkas"));
      let source: Readable;
      try {
        source = await storage.open(f.storageKey);
      } catch (e) {
        if (!(e instanceof EvidenceObjectMissingError)) throw e;
        warn(`evidence bundle: ${f.storageKey} is missing from storage`);
        manifest.push([f.indicatorCode, f.title, "", "", f.sha256, "missing"]);
        continue;
      }
      const { size, sha256 } = await appendHashed(archive, source, name, f.modifiedAt);
      if (sha256 !== f.sha256) warn(`evidence bundle: ${f.storageKey} holds content with SHA-256 ${sha256}`);
      manifest.push([f.indicatorCode, f.title, name, size, sha256, "ok"]);
    }
    archive.append(writeCsv(manifest, { bom: true }), { name: "manifest.csv" });
    await archive.finalize();
  } catch (e) {
    archive.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** Appends one stream and waits until the archive has taken it in (so only one object is open at a time). */
async function appendHashed(archive: Archiver, source: Readable, name: string, date: Date): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const cleanup: (() => void)[] = [];
  const taken = new Promise<void>((resolve, reject) => {
    const on = (emitter: NodeJS.EventEmitter, event: string, listener: (e?: Error) => void) => {
      emitter.once(event, listener);
      cleanup.push(() => emitter.off(event, listener));
    };
    on(archive, "entry", () => resolve());
    on(archive, "error", (e?: Error) => reject(e));
    on(archive, "close", () => reject(new Error("the download was closed before the archive was complete")));
    on(source, "error", (e?: Error) => reject(e));
    on(counted, "error", (e?: Error) => reject(e));
  });
  source.pipe(counted);
  archive.append(counted, { name, date });
  try {
    await taken;
  } catch (e) {
    source.destroy();
    throw e;
  } finally {
    for (const off of cleanup) off();
  }
  return { size, sha256: hash.digest("hex") };
}
