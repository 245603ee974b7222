import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../src/core/forms/types";
import { validateForm } from "../../src/core/forms/validate-form";
import { FIELD_TYPES } from "../../src/core/forms/types";
import { blankForm, earlierKeyPaths, editList, fieldAt, freshKey, moveField, newField, nextDraft, placePath, removeField, retype } from "../../src/web/pages/Forms/formDraft";

const purpose = { id: "Tujuan", en: "Purpose" };
const form = (): FormDefinition => ({
  id: "uji",
  version: 3,
  status: "published",
  title: { id: "Uji", en: "Test" },
  defaultRetentionDays: 30,
  fields: [
    { type: "text", key: "nama", label: { id: "Nama", en: "Name" }, purpose },
    { type: "group", key: "usaha", label: { id: "Usaha", en: "Business" }, fields: [{ type: "text", key: "nama", label: { id: "Nama", en: "Name" }, purpose }, { type: "date", key: "mulai", label: { id: "Mulai", en: "Start" }, purpose }] },
    { type: "group", key: "anggota", label: { id: "Anggota", en: "Members" }, repeat: { min: 1 }, fields: [{ type: "nik", key: "nik", label: { id: "NIK", en: "NIK" }, purpose }] },
    { type: "section", key: "akhir", label: { id: "Akhir", en: "End" } },
    { type: "email", key: "surel", label: { id: "Surel", en: "E-mail" }, purpose },
  ],
});

describe("the form builder's edits (src/web/pages/Forms/formDraft.ts)", () => {
  it("names places as the core's paths and finds, moves, removes and adds fields in groups", () => {
    expect(placePath([1, 0])).toBe("fields[1].fields[0]");
    expect(fieldAt(form(), [1, 1]).key).toBe("mulai");
    const moved = moveField(form(), [1, 1], -1);
    expect(fieldAt(moved, [1, 0]).key).toBe("mulai");
    expect(moveField(form(), [0], -1)).toEqual(form());
    expect(removeField(form(), [1, 0]).fields[1]).toMatchObject({ fields: [{ key: "mulai" }] });
    const added = editList(form(), [1], (list) => [...list, newField("phone", freshKey(list))]);
    expect(fieldAt(added, [1, 2])).toMatchObject({ type: "phone", key: "isian_1" });
    expect(freshKey([newField("text", "isian_1"), newField("text", "isian_3")])).toBe("isian_2");
  });

  it("offers a condition only earlier data fields, never a section, a group or inside a repeating group", () => {
    expect(earlierKeyPaths(form(), [4])).toEqual(["nama", "usaha.nama", "usaha.mulai"]);
    expect(earlierKeyPaths(form(), [1, 1])).toEqual(["nama", "usaha.nama"]);
    expect(earlierKeyPaths(form(), [2, 0])).toEqual(["nama", "usaha.nama", "usaha.mulai"]);
    expect(earlierKeyPaths(form(), [0])).toEqual([]);
  });

  it("starts drafts that the core accepts: blank, the next version, and every new field type once given a purpose", () => {
    const blank = blankForm({ slug: "izin-usaha-mikro", name: "Izin Usaha Mikro" }, "15.71");
    expect(blank.id).toBe("15-71-izin-usaha-mikro");
    expect(validateForm(blank).ok).toBe(true);
    const next = nextDraft(form(), [3, 5, 4]);
    expect(next).toMatchObject({ version: 6, status: "draft" });
    expect(form().status).toBe("published");
    const all: FormDefinition = { ...blank, fields: FIELD_TYPES.map((type, i) => {
      const f = newField(type, `isian_${i + 1}`);
      return f.type === "group" || f.type === "section" ? f : { ...f, purpose };
    }) };
    // The only thing left to state is the purpose of the group's first field (data minimisation: the officer says why).
    const v = validateForm(all);
    expect(v.ok ? [] : v.problems.map((p) => [p.path, p.code])).toEqual([[`fields[${FIELD_TYPES.indexOf("group")}].fields[0]`, "missing_purpose"]]);
  });

  it("changes a field's type keeping its key, texts, condition and data protection", () => {
    const f = { type: "text" as const, key: "asal", label: { id: "Asal", en: "Origin" }, when: { field: "nama", notEmpty: true as const }, purpose, retentionDays: 10 };
    expect(retype(f, "choice")).toMatchObject({ type: "choice", key: "asal", label: f.label, when: f.when, purpose, retentionDays: 10, options: [{ value: "ya" }, { value: "tidak" }] });
    expect(retype(f, "section")).toEqual({ type: "section", key: "asal", label: f.label, when: f.when });
  });
});
