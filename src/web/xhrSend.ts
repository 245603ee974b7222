import { ApiError, currentCsrfToken, isRecord } from "./api";

/** A request in flight: its JSON answer, and a way to stop it. */
export interface XhrRequest {
  done: Promise<unknown>;
  abort(): void;
}

/** Raised when the reader cancelled an upload. */
export class UploadCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "UploadCancelled";
  }
}

/**
 * Sends a body with XMLHttpRequest, because fetch reports no upload progress. `onProgress` gets the
 * bytes of this body sent so far. Answers the JSON of a 2xx response; anything else becomes an
 * ApiError (status 0 `network` when the connection failed), an abort UploadCancelled.
 */
export function xhrSend(method: string, url: string, body: XMLHttpRequestBodyInit, headers: Record<string, string>, onProgress: (sent: number) => void): XhrRequest {
  const xhr = new XMLHttpRequest();
  const done = new Promise<unknown>((resolve, reject) => {
    xhr.open(method, url);
    xhr.setRequestHeader("accept", "application/json");
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.onerror = () => reject(new ApiError(0, "network", "the upload was interrupted"));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(json)) return resolve(json);
      const code = isRecord(json) && typeof json.error === "string" ? json.error : `http_${xhr.status}`;
      const message = isRecord(json) && typeof json.message === "string" ? json.message : xhr.statusText;
      reject(new ApiError(xhr.status, code, message, null, isRecord(json) ? json.details : undefined));
    };
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
