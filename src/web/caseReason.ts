import type { TFunction } from "i18next";
import { formatDate, type Lang } from "./format";

/**
 * The reason shown with a step of a case (an application or a complaint): one the system gave is
 * worded from its code in the interface's language (a YYYY-MM-DD value as a local date), a person's
 * is shown as they wrote it.
 */
export function caseReasonText(
  t: TFunction,
  lang: Lang,
  step: { reason: string | null; systemReason: { code: string; params: Record<string, string | number> } | null },
): string | null {
  const system = step.systemReason;
  if (!system) return step.reason;
  const values = Object.fromEntries(Object.entries(system.params).map(([k, v]) => [k, typeof v === "string" ? formatDate(v, lang) : v]));
  return t(`systemReasons.${system.code}`, { ...values, defaultValue: step.reason ?? system.code });
}
