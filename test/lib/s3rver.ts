import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { S3EvidenceStorage } from "../../src/lib/storage";

export const S3_TEST_BUCKET = "pandu-evidence";

/** A local S3 implementation (s3rver) on 127.0.0.1 with one bucket, in a throwaway directory. */
export async function startS3rver(): Promise<{ endpoint: string; directory: string; close(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), "pandu-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: S3_TEST_BUCKET }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The S3 adapter pointed at an s3rver, staging uploads in `tempDir`. */
export function s3rverStorage(endpoint: string, tempDir: string): S3EvidenceStorage {
  return new S3EvidenceStorage({ bucket: S3_TEST_BUCKET, region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true, tempDir });
}
