import { parseIsoDate } from "./dates";
import { validateKk, validateNik } from "./nik";
import { regionCodeProblem, type RegionCodeProblem } from "./region-codes";
import { REGION_LEVELS } from "./types";
import type { AddressField, Condition, ConditionValue, DataField, FileField, FormDefinition, FormField, GroupField } from "./types";

/** Longest answer when a text field names no maxLength (a textarea: DEFAULT_TEXTAREA_MAX). */
export const DEFAULT_TEXT_MAX = 500;
export const DEFAULT_TEXTAREA_MAX = 5000;

/** Stable codes of the errors in an application's answers (the UI translates them). */
export type AnswerErrorCode =
  | "required"
  | "unknown_field"
  | "wrong_type"
  | "too_short"
  | "too_long"
  | "pattern"
  | "not_integer"
  | "below_min"
  | "above_max"
  | "invalid_date"
  | "date_before_min"
  | "date_after_max"
  | "date_in_future"
  | "invalid_email"
  | "invalid_phone"
  | `nik_${string}`
  | `kk_${string}`
  | "not_an_option"
  | "duplicate_choice"
  | "too_few_choices"
  | "too_many_choices"
  | RegionCodeProblem
  | "region_outside_parent"
  | "region_outside_form"
  | "file_type"
  | "file_too_large"
  | "too_many_files"
  | "too_few_items"
  | "too_many_items";

/** One error in the answers, at a path such as `anggota[1].nik` or `lokasi.district`. */
export interface AnswerError {
  path: string;
  code: AnswerErrorCode;
  /** Numbers or names the message needs (min, max, allowed values...). */
  params?: Record<string, string | number | string[]>;
}

export interface ApplicationValidation {
  ok: boolean;
  errors: AnswerError[];
  /** The answers of the visible fields only: hidden fields' answers are dropped, never stored. */
  values: Record<string, unknown>;
}

