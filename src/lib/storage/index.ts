import path from "node:path";
import { LocalEvidenceStorage } from "./local-storage";
import { S3EvidenceStorage, type S3Settings } from "./s3-storage";
import type { EvidenceStorage } from "./evidence-storage";

export * from "./evidence-storage";
export * from "./stage-upload";
export { LocalEvidenceStorage } from "./local-storage";
export { S3EvidenceStorage, type S3Settings } from "./s3-storage";

/** Which store holds evidence files: S3 when a bucket is configured, else `<dataDir>/evidence`. */
export interface EvidenceStorageSettings {
  dataDir: string;
  s3: Omit<S3Settings, "tempDir"> | null;
}

/** Builds the configured store. With S3, uploads are still staged under `<dataDir>/evidence/.tmp`. */
export function createEvidenceStorage(settings: EvidenceStorageSettings): EvidenceStorage {
  const local = new LocalEvidenceStorage(path.join(settings.dataDir, "evidence"));
  return settings.s3 ? new S3EvidenceStorage({ ...settings.s3, tempDir: local.tempDir }) : local;
}
export * from "./resumable-part";
