import { z } from "zod";
import { parseIsoDate } from "./dates";
import { fieldSchemas, formHeaderSchema, KEY_PATTERN } from "./form-schema";
import { REGION_CODE_LENGTH, regionCodeProblem, regionLevelOf } from "./region-codes";
import { FIELD_TYPES, FILE_MEDIA_TYPES, MAX_RETENTION_DAYS, type FieldType, type FormDefinition } from "./types";

/** Stable codes of the problems of a form definition (the form builder translates them). */
export type FormProblemCode =
  | "invalid_shape"
  | "unknown_type"
  | "duplicate_key"
  | "empty_group"
  | "unknown_field_ref"
  | "forward_ref"
  | "condition_cycle"
  | "ref_not_value"
  | "ref_into_repeat"
  | "ref_wrong_type"
  | "condition_operator"
  | "condition_value"
  | "choice_no_options"
  | "duplicate_option"
  | "bad_range"
  | "bad_pattern"
  | "bad_region_code"
  | "unknown_media_type"
  | "missing_purpose"
  | "missing_retention"
  | "bad_retention";

/** One problem, at a JSON path into the file such as `fields[2].fields[0].when.field`. */
export interface FormProblem {
  path: string;
  code: FormProblemCode;
  message: string;
}

export type FormValidation = { ok: true; form: FormDefinition; problems: [] } | { ok: false; problems: FormProblem[] };