/** A file as an application refers to it (the upload itself is checked by content when it arrives). */
export interface FileAnswer {
  name: string;
  /** Bytes. */
  size: number;
  /** Media type decided from the content on upload. */
  type: string;
  /** The stored upload it names. */
  ref?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function isEmptyAnswer(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.values(v).every(isEmptyAnswer);
  return false;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** Indonesian numbers: +62, 62 or 0, then 8–13 digits not starting with 0 (spaces, dots and dashes allowed). */
const PHONE = /^(\+62|62|0)[1-9]\d{7,12}$/;

/** Looks up the value a condition tests, in the answers seen so far (visible fields only). */
type Lookup = (keyPath: string) => unknown;

export function conditionHolds(c: Condition, lookup: Lookup): boolean {
  if ("all" in c) return c.all.every((x) => conditionHolds(x, lookup));
  if ("any" in c) return c.any.some((x) => conditionHolds(x, lookup));
  const v = lookup(c.field);
  if ("notEmpty" in c) return !isEmptyAnswer(v);
  const wanted: ConditionValue[] = "equals" in c ? [c.equals] : c.in;
  // A multiple choice matches when any selected value is wanted.
  const have = Array.isArray(v) ? v : [v];
  return have.some((x) => wanted.some((w) => w === x));
}

/**
 * Checks an application's answers against a (valid) form and reports every error at once: missing
 * required answers, wrong types and formats, NIK/KK reasons, choices, regions, files and repeating
 * group bounds. Fields whose condition is false are skipped and their answers dropped from `values`;
 * answers to keys the form does not have are errors. `today` (YYYY-MM-DD) enables the checks that
 * need it (dates not in the future, NIK birth dates).
 */
export function validateApplication(form: FormDefinition, answers: unknown, opts: { today?: string | undefined } = {}): ApplicationValidation {
  const errors: AnswerError[] = [];
  const err = (path: string, code: AnswerErrorCode, params?: AnswerError["params"]) => errors.push(params ? { path, code, params } : { path, code });
  const root: Record<string, unknown> = {};
  /** The repeating groups being walked, by key path, with the values and answer path of the current item. */
  const items = new Map<string, { values: Record<string, unknown>; path: string }>();
  /** Answer paths of the fields whose answer has an error. */
  const invalid = new Set<string>();

  /** Where the field of a key path is in the answers: the current item's when inside a repeating group. */
  const locate = (keyPath: string): { value: unknown; path: string } => {
    const parts = keyPath.split(".");
    for (let i = parts.length - 1; i > 0; i--) {
      const item = items.get(parts.slice(0, i).join("."));
      if (item) return { value: dig(item.values, parts.slice(i)), path: `${item.path}.${parts.slice(i).join(".")}` };
    }
    return { value: dig(root, parts), path: keyPath };
  };
  const lookup: Lookup = (keyPath) => locate(keyPath).value;

  const walk = (fields: FormField[], given: Record<string, unknown>, out: Record<string, unknown>, keyPrefix: string, pathPrefix: string) => {
    const known = new Set(fields.filter((f) => f.type !== "section").map((f) => f.key));
    for (const k of Object.keys(given)) if (!known.has(k)) err(`${pathPrefix}${k}`, "unknown_field");
    for (const field of fields) {
      if (field.type === "section") continue;
      if (field.when && !conditionHolds(field.when, lookup)) continue;
      const path = `${pathPrefix}${field.key}`;
      const keyPath = `${keyPrefix}${field.key}`;
      const value = given[field.key];
      if (field.type === "group") {
        walkGroup(field, value, out, keyPath, path);
        continue;
      }
      if (isEmptyAnswer(value)) {
        if (field.required) err(path, "required");
        continue;
      }
      out[field.key] = value;
      const before = errors.length;
      checkValue(field, value, path);
      if (errors.length > before) invalid.add(path);
    }
  };

  const walkGroup = (group: GroupField, value: unknown, out: Record<string, unknown>, keyPath: string, path: string) => {
    if (!group.repeat) {
      if (value !== undefined && !isObject(value)) return err(path, "wrong_type");
      const inner: Record<string, unknown> = {};
      out[group.key] = inner;
      walk(group.fields, (value as Record<string, unknown> | undefined) ?? {}, inner, `${keyPath}.`, `${path}.`);
      return;
    }
    if (value !== undefined && value !== null && !Array.isArray(value)) return err(path, "wrong_type");
    const list = (value as unknown[] | undefined) ?? [];
    const { min = 0, max } = group.repeat;
    if (list.length < min) err(path, "too_few_items", { min });
    if (max !== undefined && list.length > max) err(path, "too_many_items", { max });
    const outList: Record<string, unknown>[] = [];
    out[group.key] = outList;
    list.forEach((item, i) => {
      if (!isObject(item)) return err(`${path}[${i}]`, "wrong_type");
      const inner: Record<string, unknown> = {};
      outList.push(inner);
      items.set(keyPath, { values: inner, path: `${path}[${i}]` });
      walk(group.fields, item, inner, `${keyPath}.`, `${path}[${i}].`);
      items.delete(keyPath);
    });
  };

  const checkValue = (field: DataField, value: unknown, path: string) => {
    switch (field.type) {
      case "text":
      case "textarea": {
        if (typeof value !== "string") return err(path, "wrong_type");
        const length = [...value].length;
        const max = field.maxLength ?? (field.type === "text" ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX);
        if (field.minLength !== undefined && length < field.minLength) err(path, "too_short", { min: field.minLength });
        if (length > max) err(path, "too_long", { max });
        // An over-long answer is not matched at all (a pattern's cost grows with the text).
        else if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, "u").test(value)) err(path, "pattern");
        return;
      }
      case "number": {
        if (typeof value !== "number" || !Number.isFinite(value)) return err(path, "wrong_type");
        if (field.integer && !Number.isInteger(value)) err(path, "not_integer");
        if (field.min !== undefined && value < field.min) err(path, "below_min", { min: field.min });
        if (field.max !== undefined && value > field.max) err(path, "above_max", { max: field.max });
        return;
      }
      case "date": {
        if (!parseIsoDate(value)) return err(path, typeof value === "string" ? "invalid_date" : "wrong_type");
        const d = value as string;
        if (field.min !== undefined && d < field.min) err(path, "date_before_min", { min: field.min });
        if (field.max !== undefined && d > field.max) err(path, "date_after_max", { max: field.max });
        if (field.notFuture && opts.today !== undefined && d > opts.today) err(path, "date_in_future");
        return;
      }
      case "email":
        if (typeof value !== "string") return err(path, "wrong_type");
        if (value.length > 254 || !EMAIL.test(value.trim())) err(path, "invalid_email");
        return;
      case "phone":
        if (typeof value !== "string") return err(path, "wrong_type");
        if (!PHONE.test(value.replace(/[\s.()-]/g, ""))) err(path, "invalid_phone");
        return;
      case "nik": {
        if (typeof value !== "string") return err(path, "wrong_type");
        let birthDate: string | undefined;
        if (field.birthDateField) {
          // Compared only with a birth date that passed its own checks (its errors are reported there).
          const b = locate(field.birthDateField);
          if (!invalid.has(b.path) && parseIsoDate(b.value)) birthDate = b.value as string;
        }
        const r = validateNik(value, { today: opts.today, birthDate });
        if (!r.ok) for (const reason of r.reasons) err(path, `nik_${reason}`);
        return;
      }
      case "kk": {
        if (typeof value !== "string") return err(path, "wrong_type");
        const r = validateKk(value, { today: opts.today });
        if (!r.ok) for (const reason of r.reasons) err(path, `kk_${reason}`);
        return;
      }
      case "choice": {
        const allowed = field.options.map((o) => o.value);
        if (!field.multiple) {
          if (typeof value !== "string") return err(path, "wrong_type");
          if (!allowed.includes(value)) err(path, "not_an_option", { allowed });
          return;
        }
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return err(path, "wrong_type");
        const picked = value as string[];
        picked.forEach((v, i) => {
          if (!allowed.includes(v)) err(`${path}[${i}]`, "not_an_option", { allowed });
          else if (picked.indexOf(v) !== i) err(`${path}[${i}]`, "duplicate_choice");
        });
        if (field.minSelected !== undefined && picked.length < field.minSelected) err(path, "too_few_choices", { min: field.minSelected });
        if (field.maxSelected !== undefined && picked.length > field.maxSelected) err(path, "too_many_choices", { max: field.maxSelected });
        return;
      }
      case "address":
        return checkAddress(field, value, path);
      case "file":
        return checkFiles(field, value, path);
    }
  };

