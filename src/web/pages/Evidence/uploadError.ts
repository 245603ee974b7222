import type { TFunction } from "i18next";
import { ApiError } from "../../api";
import { errorText } from "../../errorText";
import { UploadCancelled } from "../../evidenceApi";

/** An upload failure in the reader's language, from the API's error codes (413, 415, empty file). */
export function uploadErrorText(t: TFunction, e: unknown): string {
  if (e instanceof UploadCancelled) return t("evidence.upload.cancelled");
  if (e instanceof ApiError) {
    if (e.code === "payload_too_large") return t("evidence.upload.tooLarge", { message: e.message });
    if (e.code === "unsupported_media_type") return t("evidence.upload.wrongType");
    if (e.code === "validation_error" && /file: the file is empty/.test(e.message)) return t("evidence.upload.empty");
  }
  return errorText(t, e);
}
