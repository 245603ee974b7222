import type { TFunction } from "i18next";
import type { AuditEvent } from "../../adminApi";
import { formatDateTime, type Lang } from "../../format";
import id from "../../i18n/id.json";

type Catalogue = Record<string, Record<string, string>>;
const ACTIONS = id.auditActions as Catalogue;
const FIELDS = id.audit.fields as Record<string, string>;
const ROLE_NAMES = new Set(Object.keys(id.roles));
const STAGE_NAMES = new Set(Object.keys(id.stages));
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Looks a key up that is built at run time (its presence is checked against the catalogue first). */
const tr = (t: TFunction, key: string) => t(key as never);

/** Whether the catalogues name the audit action `code` ("user.create"). */
export function hasActionLabel(code: string): boolean {
  const [area, verb, ...rest] = code.split(".");
  return rest.length === 0 && area !== undefined && verb !== undefined && typeof ACTIONS[area]?.[verb] === "string";
}

/** An audit action's name in the reader's language; an action this interface does not know shows its code. */
export function auditActionText(t: TFunction, code: string): string {
  return hasActionLabel(code) ? tr(t, `auditActions.${code}`) : code;
}

/** A changed field's name in the reader's language, or the field as stored. */
export function auditFieldText(t: TFunction, field: string): string {
  return field in FIELDS ? tr(t, `audit.fields.${field}`) : field;
}

/**
 * A stored value as a reader says it: role and stage names from the catalogues, yes/no, dates and
 * times in the reader's format, lists joined and records as "field: value" pairs. Never raw JSON.
 */
export function auditValueText(t: TFunction, lang: Lang, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return t(value ? "audit.yes" : "audit.no");
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toLocaleString(lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 4 });
  if (typeof value === "string") {
    if ((field === "role" || field === "roles") && ROLE_NAMES.has(value)) return tr(t, `roles.${value}`);
    if (STAGE_NAMES.has(value) && (field === "stage" || field === "from" || field === "to")) return tr(t, `stages.${value}`);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, lang);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => auditValueText(t, lang, field, v)).join(", ") : "–";
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${auditFieldText(t, k)}: ${auditValueText(t, lang, k, v)}`).join("; ") : "–";
  }
  return String(value);
}

/** One changed field: its name and the value before and after, as the reader says them. */
export interface AuditChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Every field whose value differs between before and after, in the order the event stored them. */
export function auditChanges(t: TFunction, lang: Lang, changes: AuditEvent["changes"]): AuditChange[] {
  const keys = [...new Set([...Object.keys(changes.before ?? {}), ...Object.keys(changes.after ?? {})])];
  return keys
    .map((field) => ({ field, label: auditFieldText(t, field), before: auditValueText(t, lang, field, changes.before?.[field]), after: auditValueText(t, lang, field, changes.after?.[field]) }))
    .filter((c) => c.before !== c.after);
}
