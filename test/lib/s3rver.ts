import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { S3EvidenceStorage } from "../../src/lib/storage";

export const S3_TEST_BUCKET = "pandu-evidence";

type KoaNext = () => Promise<void>;
interface KoaContext {
  method: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
}

/**
 * A local S3 implementation (s3rver) on 127.0.0.1 with one bucket, in a throwaway directory.
 * s3rver lacks AbortMultipartUpload (DELETE …?uploadId=); it is answered here as S3 does (204),
 * and each aborted upload id is listed in `aborted`.
 */
export async function startS3rver(): Promise<{ endpoint: string; directory: string; aborted: string[]; close(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), "pandu-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: S3_TEST_BUCKET }] });
  const aborted: string[] = [];
  // s3rver is a Koa application: a middleware put first sees every request before its routes.
  (server as unknown as { middleware: ((ctx: KoaContext, next: KoaNext) => Promise<void>)[] }).middleware.unshift(async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method === "DELETE" && typeof uploadId === "string") {
      aborted.push(uploadId);
      ctx.status = 204;
      return;
    }
    await next();
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    aborted,
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
