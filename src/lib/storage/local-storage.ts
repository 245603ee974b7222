import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { assertEvidenceKey, EvidenceObjectMissingError, isEvidenceKey, type EvidenceStorage, type StagedFileRef, type StoredObject } from "./evidence-storage";

const TEMP_DIR = ".tmp";

/** Flushes a directory entry (a rename) to disk; not every platform can open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    /* best effort: Windows cannot fsync a directory */
  } finally {
    await handle?.close().catch(() => {});
  }
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === "ENOENT";

/**
 * Evidence files on local disk: `<root>/<agencyCode>/<sha256>`, uploads in progress in
 * `<root>/.tmp` (same file system, so a finished upload is an atomic rename).
 */
export class LocalEvidenceStorage implements EvidenceStorage {
  readonly kind = "local" as const;
  readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, TEMP_DIR);
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...assertEvidenceKey(key).split("/"));
  }

  async put(key: string, file: StagedFileRef): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(file.path, target);
    await syncDirectory(path.dirname(target));
  }

  async open(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), "r");
      return handle.createReadStream();
    } catch (e) {
      if (isMissing(e)) throw new EvidenceObjectMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    let agencies;
    try {
      agencies = await readdir(this.root, { withFileTypes: true });
    } catch (e) {
      if (isMissing(e)) return;
      throw e;
    }
    for (const dir of agencies) {
      if (!dir.isDirectory() || dir.name === TEMP_DIR) continue;
      for (const name of await readdir(path.join(this.root, dir.name)).catch(() => [] as string[])) {
        const key = `${dir.name}/${name}`;
        if (!isEvidenceKey(key)) continue;
        const info = await stat(path.join(this.root, dir.name, name)).catch(() => null);
        if (info?.isFile()) yield { key, modifiedAt: info.mtime };
      }
    }
  }
}
