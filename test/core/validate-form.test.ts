import { describe, expect, it } from "vitest";
import { validateForm, type FormDefinition, type FormProblem } from "../../src/core";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";

const L = (id: string) => ({ id, en: `${id} (en)` });
const purpose = L("Memproses permohonan");

/** A small valid form; tests change a copy. */
function form(): FormDefinition {
  return {
    id: "latihan",
    version: 1,
    status: "draft",
    title: L("Latihan"),
    defaultRetentionDays: 365,
    fields: [
      { type: "section", key: "bagian", label: L("Bagian") },
      { type: "text", key: "nama", label: L("Nama"), required: true, purpose },
      {
        type: "choice",
        key: "jenis",
        label: L("Jenis"),
        options: [
          { value: "a", label: L("A") },
          { value: "b", label: L("B") },
        ],
        purpose,
      },
      { type: "number", key: "jumlah", label: L("Jumlah"), purpose, when: { field: "jenis", equals: "a" } },
      {
        type: "group",
        key: "anggota",
        label: L("Anggota"),
        repeat: { min: 0, max: 5 },
        fields: [
          { type: "text", key: "nama", label: L("Nama"), purpose },
          { type: "choice", key: "hubungan", label: L("Hubungan"), options: [{ value: "anak", label: L("Anak") }], purpose },
          { type: "date", key: "lahir", label: L("Lahir"), purpose, when: { field: "anggota.hubungan", equals: "anak" } },
        ],
      },
    ],
  };
}
type Json = Record<string, unknown>;
const edit = (f: (raw: Json & { fields: Json[] }) => void): unknown => {
  const raw = JSON.parse(JSON.stringify(form())) as Json & { fields: Json[] };
  f(raw);
  return raw;
};
const problems = (input: unknown): FormProblem[] => {
  const r = validateForm(input);
  return r.ok ? [] : r.problems;
};
const brief = (input: unknown) => problems(input).map((p) => `${p.path} ${p.code}`);

