import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { assertEvidenceKey, EvidenceObjectMissingError, isEvidenceKey, type EvidenceStorage, type StagedFileRef, type StoredObject } from "./evidence-storage";

/** Where the S3-compatible store is (S3_* environment variables). */
export interface S3Settings {
  bucket: string;
  region: string;
  /** For MinIO, Ceph, Garage, a provider's S3 endpoint…; absent for AWS. */
  endpoint?: string;
  /** Both or neither; without them the SDK's default chain (environment, instance role) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Local directory where uploads are staged before they are sent. */
  tempDir: string;
}

const notFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
};

/**
 * Evidence files in an S3-compatible bucket under `<agencyCode>/<sha256>`. A staged file is sent
 * with one streamed PutObject of known length (nothing is held in memory); checksums are only
 * added when required, which keeps older S3-compatible servers working.
 */
export class S3EvidenceStorage implements EvidenceStorage {
  readonly kind = "s3" as const;
  readonly tempDir: string;
  private readonly settings: S3Settings;
  private readonly bucket: string;
  /** The SDK and its client, loaded with the first operation (not at start-up). */
  private sdk: Promise<{ s3: typeof import("@aws-sdk/client-s3"); client: S3Client }> | undefined;
  private loaded: S3Client | undefined;

  constructor(settings: S3Settings) {
    this.tempDir = settings.tempDir;
    this.bucket = settings.bucket;
    this.settings = settings;
  }

  private connect() {
    this.sdk ??= import("@aws-sdk/client-s3").then((s3) => {
      const settings = this.settings;
      const client = new s3.S3Client({
        region: settings.region,
        endpoint: settings.endpoint,
        forcePathStyle: settings.forcePathStyle,
        credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
      this.loaded = client;
      return { s3, client };
    });
    return this.sdk;
  }

  async put(key: string, file: StagedFileRef): Promise<void> {
    const { s3, client } = await this.connect();
    const body = createReadStream(file.path);
    try {
      await client.send(new s3.PutObjectCommand({ Bucket: this.bucket, Key: assertEvidenceKey(key), Body: body, ContentLength: file.size, ContentType: file.contentType }));
    } finally {
      body.destroy();
    }
    await rm(file.path, { force: true });
  }

  async open(key: string): Promise<Readable> {
    const { s3, client } = await this.connect();
    try {
      const res = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: assertEvidenceKey(key) }));
      return res.Body as Readable;
    } catch (e) {
      if (notFound(e)) throw new EvidenceObjectMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.connect();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: assertEvidenceKey(key) }));
  }

  async *list(): AsyncIterable<StoredObject> {
    const { s3, client } = await this.connect();
    let token: string | undefined;
    do {
      const page = await client.send(new s3.ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key && isEvidenceKey(o.Key)) yield { key: o.Key, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.loaded?.destroy();
  }
}
