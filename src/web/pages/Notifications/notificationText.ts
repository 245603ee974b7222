import type { TFunction } from "i18next";
import { STAGES } from "../../../core";
import type { AppNotification, NotificationKind } from "../../notificationsApi";

const KINDS: Record<NotificationKind, true> = {
  "clarification.message": true,
  "assessment.submitted": true,
  "assessment.stage_advanced": true,
  "assessment.returned": true,
  "assessment.review_requested": true,
  "assessment.finalised": true,
  "assessment.revised": true,
  "account.reset_link": true,
  "complaint.received": true,
  "complaint.due_soon": true,
  "complaint.breached": true,
};
const STAGE_CODES: ReadonlySet<string> = new Set(STAGES);

const isKind = (kind: string): kind is NotificationKind => Object.hasOwn(KINDS, kind);

/** Every kind the server writes (db/commands/notify.ts) that has a sentence of its own. */
export const NOTIFICATION_KINDS = Object.keys(KINDS) as NotificationKind[];

/**
 * A notification's sentence in the reader's language, from its kind and parameters. A stage code
 * becomes the stage's name; a kind this interface does not know yet gets a general sentence.
 */
export function notificationText(t: TFunction, n: AppNotification): string {
  const { stage, ...rest } = n.params;
  // An index travels as text ("3.53") and is formatted in the reader's language by the catalogue.
  const params = { agency: "", ...rest, stage: stage && STAGE_CODES.has(stage) ? t(`stages.${stage as "mandiri"}`) : (stage ?? ""), ...(rest.index ? { index: Number(rest.index) } : {}) };
  if (!isKind(n.kind)) return t("notifications.kinds.other", params);
  const key = n.kind.replace(".", "_") as "clarification_message";
  return t(`notifications.kinds.${key}`, params);
}