describe("validateForm", () => {
  it("accepts a valid form", () => {
    expect(validateForm(form())).toMatchObject({ ok: true, problems: [] });
  });

  it.each(bundledFormFiles().map((f) => [f.replace(/.*\//, ""), f]))("the bundled form %s validates", (_name, file) => {
    expect(() => readFormFile(file)).not.toThrow();
  });

  it("refuses what is not a form object, and a form without fields", () => {
    expect(brief(null)).toEqual(["(root) invalid_shape"]);
    expect(brief([])).toEqual(["(root) invalid_shape"]);
    expect(brief(edit((f) => (f.fields = [])))).toEqual(["fields invalid_shape"]);
  });

  it("checks the header: id, version, status, texts in both languages, unknown keys", () => {
    const p = brief(
      edit((f) => {
        f.id = "Latihan Form";
        f.version = 0;
        f.status = "live";
        f.title = { id: "Latihan" };
        f.agency = "1571";
        f.extra = true;
      }),
    );
    expect(p).toEqual(["id invalid_shape", "version invalid_shape", "status invalid_shape", "title.en invalid_shape", "agency invalid_shape", "(root) invalid_shape"]);
  });

  it("reports an unknown type and still checks the other fields (every problem at once)", () => {
    const input = edit((f) => {
      f.fields[1]!.type = "checkbox";
      f.fields[2]!.key = "bagian";
      (f.fields[4]!.fields as Json[])[0]!.requried = true;
    });
    expect(problems(input)).toEqual([
      { path: "fields[1].type", code: "unknown_type", message: expect.stringContaining('unknown field type "checkbox"') },
      { path: "fields[2].key", code: "duplicate_key", message: 'key "bagian" is already used at fields[0]' },
      // the field keyed "jenis" is gone, so the condition on it names an unknown field
      { path: "fields[3].when.field", code: "unknown_field_ref", message: '"jenis" is no field of this form' },
      { path: "fields[4].fields[0]", code: "invalid_shape", message: 'Unrecognized key: "requried"' },
    ]);
  });

  it("finds duplicate keys per level, also inside groups; the same key in another group is fine", () => {
    const p = brief(
      edit((f) => {
        (f.fields[4]!.fields as Json[]).push({ type: "text", key: "hubungan", label: L("Lagi"), purpose });
        f.fields.push({ type: "text", key: "jumlah", label: L("Lagi"), purpose });
      }),
    );
    expect(p).toEqual(["fields[4].fields[3].key duplicate_key", "fields[5].key duplicate_key"]);
    // `nama` at the root and `anggota.nama` do not clash
    expect(brief(form())).toEqual([]);
  });

  it("does not resolve paths into a group whose key is already taken", () => {
    const p = brief(
      edit((f) => {
        f.fields.push({ type: "group", key: "anggota", label: L("Lagi"), fields: [{ type: "text", key: "x", label: L("X"), purpose }] });
        f.fields.push({ type: "text", key: "y", label: L("Y"), purpose, when: { field: "anggota.x", notEmpty: true } });
      }),
    );
    expect(p).toEqual(["fields[5].key duplicate_key", "fields[6].when.field unknown_field_ref"]);
  });

  it("checks keys, labels and a missing type", () => {
    const p = brief(
      edit((f) => {
        f.fields[1]!.key = "Nama Lengkap";
        delete f.fields[2]!.label;
        delete f.fields[3]!.type;
      }),
    );
    expect(p).toEqual(["fields[1].key invalid_shape", "fields[2].label invalid_shape", "fields[3].type invalid_shape"]);
  });

  describe("conditions", () => {
    it("names an unknown field, and suggests the full path of a group's field", () => {
      const p = problems(
        edit((f) => {
          f.fields[3]!.when = { field: "jenis_usaha", equals: "a" };
          (f.fields[4]!.fields as Json[])[2]!.when = { field: "hubungan", equals: "anak" };
        }),
      );
      expect(p).toEqual([
        { path: "fields[3].when.field", code: "unknown_field_ref", message: '"jenis_usaha" is no field of this form' },
        { path: "fields[4].fields[2].when.field", code: "unknown_field_ref", message: '"hubungan" is no field of this form (inside a group, write the full path "anggota.hubungan")' },
      ]);
    });

    it("refuses a condition on a later field", () => {
      const p = brief(edit((f) => (f.fields[1]!.when = { field: "jumlah", notEmpty: true })));
      expect(p).toEqual(["fields[1].when.field forward_ref"]);
    });

    it("finds a cycle of two fields (and the forward reference that makes it)", () => {
      const p = problems(edit((f) => (f.fields[2]!.when = { field: "jumlah", notEmpty: true })));
      expect(p).toEqual([
        { path: "fields[2].when.field", code: "forward_ref", message: expect.any(String) },
        { path: "fields[2].when", code: "condition_cycle", message: "conditions form a cycle: jenis → jumlah → jenis" },
      ]);
    });

    it("finds a field that depends on itself, and a longer cycle through all/any", () => {
      expect(brief(edit((f) => (f.fields[1]!.when = { field: "nama", notEmpty: true })))).toEqual(["fields[1].when condition_cycle"]);
      const p = problems(
        edit((f) => {
          f.fields[1]!.when = { any: [{ field: "jenis", equals: "a" }, { all: [{ field: "nama", notEmpty: true }] }] };
          f.fields[2]!.when = { field: "jumlah", in: [1, 2] };
        }),
      );
      expect(p.filter((x) => x.code === "condition_cycle").map((x) => x.message)).toEqual([
        "conditions form a cycle: nama → nama",
        "conditions form a cycle: jenis → jumlah → jenis",
      ]);
    });

    it("finds a group whose condition depends on its own field", () => {
      const p = problems(edit((f) => (f.fields[4]!.when = { field: "anggota.nama", notEmpty: true })));
      expect(p.map((x) => x.code)).toEqual(["forward_ref", "condition_cycle"]);
      expect(p.find((x) => x.code === "condition_cycle")!.message).toBe("conditions form a cycle: anggota → anggota.nama → anggota");
    });

    it("refuses a reference into a repeating group from outside it, and to a section or group", () => {
      const p = brief(
        edit((f) => {
          f.fields.push({ type: "text", key: "catatan", label: L("Catatan"), purpose, when: { field: "anggota.hubungan", equals: "anak" } });
          f.fields[3]!.when = { any: [{ field: "bagian", notEmpty: true }, { field: "anggota", notEmpty: true }] };
        }),
      );
      expect(p).toEqual(["fields[3].when.any[0].field ref_not_value", "fields[3].when.any[1].field ref_not_value", "fields[5].when.field ref_into_repeat"]);
    });

    it("checks the compared values against the tested field", () => {
      const p = brief(
        edit((f) => {
          f.fields[3]!.when = { field: "jenis", in: ["a", "c"] };
          f.fields.push({ type: "text", key: "x", label: L("X"), purpose, when: { field: "jumlah", equals: "5" } });
          f.fields.push({ type: "file", key: "berkas", label: L("Berkas"), accept: ["application/pdf"], maxSizeMb: 1, purpose });
          f.fields.push({ type: "text", key: "y", label: L("Y"), purpose, when: { field: "berkas", equals: "x.pdf" } });
          f.fields.push({ type: "text", key: "z", label: L("Z"), purpose, when: { field: "nama", equals: 3 } });
        }),
      );
      expect(p).toEqual(["fields[3].when.in condition_value", "fields[5].when.equals condition_value", "fields[7].when condition_operator", "fields[8].when.equals condition_value"]);
    });

    it("checks the shape of a condition", () => {
      const p = brief(
        edit((f) => {
          f.fields[3]!.when = { field: "jenis", equals: "a", in: ["b"] };
          (f.fields[4]!.fields as Json[])[2]!.when = { all: [] };
          f.fields.push({ type: "text", key: "x", label: L("X"), purpose, when: { field: "jenis", notEmpty: false, is: "a" } });
          f.fields.push({ type: "text", key: "y", label: L("Y"), purpose, when: "jenis == a" });
        }),
      );
      expect(p).toEqual([
        "fields[3].when invalid_shape",
        "fields[4].fields[2].when.all invalid_shape",
        "fields[5].when invalid_shape",
        "fields[5].when.notEmpty invalid_shape",
        "fields[6].when invalid_shape",
      ]);
    });
  });

  it("checks choices: options present and unique, selection bounds only for multiple choices", () => {
    const p = brief(
      edit((f) => {
        f.fields[2]!.options = [];
        f.fields.push({ type: "choice", key: "c", label: L("C"), purpose, options: [{ value: "a", label: L("A") }, { value: "a", label: L("A2") }], minSelected: 1 });
        f.fields.push({ type: "choice", key: "d", label: L("D"), purpose, multiple: true, options: [{ value: "a", label: L("A") }], minSelected: 2, maxSelected: 1 });
      }),
    );
    expect(p).toEqual([
      "fields[2].options choice_no_options",
      "fields[3].when.equals condition_value",
      "fields[5].options[1].value duplicate_option",
      "fields[5].minSelected invalid_shape",
      "fields[6].minSelected bad_range",
      "fields[6].minSelected bad_range",
    ]);
  });

  it("asks every data field for its purpose and retention (UU 27/2022)", () => {
    const p = brief(
      edit((f) => {
        delete f.defaultRetentionDays;
        delete f.fields[1]!.purpose;
        f.fields[2]!.retentionDays = 0;
        f.fields[3]!.retentionDays = 1.5;
        (f.fields[4]!.fields as Json[])[0]!.retentionDays = 40_000;
        (f.fields[4]!.fields as Json[])[1]!.retentionDays = 30;
        (f.fields[4]!.fields as Json[])[2]!.retentionDays = 30;
      }),
    );
    expect(p).toEqual([
      "fields[1] missing_purpose",
      "fields[1] missing_retention",
      "fields[2].retentionDays bad_retention",
      "fields[3].retentionDays bad_retention",
      "fields[4].fields[0].retentionDays bad_retention",
    ]);
    expect(brief(edit((f) => (f.defaultRetentionDays = -1)))).toEqual(["defaultRetentionDays bad_retention"]);
  });

  it("checks ranges, patterns, dates, region codes, media types and empty groups", () => {
    const p = brief(
      edit((f) => {
        f.fields[1]!.minLength = 10;
        f.fields[1]!.maxLength = 5;
        f.fields[1]!.pattern = "([0-9]";
        f.fields[3]!.min = 10;
        f.fields[3]!.max = 1;
        f.fields.push({ type: "date", key: "tgl", label: L("Tgl"), purpose, min: "2026-02-30", max: "2020-01-01" });
        f.fields.push({ type: "date", key: "tgl2", label: L("Tgl"), purpose, min: "2026-01-01", max: "2020-01-01" });
        f.fields.push({ type: "address", key: "alamat", label: L("Alamat"), purpose, within: "1570" });
        f.fields.push({ type: "address", key: "alamat2", label: L("Alamat"), purpose, within: "1571", level: "regency" });
        f.fields.push({ type: "file", key: "berkas", label: L("Berkas"), purpose, accept: ["application/pdf", "application/x-msdownload"], maxSizeMb: 2 });
        f.fields.push({ type: "group", key: "kosong", label: L("Kosong"), fields: [] });
        f.fields.push({ type: "group", key: "ulang", label: L("Ulang"), repeat: { min: 3, max: 2 }, fields: [{ type: "text", key: "a", label: L("A"), purpose }] });
      }),
    );
    expect(p).toEqual([
      "fields[1].minLength bad_range",
      "fields[1].pattern bad_pattern",
      "fields[3].min bad_range",
      "fields[5].min invalid_shape",
      "fields[6].min bad_range",
      "fields[7].within bad_region_code",
      "fields[8].within bad_region_code",
      "fields[9].accept[1] unknown_media_type",
      "fields[10].fields empty_group",
      "fields[11].repeat.min bad_range",
    ]);
  });

  it("checks the NIK's birth-date field: known, a date, earlier in the form", () => {
    const nikField = (birthDateField: string) => ({ type: "nik", key: `nik_${birthDateField}`, label: L("NIK"), purpose, birthDateField });
    const p = brief(
      edit((f) => {
        f.fields.push(nikField("lahir"), nikField("nama"), nikField("tgl"), { type: "date", key: "tgl", label: L("Tgl"), purpose });
      }),
    );
    expect(p).toEqual(["fields[5].birthDateField unknown_field_ref", "fields[6].birthDateField ref_wrong_type", "fields[7].birthDateField forward_ref"]);
  });
});

describe("validateForm on damaged input", () => {
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  }
  const junk = [null, 0, -1, 1.5, "", "x", [], [{}], {}, { field: "nama" }, true, { all: [{ field: "x" }] }, "group"];

  it("reports problems, never throws, whatever a property is replaced by", () => {
    const next = rng(7);
    const base = JSON.stringify(readFormFile(bundledFormFiles().find((f) => f.endsWith("kota-jambi-izin-reklame.json"))!));
    for (let n = 0; n < 400; n++) {
      const raw = JSON.parse(base);
      // Replace a few properties anywhere in the tree by junk.
      const objects: Record<string, unknown>[] = [];
      const collect = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === "object") {
          objects.push(v as Record<string, unknown>);
          Object.values(v).forEach(collect);
        }
      };
      collect(raw);
      for (let k = 0; k < 3; k++) {
        const o = objects[Math.floor(next() * objects.length)]!;
        const props = Object.keys(o);
        if (props.length) o[props[Math.floor(next() * props.length)]!] = junk[Math.floor(next() * junk.length)];
      }
      const r = validateForm(raw);
      if (!r.ok) expect(r.problems.every((p) => p.path && p.code && p.message)).toBe(true);
    }
  });
});