/** A field met while walking the form, in document order. */
interface Node {
  /** Dotted key path from the form's root, e.g. `pemilik.status`. */
  keyPath: string;
  type: FieldType | undefined;
  /** JSON path of the field in the file. */
  at: string;
  order: number;
  parent: Node | undefined;
  raw: Record<string, unknown>;
  shapeOk: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
const join = (at: string, rel: readonly PropertyKey[]) => {
  const tail = formatPath(rel);
  if (!tail) return at || "(root)";
  if (!at) return tail;
  return tail.startsWith("[") ? at + tail : `${at}.${tail}`;
};

const VALIDATION_SCHEMAS = fieldSchemas(z.unknown(), z.array(z.unknown()));
const HEADER_SCHEMA = formHeaderSchema(z.array(z.unknown()).min(1, "a form needs at least one field"));
const VALUE_LESS = new Set<FieldType>(["group", "section"]);

const isRepeating = (n: Node) => n.type === "group" && isObject(n.raw.repeat);
const isAncestorOrSelf = (a: Node, n: Node | undefined): boolean => {
  for (let x = n; x; x = x.parent) if (x === a) return true;
  return false;
};
const badRetention = (v: unknown) => typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_RETENTION_DAYS;

/**
 * Checks a form definition completely and reports every problem with its path: the shape of each
 * field on its own (an unknown type or a typo in one field does not hide the others), unique keys
 * per level (also inside groups), conditions that name unknown, later or value-less fields or form
 * a cycle, choices without options, ranges, region codes, media types, and the purpose and
 * retention every data field must state (UU 27/2022).
 */
export function validateForm(input: unknown): FormValidation {
  const problems: FormProblem[] = [];
  const add = (path: string, code: FormProblemCode, message: string) => problems.push({ path: path || "(root)", code, message });
  if (!isObject(input)) {
    add("", "invalid_shape", "expected a form object");
    return { ok: false, problems };
  }
  const header = HEADER_SCHEMA.safeParse(input);
  if (!header.success) {
    for (const i of header.error.issues) {
      // Field contents are checked one by one below, with better messages.
      if (i.path[0] === "fields" && i.path.length > 1) continue;
      add(join("", i.path), "invalid_shape", i.message);
    }
  }
  const defaultRetention = input.defaultRetentionDays;
  if (defaultRetention !== undefined && badRetention(defaultRetention)) {
    add("defaultRetentionDays", "bad_retention", `retention must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
  }

  const nodes: Node[] = [];
  const byKeyPath = new Map<string, Node>();

  const walk = (raw: unknown[], at: string, parent: Node | undefined) => {
    const seen = new Map<string, string>();
    raw.forEach((f, i) => {
      const fAt = `${at}[${i}]`;
      if (!isObject(f)) return add(fAt, "invalid_shape", "expected a field object");
      const key = typeof f.key === "string" ? f.key : undefined;
      const rawType = f.type;
      let type: FieldType | undefined;
      if (typeof rawType !== "string") add(`${fAt}.type`, "invalid_shape", "a field needs a type");
      else if (!(FIELD_TYPES as readonly string[]).includes(rawType)) {
        add(`${fAt}.type`, "unknown_type", `unknown field type "${rawType}" (known: ${FIELD_TYPES.join(", ")})`);
      } else type = rawType as FieldType;

      let shapeOk = false;
      if (type) {
        const r = VALIDATION_SCHEMAS[type].safeParse(f);
        if (r.success) shapeOk = true;
        else for (const issue of r.error.issues) add(join(fAt, issue.path), "invalid_shape", issue.message);
      } else if (key === undefined || !KEY_PATTERN.test(key)) {
        add(`${fAt}.key`, "invalid_shape", "use lower-case letters, digits and _ (starting with a letter)");
      }

      const node: Node = { keyPath: parent ? `${parent.keyPath}.${key ?? "?"}` : (key ?? "?"), type, at: fAt, order: nodes.length, parent, raw: f, shapeOk };
      nodes.push(node);
      if (key !== undefined && KEY_PATTERN.test(key)) {
        const prior = seen.get(key);
        if (prior) add(`${fAt}.key`, "duplicate_key", `key "${key}" is already used at ${prior}`);
        // Inside a group whose own key is missing or taken, paths are ambiguous: nothing there can be referred to.
        else if (parent && byKeyPath.get(parent.keyPath) !== parent) seen.set(key, fAt);
        else {
          seen.set(key, fAt);
          byKeyPath.set(node.keyPath, node);
        }
      }
      if (shapeOk && type) fieldRuleProblems(f, type, fAt, defaultRetention, add);
      if (type === "group" && Array.isArray(f.fields)) {
        if (f.fields.length === 0) add(`${fAt}.fields`, "empty_group", "a group needs at least one field");
        walk(f.fields, `${fAt}.fields`, node);
      }
    });
  };
  if (Array.isArray(input.fields)) walk(input.fields, "fields", undefined);

  /** Resolves a reference by key path; reports unknown and out-of-reach targets. */
  const resolve = (ref: string, at: string, owner: Node): Node | undefined => {
    const target = byKeyPath.get(ref);
    if (!target) {
      const sibling = owner.parent && byKeyPath.get(`${owner.parent.keyPath}.${ref}`);
      add(at, "unknown_field_ref", `"${ref}" is no field of this form${sibling ? ` (inside a group, write the full path "${sibling.keyPath}")` : ""}`);
      return undefined;
    }
    for (let r = target.parent; r; r = r.parent) {
      if (isRepeating(r) && !isAncestorOrSelf(r, owner)) {
        add(at, "ref_into_repeat", `"${ref}" is inside the repeating group "${r.keyPath}"; only fields of the same group can refer to it`);
        break;
      }
    }
    return target;
  };

  const deps = new Map<Node, Node[]>();
  const checkCondition = (c: unknown, at: string, owner: Node) => {
    if (!isObject(c)) return add(at, "invalid_shape", "expected a condition: { field, equals | in | notEmpty } or { all | any: [...] }");
    const keys = Object.keys(c);
    for (const op of ["all", "any"] as const) {
      if (!(op in c)) continue;
      if (keys.length !== 1) add(at, "invalid_shape", `a condition with "${op}" takes nothing else`);
      const list = c[op];
      if (!Array.isArray(list) || list.length === 0) return add(`${at}.${op}`, "invalid_shape", "expected a non-empty list of conditions");
      list.forEach((x, i) => checkCondition(x, `${at}.${op}[${i}]`, owner));
      return;
    }
    const extra = keys.filter((k) => !["field", "equals", "in", "notEmpty"].includes(k));
    if (extra.length) add(at, "invalid_shape", `unknown condition key ${extra.map((k) => `"${k}"`).join(", ")}`);
    const ops = (["equals", "in", "notEmpty"] as const).filter((k) => k in c);
    if (ops.length !== 1) add(at, "invalid_shape", "use exactly one of equals, in, notEmpty");
    const values: unknown[] = [];
    if ("equals" in c) {
      if (typeof c.equals !== "string" && typeof c.equals !== "number") add(`${at}.equals`, "invalid_shape", "expected a text or a number");
      else values.push(c.equals);
    }
    if ("in" in c) {
      if (!Array.isArray(c.in) || c.in.length === 0) add(`${at}.in`, "invalid_shape", "expected a non-empty list of values");
      else
        c.in.forEach((v, i) => {
          if (typeof v !== "string" && typeof v !== "number") add(`${at}.in[${i}]`, "invalid_shape", "expected a text or a number");
          else values.push(v);
        });
    }
    if ("notEmpty" in c && c.notEmpty !== true) add(`${at}.notEmpty`, "invalid_shape", "notEmpty takes only true");
    if (typeof c.field !== "string" || !c.field) return add(`${at}.field`, "invalid_shape", "name the field the condition tests");
    const target = resolve(c.field, `${at}.field`, owner);
    if (!target) return;
    if (target.type && VALUE_LESS.has(target.type)) return add(`${at}.field`, "ref_not_value", `"${c.field}" is a ${target.type}, which holds no value`);
    deps.get(owner)!.push(target);
    if (target !== owner && target.order > owner.order) {
      add(`${at}.field`, "forward_ref", `"${c.field}" comes later in the form; a condition may only test an earlier field`);
    }
    if (!target.shapeOk || !target.type) return;
    if ((target.type === "file" || target.type === "address") && ("equals" in c || "in" in c)) {
      return add(at, "condition_operator", `only notEmpty can test a ${target.type} field`);
    }
    const valueAt = "equals" in c ? `${at}.equals` : `${at}.in`;
    if (target.type === "choice") {
      const options = ((target.raw.options as { value: string }[] | undefined) ?? []).map((o) => o.value);
      for (const v of values) if (!options.includes(String(v)) || typeof v !== "string") add(valueAt, "condition_value", `${JSON.stringify(v)} is not an option of "${c.field}"`);
    } else if (target.type === "number") {
      for (const v of values) if (typeof v !== "number") add(valueAt, "condition_value", `"${c.field}" is a number; compare it with numbers`);
    } else {
      for (const v of values) if (typeof v !== "string") add(valueAt, "condition_value", `"${c.field}" holds text; compare it with texts`);
    }
  };

  for (const node of nodes) {
    deps.set(node, node.parent ? [node.parent] : []);
  }
  for (const node of nodes) {
    if (node.raw.when !== undefined) checkCondition(node.raw.when, `${node.at}.when`, node);
    const bdf = node.raw.birthDateField;
    if (node.type === "nik" && typeof bdf === "string") {
      const target = resolve(bdf, `${node.at}.birthDateField`, node);
      if (target && target.type !== "date") add(`${node.at}.birthDateField`, "ref_wrong_type", `"${bdf}" is not a date field`);
      else if (target && target.order > node.order) add(`${node.at}.birthDateField`, "forward_ref", `"${bdf}" comes later in the form; put the birth date before the NIK`);
    }
  }
  for (const cycle of findCycles(nodes, deps)) {
    const first = cycle[0]!;
    add(`${first.at}.when`, "condition_cycle", `conditions form a cycle: ${[...cycle, first].map((n) => n.keyPath).join(" → ")}`);
  }

  if (!problems.length) return { ok: true, form: input as unknown as FormDefinition, problems: [] };
  // In the order of the file: the form's own problems, then field by field (a group before its fields).
  const fieldIndexes = (path: string) => [...path.matchAll(/fields\[(\d+)\]/g)].map((m) => Number(m[1]));
  const byField = (a: FormProblem, b: FormProblem) => {
    const [x, y] = [fieldIndexes(a.path), fieldIndexes(b.path)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  return { ok: false, problems: problems.sort(byField) };
}

/** The checks of one well-shaped field that its shape cannot express. */
function fieldRuleProblems(
  f: Record<string, unknown>,
  type: FieldType,
  at: string,
  defaultRetention: unknown,
  add: (path: string, code: FormProblemCode, message: string) => void,
): void {
  const num = (k: string) => f[k] as number | undefined;
  const range = (lo: string, hi: string) => {
    const [a, b] = [num(lo), num(hi)];
    if (a !== undefined && b !== undefined && a > b) add(`${at}.${lo}`, "bad_range", `${lo} ${a} is above ${hi} ${b}`);
  };
  if (!VALUE_LESS.has(type)) {
    if (f.purpose === undefined) add(at, "missing_purpose", "a field that collects data must state its purpose (UU 27/2022)");
    if (f.retentionDays !== undefined) {
      if (badRetention(f.retentionDays)) add(`${at}.retentionDays`, "bad_retention", `retention must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
    } else if (defaultRetention === undefined) {
      add(at, "missing_retention", "state retentionDays here or defaultRetentionDays on the form (UU 27/2022)");
    }
  }
  switch (type) {
    case "text":
    case "textarea":
      range("minLength", "maxLength");
      if (typeof f.pattern === "string") {
        try {
          new RegExp(f.pattern, "u");
        } catch {
          add(`${at}.pattern`, "bad_pattern", "not a valid regular expression");
        }
      }
      break;
    case "number":
      range("min", "max");
      break;
    case "date": {
      for (const k of ["min", "max"]) if (f[k] !== undefined && !parseIsoDate(f[k])) add(`${at}.${k}`, "invalid_shape", `${String(f[k])} is not a real date`);
      if (parseIsoDate(f.min) && parseIsoDate(f.max) && (f.min as string) > (f.max as string)) add(`${at}.min`, "bad_range", `min ${f.min} is after max ${f.max}`);
      break;
    }
    case "choice": {
      const options = f.options as { value: string }[];
      if (options.length === 0) add(`${at}.options`, "choice_no_options", "a choice needs at least one option");
      const seen = new Map<string, number>();
      options.forEach((o, i) => {
        if (seen.has(o.value)) add(`${at}.options[${i}].value`, "duplicate_option", `"${o.value}" is already option ${seen.get(o.value)}`);
        else seen.set(o.value, i);
      });
      if (!f.multiple) {
        for (const k of ["minSelected", "maxSelected"]) if (f[k] !== undefined) add(`${at}.${k}`, "invalid_shape", `${k} applies only to a multiple choice`);
      } else {
        range("minSelected", "maxSelected");
        for (const k of ["minSelected", "maxSelected"]) {
          const v = num(k);
          if (v !== undefined && options.length > 0 && v > options.length) add(`${at}.${k}`, "bad_range", `${k} ${v} is above the ${options.length} option(s)`);
        }
      }
      break;
    }
    case "address": {
      if (typeof f.within === "string") {
        const level = regionLevelOf(f.within);
        const asked = REGION_CODE_LENGTH[(f.level as keyof typeof REGION_CODE_LENGTH | undefined) ?? "village"];
        if (!level || level === "village" || regionCodeProblem(f.within, level) !== null) {
          add(`${at}.within`, "bad_region_code", `"${f.within}" is not a province, kabupaten/kota or kecamatan code (2, 4 or 6 digits)`);
        } else if (f.within.length >= asked) {
          add(`${at}.within`, "bad_region_code", `"${f.within}" is as deep as the level asked; the address would have nothing to choose`);
        }
      }
      break;
    }
    case "file":
      (f.accept as string[]).forEach((t, i) => {
        if (!(FILE_MEDIA_TYPES as readonly string[]).includes(t)) add(`${at}.accept[${i}]`, "unknown_media_type", `"${t}" is not an accepted upload type (${FILE_MEDIA_TYPES.join(", ")})`);
      });
      break;
    case "group": {
      const repeat = f.repeat as { min?: number; max?: number } | undefined;
      if (repeat?.min !== undefined && repeat.max !== undefined && repeat.min > repeat.max) add(`${at}.repeat.min`, "bad_range", `min ${repeat.min} is above max ${repeat.max}`);
      break;
    }
    default:
      break;
  }
}

/** Every distinct cycle met by a depth-first search of the dependencies, each from its earliest field. */
function findCycles(nodes: Node[], deps: Map<Node, Node[]>): Node[][] {
  const state = new Map<Node, 1 | 2>();
  const stack: Node[] = [];
  const cycles: Node[][] = [];
  const seen = new Set<string>();
  const visit = (n: Node) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      const s = state.get(d);
      if (s === 1) {
        // The dependency chain back to d, in the order a reader follows it (d's condition first).
        const cycle = stack.slice(stack.indexOf(d));
        const start = cycle.reduce((best, x, i) => (x.order < cycle[best]!.order ? i : best), 0);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const id = rotated.map((x) => x.order).join(",");
        if (!seen.has(id)) {
          seen.add(id);
          cycles.push(rotated);
        }
      } else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  return cycles;
}
