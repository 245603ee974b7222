import type { TFunction } from "i18next";
import { ApiError } from "./api";

/** Server validation messages the interface can say in the reader's language. */
const KNOWN_MESSAGES: Record<string, "errors.wrongCurrentPassword" | "errors.wrongPassword"> = {
  "currentPassword: wrong password": "errors.wrongCurrentPassword",
  "password: wrong password": "errors.wrongPassword",
};

/**
 * A failed request explained in the reader's language. Codes the interface knows get their own
 * sentence; for the rest the server's message (field: problem) is shown inside a translated frame.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("errors.generic", { code: "unknown" });
  const known = KNOWN_MESSAGES[error.message];
  if (known) return t(known);
  switch (error.code) {
    case "network":
    case "invalid_response":
    case "not_found":
    case "invalid_credentials":
    case "totp_required":
    case "invalid_totp":
    case "password_too_short":
    case "password_too_weak":
    case "csrf_failed":
    case "unauthenticated":
    case "link_needs_email":
    case "email_failed":
      return t(`errors.${error.code}`);
    case "too_many_attempts":
      return error.retryAfter ? t("errors.too_many_attempts_wait", { count: error.retryAfter }) : t("errors.too_many_attempts");
    case "forbidden":
      return t("errors.forbidden", { message: error.message });
    case "conflict":
      return /^email: /.test(error.message) ? t("errors.emailTaken") : t("errors.conflict", { message: error.message });
    case "validation_error":
      return t("errors.validation", { message: error.message });
    default:
      return t("errors.generic", { code: error.code });
  }
}
