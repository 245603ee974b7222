import type { TFunction } from "i18next";
import type { Condition, FormDefinition, FormField } from "../../../core/forms/types";
import { conditionHolds } from "../../../core/forms/validate-application";
import type { AnswerErrorItem } from "../../applicationsApi";
import type { Lang } from "../../format";

/** Answers of a form: field key → value (nested objects for groups and addresses, lists for repeating groups). */
export type Answers = Record<string, unknown>;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The form definition of an answer (the server checked it with src/core/forms when it was stored). */
export const formOf = (definition: Record<string, unknown>) => definition as unknown as FormDefinition;

export const text = (l: { id: string; en: string } | undefined, lang: Lang) => (l ? l[lang] || l.id : "");

/** The id of the input of an answer path (`anggota[1].nik` → `answer-anggota-1-nik`), for labels and error links. */
export const inputId = (path: string) => `answer-${path.replace(/[^a-zA-Z0-9_]+/g, "-").replace(/-$/, "")}`;

/** Looks up a key path in the answers the way the core does: inside a repeating group, the current item first. */
export function makeLookup(root: Answers, items: { keyPath: string; values: Answers }[]) {
  return (keyPath: string): unknown => {
    const parts = keyPath.split(".");
    for (let i = parts.length - 1; i > 0; i--) {
      const item = items.find((x) => x.keyPath === parts.slice(0, i).join("."));
      if (item) return dig(item.values, parts.slice(i));
    }
    return dig(root, parts);
  };
}

function dig(obj: unknown, parts: string[]): unknown {
  let v = obj;
  for (const p of parts) v = isObject(v) ? v[p] : undefined;
  return v;
}

export const shown = (when: Condition | undefined, lookup: (k: string) => unknown) => !when || conditionHolds(when, lookup);

/** The errors at an answer path or under it (`alamat` has `alamat.district`; `foto` has `foto[0]`). */
export function errorsAt(errors: AnswerErrorItem[], path: string, exact = false): AnswerErrorItem[] {
  return errors.filter((e) => e.path === path || (!exact && (e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))));
}

/** One answer error in the reader's language, with the numbers it names. */
export function answerErrorText(t: TFunction, e: { code: string; params?: Record<string, unknown> | undefined }): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params ?? {})) params[k] = Array.isArray(v) ? v.map(String).join(", ") : typeof v === "number" ? v : String(v);
  return t(`applications.answerErrors.${e.code}`, { ...params, defaultValue: t("applications.answerErrors.invalid") });
}

/** A readable line for an answer (officer and citizen detail pages). */
export function answerText(field: FormField, value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === "") return "–";
  if (field.type === "choice") {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => text(field.options.find((o) => o.value === v)?.label, lang) || String(v)).join(", ");
  }
  if (field.type === "address" && isObject(value)) return ["street", "village", "district", "regency", "province"].map((k) => value[k]).filter((v) => typeof v === "string" && v).join(", ");
  if (field.type === "file") {
    const list = Array.isArray(value) ? value : [value];
    return list.map((f) => (isObject(f) && typeof f.name === "string" ? f.name : "")).join(", ");
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
