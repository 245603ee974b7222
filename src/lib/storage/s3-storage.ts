import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { assertEvidenceKey, EvidenceObjectMissingError, isEvidenceKey, type EvidenceStorage, type MultipartStore, type StagedFileRef, type StoredObject, type StoredPart } from "./evidence-storage";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The scratch key of a resumable upload: `uploads/<uuid>`, which is never an evidence key (no SHA-256). */
function uploadKey(uploadId: string): string {
  if (!UUID.test(uploadId)) throw new Error(`invalid upload id: ${JSON.stringify(uploadId)}`);
  return `uploads/${uploadId}`;
}

/**
 * Evidence files in an S3-compatible bucket under `<agencyCode>/<sha256>`. A staged file is sent
 * with one streamed PutObject of known length (nothing is held in memory); checksums are only
 * added when required, which keeps older S3-compatible servers working.
 */
export class S3EvidenceStorage implements EvidenceStorage, MultipartStore {
  readonly kind = "s3" as const;
  /** S3's smallest part but the last. */
  readonly minPartBytes = 5 * 1024 * 1024;
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

  get multipart(): MultipartStore {
    return this;
  }

  async startMultipart(uploadId: string): Promise<string> {
    const { s3, client } = await this.connect();
    const res = await client.send(new s3.CreateMultipartUploadCommand({ Bucket: this.bucket, Key: uploadKey(uploadId) }));
    if (!res.UploadId) throw new Error("the S3 store answered CreateMultipartUpload without an UploadId");
    return res.UploadId;
  }

  async uploadPart(uploadId: string, multipartId: string, partNumber: number, body: Readable, length: number): Promise<string> {
    const { s3, client } = await this.connect();
    const res = await client.send(new s3.UploadPartCommand({ Bucket: this.bucket, Key: uploadKey(uploadId), UploadId: multipartId, PartNumber: partNumber, Body: body, ContentLength: length }));
    if (!res.ETag) throw new Error("the S3 store answered UploadPart without an ETag");
    return res.ETag;
  }

  async completeMultipart(uploadId: string, multipartId: string, parts: StoredPart[]): Promise<void> {
    const { s3, client } = await this.connect();
    try {
      await client.send(
        new s3.CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: uploadKey(uploadId),
          UploadId: multipartId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
    } catch (e) {
      // Completed by an earlier attempt whose next step failed: the assembled object is there (openUpload finds it).
      if ((e as { name?: string })?.name !== "NoSuchUpload") throw e;
    }
  }

  async openUpload(uploadId: string): Promise<Readable> {
    const { s3, client } = await this.connect();
    const res = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: uploadKey(uploadId) }));
    return res.Body as Readable;
  }

  async discardUpload(uploadId: string, multipartId: string | null): Promise<void> {
    const { s3, client } = await this.connect();
    if (multipartId) {
      try {
        await client.send(new s3.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: uploadKey(uploadId), UploadId: multipartId }));
      } catch (e) {
        // Already completed or aborted: nothing left to abort.
        if (!(notFound(e) || (e as { name?: string })?.name === "NoSuchUpload")) throw e;
      }
    }
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: uploadKey(uploadId) }));
  }

  close(): void {
    this.loaded?.destroy();
  }
}
