/**
 * Retention of an application's answers after it is closed (UU 27/2022): every data field is kept
 * for its own `retentionDays` (or the form's default) counted in calendar days from the day the
 * application closed, then erased. Pure: the caller passes the form, the answers, the closing day
 * and today.
 */
import { isoDayNumber, isoFromDayNumber } from "../calendar/iso-date";
import { isDataField, type FormDefinition, type FormField } from "../forms/types";

/** Retention of a field without its own and a form without a default: five years. */
export const FALLBACK_RETENTION_DAYS = 1825;

/** What to erase today and when to look again. */
export interface RetentionPlan {
  /** The answers without the fields whose retention has passed (the same object when nothing changes). */
  data: Record<string, unknown>;
  /** Key paths of the erased answers (`nama`, `pemilik.nik`), in form order. */
  erased: string[];
  /** Keys of file fields whose retention has passed: their attachments go too. */
  fileFields: string[];
  /** The next day a field still holding data is due; null when nothing is left to erase. */
  nextDue: string | null;
}

const dueDay = (closedOn: string, days: number) => isoFromDayNumber(isoDayNumber(closedOn) + days);

/** The first day any data field of the form is due for erasure (closing day + the shortest retention). */
export function firstRetentionDue(form: FormDefinition, closedOn: string): string {
  let min = Infinity;
  const walk = (fields: readonly FormField[]) => {
    for (const f of fields) {
      if (f.type === "group") walk(f.fields);
      else if (isDataField(f)) min = Math.min(min, f.retentionDays ?? form.defaultRetentionDays ?? FALLBACK_RETENTION_DAYS);
    }
  };
  walk(form.fields);
  return dueDay(closedOn, Number.isFinite(min) ? min : (form.defaultRetentionDays ?? FALLBACK_RETENTION_DAYS));
}

/**
 * Which answers of a closed application are erased on `today`: each data field (inside groups and
 * repeating groups too) whose closing day + retention is on or before today. Answers no field of
 * the form names are erased with the first due field (nothing keeps data without a stated purpose).
 */
export function retentionPlan(form: FormDefinition, data: unknown, closedOn: string, today: string): RetentionPlan {
  const erased: string[] = [];
  const fileFields: string[] = [];
  let nextDue: string | null = null;
  let anyDue = false;
  const later = (d: string) => {
    if (nextDue === null || d < nextDue) nextDue = d;
  };

  const walk = (fields: readonly FormField[], value: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const known = new Set<string>();
    for (const f of fields) {
      if (f.type === "section") continue;
      known.add(f.key);
      if (!(f.key in value)) continue;
      const v = value[f.key];
      if (f.type === "group") {
        const inner = (x: unknown) => walk(f.fields, x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {}, `${prefix}${f.key}.`);
        const kept = Array.isArray(v) ? v.map(inner) : inner(v);
        const empty = Array.isArray(kept) ? kept.every((k) => Object.keys(k).length === 0) : Object.keys(kept).length === 0;
        if (!empty) out[f.key] = kept;
        continue;
      }
      const due = dueDay(closedOn, f.retentionDays ?? form.defaultRetentionDays ?? FALLBACK_RETENTION_DAYS);
      if (due <= today) {
        anyDue = true;
        if (!erased.includes(`${prefix}${f.key}`)) erased.push(`${prefix}${f.key}`);
        if (f.type === "file" && !fileFields.includes(f.key)) fileFields.push(f.key);
      } else {
        later(due);
        out[f.key] = v;
      }
    }
    for (const [k, v] of Object.entries(value)) if (!known.has(k)) out[`\u0000${k}`] = v;
    return out;
  };

  const source = data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const walked = walk(form.fields, source, "");
  // Answers without a field: kept only until the first due field, never past it.
  const strip = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(strip);
    if (!o || typeof o !== "object") return o;
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (k.startsWith("\u0000")) {
        if (!anyDue) r[k.slice(1)] = v;
        else erased.push(k.slice(1));
      } else r[k] = strip(v);
    }
    return r;
  };
  const result = strip(walked) as Record<string, unknown>;
  return { data: erased.length ? result : source, erased, fileFields, nextDue };
}
