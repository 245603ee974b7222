import type { TFunction } from "i18next";
import { ApiError } from "../../api";
import { errorText } from "../../errorText";
import { UploadCancelled } from "../../evidenceApi";

/** An upload failure in the reader's language, from the API's error codes (415, empty file; the rest, 413 included, through errorText). */
export function uploadErrorText(t: TFunction, e: unknown): string {
  if (e instanceof UploadCancelled) return t("evidence.upload.cancelled");
  if (e instanceof ApiError) {
    if (e.code === "unsupported_media_type") return t("evidence.upload.wrongType");
    if (e.code === "file_empty") return t("evidence.upload.empty");
  }
  return errorText(t, e);
}