  const checkAddress = (field: AddressField, value: unknown, path: string) => {
    if (!isObject(value)) return err(path, "wrong_type");
    const deepest = REGION_LEVELS.indexOf(field.level ?? "village");
    const asked: string[] = [...REGION_LEVELS.slice(0, deepest + 1), ...(field.street ? ["street"] : [])];
    for (const k of Object.keys(value)) if (!asked.includes(k)) err(`${path}.${k}`, "unknown_field");
    let parent: string | undefined;
    for (const level of REGION_LEVELS.slice(0, deepest + 1)) {
      const code = value[level];
      const at = `${path}.${level}`;
      if (isEmptyAnswer(code)) {
        // A partly filled address is incomplete even when the field is optional.
        err(at, "required");
        parent = undefined;
        continue;
      }
      if (typeof code !== "string") {
        err(at, "wrong_type");
        parent = undefined;
        continue;
      }
      const problem = regionCodeProblem(code, level);
      if (problem) err(at, problem);
      else if (parent !== undefined && !code.startsWith(parent)) err(at, "region_outside_parent", { parent });
      else if (field.within !== undefined && !(code.startsWith(field.within) || field.within.startsWith(code))) {
        err(at, "region_outside_form", { within: field.within });
      }
      parent = problem ? undefined : code;
    }
    if (field.street) {
      const street = value.street;
      if (isEmptyAnswer(street)) err(`${path}.street`, "required");
      else if (typeof street !== "string") err(`${path}.street`, "wrong_type");
      else if ([...street].length > DEFAULT_TEXT_MAX) err(`${path}.street`, "too_long", { max: DEFAULT_TEXT_MAX });
    }
  };

  const checkFiles = (field: FileField, value: unknown, path: string) => {
    const list = Array.isArray(value) ? value : [value];
    const max = field.maxFiles ?? 1;
    if (list.length > max) err(path, "too_many_files", { max });
    list.forEach((f, i) => {
      const at = Array.isArray(value) ? `${path}[${i}]` : path;
      if (!isObject(f) || typeof f.name !== "string" || typeof f.type !== "string" || typeof f.size !== "number" || !Number.isInteger(f.size) || f.size < 0) {
        return err(at, "wrong_type");
      }
      if (!field.accept.includes(f.type)) err(at, "file_type", { allowed: field.accept });
      if (f.size > field.maxSizeMb * 1024 * 1024) err(at, "file_too_large", { maxSizeMb: field.maxSizeMb });
    });
  };

  if (!isObject(answers)) {
    err("(root)", "wrong_type");
    return { ok: false, errors, values: {} };
  }
  walk(form.fields, answers, root, "", "");
  return { ok: errors.length === 0, errors, values: root };
}

function dig(obj: Record<string, unknown>, parts: string[]): unknown {
  let v: unknown = obj;
  for (const p of parts) {
    if (!isObject(v)) return undefined;
    v = v[p];
  }
  return v;
}
