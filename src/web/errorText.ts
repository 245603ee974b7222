import type { TFunction } from "i18next";
import { ApiError, isRecord } from "./api";
import id from "./i18n/id.json";

type ApiErrorKey = keyof typeof id.apiErrors;
const SENTENCES = new Set(Object.keys(id.apiErrors).filter((k) => k !== "fields"));
const FIELD_LABELS = id.apiErrors.fields;
const ROLE_NAMES = new Set(Object.keys(id.roles));
const STAGE_NAMES = new Set(Object.keys(id.stages));

const list = (v: unknown): string | undefined => (Array.isArray(v) ? v.map(String).join(", ") : undefined);

/** The last meaningful segment of a field path (`body.levels.3` → `levels`, `roles[0].agencyCode` → `agencyCode`). */
function fieldLabel(t: TFunction, field: unknown): string | null {
  if (typeof field !== "string") return null;
  const name = field.split(".").map((s) => s.replace(/\[\d+\]$/, "")).find((s) => s in FIELD_LABELS && s !== "body") ??
    field.split(".").reverse().find((s) => s in FIELD_LABELS);
  return name ? t(`apiErrors.fields.${name as keyof typeof FIELD_LABELS}`) : null;
}

/**
 * The values a code's sentence interpolates, taken from the answer's `details` and put into the
 * reader's language (role and stage names through the catalogue, lists joined). Never the server's message.
 */
function values(t: TFunction, details: unknown): Record<string, string | number> {
  if (!isRecord(details)) return {};
  const out: Record<string, string | number> = {};
  for (const [key, v] of Object.entries(details)) {
    if (Array.isArray(v)) out[key] = list(v)!;
    else if (typeof v === "number") out[key] = v;
    else if (typeof v === "string") {
      if ((key === "role") && ROLE_NAMES.has(v)) out[key] = t(`roles.${v as keyof typeof id.roles}`);
      else if ((key === "stage" || key === "openStage") && STAGE_NAMES.has(v)) out[key] = t(`stages.${v as keyof typeof id.stages}`);
      else out[key] = v;
    }
  }
  if (typeof details.limitMegabytes === "number") out.limit = details.limitMegabytes;
  const label = fieldLabel(t, details.field);
  out.field = label ?? "";
  return out;
}

/**
 * A failed request explained in the reader's language, from the answer's stable code and its
 * structured details (server English never reaches the screen). Unknown codes get a general sentence.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("apiErrors.unknown");
  const code = error.code;
  const vars = values(t, error.details);
  if (code === "too_many_attempts") {
    const wait = error.retryAfter ?? (isRecord(error.details) && typeof error.details.retryAfterSeconds === "number" ? error.details.retryAfterSeconds : null);
    return wait ? t("errors.too_many_attempts_wait", { count: wait }) : t("apiErrors.too_many_attempts");
  }
  if (code === "validation_error" && vars.field) return t("apiErrors.validation_error_field", vars);
  if (code === "invalid_text" && !vars.field) return t("apiErrors.validation_error");
  if (code === "payload_too_large" && vars.limit === undefined) return t("apiErrors.file_too_large");
  if (SENTENCES.has(code)) return t(`apiErrors.${code as Exclude<ApiErrorKey, "fields">}`, vars);
  return t("apiErrors.unknown");
}
