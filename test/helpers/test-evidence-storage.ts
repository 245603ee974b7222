import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalEvidenceStorage } from "../../src/lib/storage";

let storage: LocalEvidenceStorage | null = null;

/**
 * One evidence store per test process, in a temporary directory (removed when the process exits), for
 * tests that write evidence outside an app: never the checkout's ./data.
 */
export function testEvidenceStorage(): LocalEvidenceStorage {
  if (!storage) {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-test-evidence-"));
    storage = new LocalEvidenceStorage(made);
    process.once("exit", () => fs.rmSync(made, { recursive: true, force: true }));
  }
  return storage;
}
