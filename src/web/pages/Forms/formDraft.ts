import type { FieldType, FormDefinition, FormField } from "../../../core/forms/types";

/*
 * Pure helpers of the form builder: the starting definitions, new fields of every type, and edits at
 * a field's place in the tree (a list of indexes: [2, 0] is `fields[2].fields[0]`).
 */

/** Where a field sits: its index in the root, then in each group down to it. */
export type FieldPlace = number[];

/** The JSON path of a field as the core's validator names it (`fields[2].fields[0]`). */
export const placePath = (place: FieldPlace) => place.map((i) => `fields[${i}]`).join(".");

/** A form id from a catalogue slug: lower-case letters, digits and hyphens. */
const formIdOf = (slug: string) => slug.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "formulir";

/** A blank form for a catalogue service: its title, one field and a default retention to start from. */
export function blankForm(service: { slug: string; name: string }, agency: string): FormDefinition {
  return {
    id: formIdOf(`${agency.replace(/\./g, "-")}-${service.slug}`),
    version: 1,
    status: "draft",
    title: { id: service.name, en: service.name },
    agency,
    service: service.slug,
    defaultRetentionDays: 365,
    fields: [{ type: "text", key: "nama_pemohon", label: { id: "Nama pemohon", en: "Applicant's name" }, required: true, purpose: { id: "Identitas pemohon", en: "Identity of the applicant" } }],
  };
}

/** The next draft of a form: a copy of the given version, numbered after every version of that form. */
export function nextDraft(from: FormDefinition, versions: readonly number[]): FormDefinition {
  return { ...structuredClone(from), status: "draft", version: Math.max(from.version, ...versions) + 1 };
}

/** A key not yet used among the siblings: `isian_1`, `isian_2`… */
export function freshKey(siblings: readonly FormField[], base = "isian"): string {
  const used = new Set(siblings.map((f) => f.key));
  for (let n = 1; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A new field of a type with the least it needs to be valid (a purpose is for the officer to state). */
export function newField(type: FieldType, key: string): FormField {
  const label = { id: "Isian baru", en: "New field" };
  switch (type) {
    case "section":
      return { type, key, label: { id: "Bagian baru", en: "New section" } };
    case "group":
      return { type, key, label: { id: "Kelompok baru", en: "New group" }, fields: [{ type: "text", key: "isian_1", label }] };
    case "choice":
      return { type, key, label, options: [{ value: "ya", label: { id: "Ya", en: "Yes" } }, { value: "tidak", label: { id: "Tidak", en: "No" } }] };
    case "file":
      return { type, key, label, accept: ["application/pdf"], maxSizeMb: 5 };
    case "address":
      return { type, key, label, level: "village" };
    default:
      return { type, key, label } as FormField;
  }
}

/** Changes a field into another type, keeping what both types share (key, label, help, condition, data protection). */
export function retype(field: FormField, type: FieldType): FormField {
  const fresh = newField(type, field.key) as unknown as Record<string, unknown>;
  const old = field as unknown as Record<string, unknown>;
  const keep = ["label", "help", "when", ...(type === "group" || type === "section" ? [] : ["required", "purpose", "retentionDays", "specificData"])];
  for (const k of keep) if (old[k] !== undefined) fresh[k] = old[k];
  return fresh as unknown as FormField;
}

/** The list of fields a place's field lives in, and its index there. */
function siblingsOf(form: FormDefinition, place: FieldPlace): { list: FormField[]; index: number } {
  let list = form.fields;
  for (const i of place.slice(0, -1)) {
    const g = list[i];
    list = g && g.type === "group" ? g.fields : [];
  }
  return { list, index: place[place.length - 1]! };
}

/** The field at a place. */
export function fieldAt(form: FormDefinition, place: FieldPlace): FormField {
  const { list, index } = siblingsOf(form, place);
  return list[index]!;
}

/** A copy of the form with the field list at a place (the root for `[]`, a group's otherwise) changed. */
export function editList(form: FormDefinition, groupPlace: FieldPlace, change: (list: FormField[]) => FormField[]): FormDefinition {
  const next = structuredClone(form);
  if (groupPlace.length === 0) next.fields = change(next.fields);
  else {
    const { list, index } = siblingsOf(next, groupPlace);
    const g = list[index];
    if (g && g.type === "group") g.fields = change(g.fields);
  }
  return next;
}

/** A copy of the form with one field replaced. */
export const replaceField = (form: FormDefinition, place: FieldPlace, field: FormField) => editList(form, place.slice(0, -1), (list) => list.map((f, i) => (i === place[place.length - 1] ? field : f)));

/** A copy of the form without the field at a place. */
export const removeField = (form: FormDefinition, place: FieldPlace) => editList(form, place.slice(0, -1), (list) => list.filter((_, i) => i !== place[place.length - 1]));

/** A copy of the form with the field at a place moved one up (-1) or down (+1) among its siblings. */
export function moveField(form: FormDefinition, place: FieldPlace, by: -1 | 1): FormDefinition {
  const at = place[place.length - 1]!;
  return editList(form, place.slice(0, -1), (list) => {
    const to = at + by;
    if (to < 0 || to >= list.length) return list;
    const next = [...list];
    [next[at], next[to]] = [next[to]!, next[at]!];
    return next;
  });
}

/** Key paths of the data fields before a place (what a condition there may test), as the core names them. */
export function earlierKeyPaths(form: FormDefinition, place: FieldPlace): string[] {
  const out: string[] = [];
  const walk = (fields: FormField[], prefix: string, depth: number): boolean => {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (depth < place.length && i === place[depth]) {
        if (f.type === "group" && depth < place.length - 1) return walk(f.fields, `${prefix}${f.key}.`, depth + 1);
        return true;
      }
      if (f.type === "group") {
        if (!f.repeat) walk(f.fields, `${prefix}${f.key}.`, place.length + 1);
      } else if (f.type !== "section") out.push(`${prefix}${f.key}`);
    }
    return false;
  };
  walk(form.fields, "", 0);
  return out;
}
