import { ApiError, isRecord, request } from "./api";
import { api } from "./apiTypes";
import { UploadCancelled, xhrSend, type XhrRequest } from "./xhrSend";

/** Files above this size go in chunks that survive a broken connection; smaller ones in one request. */
export const RESUMABLE_FROM_BYTES = 8 * 1024 * 1024;
/** 8 MiB: above S3's smallest multipart part (5 MiB), since with S3 each chunk is stored as one part. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Waits between attempts after a failed chunk (then the last one, repeatedly, up to MAX_FAILURES). */
const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];
const MAX_FAILURES = 12;

export interface ResumableTarget {
  agency: string;
  /** A new version of this evidence, else new evidence. */
  evidenceId?: number;
  fields: Record<string, string>;
}

export interface ResumableCallbacks {
  onProgress(sent: number, total: number): void;
  /** Told when the connection failed and the upload waits to try again (null once it goes on). */
  onRetry?(waitMs: number | null): void;
}

/** The same file for the same target after a reload or a crash continues where it stopped. */
const memoKey = (t: ResumableTarget, f: File) => `pandu.upload:${t.agency}:${t.evidenceId ?? "new"}:${f.name}:${f.size}:${f.lastModified}`;
const remembered = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const remember = (key: string, id: string | null) => {
  try {
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  } catch {
    // private mode: no resume after a reload, the rest works
  }
};

const retryable = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429 || e.code === "upload_busy");

/**
 * Uploads a file in chunks (PATCH with Upload-Offset). A chunk that fails on the network or a
 * server error is tried again after a pause, from the offset the server reports; after a reload
 * the same file continues from where it stopped. The last chunk answers the new evidence.
 */
export function sendResumable<T>(target: ResumableTarget, file: File, cb: ResumableCallbacks): { done: Promise<T>; cancel(): void } {
  let current: XhrRequest | null = null;
  let cancelled = false;
  let sessionId: string | null = null;
  const key = memoKey(target, file);

  const where = async (): Promise<number | null> => {
    const id = remembered(key);
    if (!id) return null;
    try {
      const s = await api("get", "/api/evidence-uploads/{id}", { path: { id } });
      sessionId = id;
      return s.offset;
    } catch {
      remember(key, null);
      return null;
    }
  };

  const run = async (): Promise<T> => {
    let offset = await where();
    if (offset === null) {
      const body = { ...target.fields, size: file.size, fileName: file.name, ...(target.evidenceId ? { evidenceId: target.evidenceId } : {}) };
      const started = (await request("POST", `/api/agencies/${encodeURIComponent(target.agency)}/evidence/uploads`, body)) as { id: string; offset: number };
      sessionId = started.id;
      offset = started.offset;
      remember(key, sessionId);
    }
    let failures = 0;
    for (;;) {
      if (cancelled) throw new UploadCancelled();
      const from = offset;
      cb.onProgress(from, file.size);
      current = xhrSend("PATCH", `/api/evidence-uploads/${sessionId}`, file.slice(from, from + CHUNK_BYTES), { "content-type": "application/offset+octet-stream", "upload-offset": String(from) }, (sent) => cb.onProgress(from + sent, file.size));
      try {
        const answer = (await current.done) as { offset: number; evidence: T | null };
        failures = 0;
        cb.onRetry?.(null);
        offset = answer.offset;
        if (answer.evidence) {
          remember(key, null);
          cb.onProgress(file.size, file.size);
          return answer.evidence;
        }
      } catch (e) {
        if (e instanceof ApiError && e.code === "offset_mismatch" && isRecord(e.details) && typeof e.details.offset === "number") {
          offset = e.details.offset;
          continue;
        }
        if (!retryable(e) || ++failures > MAX_FAILURES) {
          if (!(e instanceof UploadCancelled) && !retryable(e)) remember(key, null);
          throw e;
        }
        const wait = BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)]!;
        cb.onRetry?.(wait);
        await new Promise((r) => setTimeout(r, wait));
        // Ask where to go on: part of the failed chunk may have arrived.
        offset = (await where()) ?? offset;
      }
    }
  };

  return {
    done: run(),
    cancel: () => {
      cancelled = true;
      current?.abort();
      const id = sessionId ?? remembered(key);
      remember(key, null);
      if (id) void api("delete", "/api/evidence-uploads/{id}", { path: { id } }).catch(() => undefined);
    },
  };
}
