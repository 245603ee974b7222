import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const FORMS = path.resolve(__dirname, "../../forms");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-forms-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};

describe("pandu forms", () => {
  it("lists the bundled forms", () => {
    const r = runCli(["forms", "list"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kota-jambi-domisili-usaha\s+v1\s+published/);
    expect(r.stdout).toMatch(/jambi-rekomendasi-beasiswa\s+v1\s+draft/);
    expect(r.stdout.trim().split("\n")).toHaveLength(4);
  });

  it("validate: exit 0 for a valid file", () => {
    const r = runCli(["forms", "validate", path.join(FORMS, "kota-jambi-izin-reklame.json")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("valid (kota-jambi-izin-reklame v1, published,");
  });

  it("validate: exit 1 listing every problem with its path (a cycle, an unknown type, a duplicate key)", () => {
    const form = JSON.parse(fs.readFileSync(path.join(FORMS, "kota-jambi-domisili-usaha.json"), "utf8"));
    const index = new Map<string, number>(form.fields.map((f: { key: string }, i: number) => [f.key, i]));
    const at = (key: string) => index.get(key)!;
    form.fields[at("bidang_usaha")].when = { field: "bidang_usaha_lainnya", notEmpty: true };
    form.fields[at("jumlah_pekerja")].type = "integer";
    form.fields[at("email")].key = "telepon";
    const r = runCli(["forms", "validate", write("bad.json", JSON.stringify(form))]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `fields[${at("email")}].key: key "telepon" is already used at fields[${at("telepon")}] [duplicate_key]`,
      `fields[${at("bidang_usaha")}].when.field: "bidang_usaha_lainnya" comes later in the form; a condition may only test an earlier field [forward_ref]`,
      `fields[${at("bidang_usaha")}].when: conditions form a cycle: bidang_usaha → bidang_usaha_lainnya → bidang_usaha [condition_cycle]`,
      expect.stringMatching(new RegExp(`^fields\\[${at("jumlah_pekerja")}\\]\\.type: unknown field type "integer" .*\\[unknown_type\\]$`)),
      expect.stringMatching(/bad\.json: 4 problem\(s\)$/),
    ]);
  });

  it("validate --format json prints the problems with their codes", () => {
    const r = runCli(["forms", "validate", "-", "--format", "json"], { input: JSON.stringify({ id: "x", version: 1, status: "draft", title: { id: "X", en: "X" }, fields: [{ type: "choice", key: "a", label: { id: "A", en: "A" }, options: [] }] }) });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      file: "-",
      valid: false,
      problems: [
        { path: "fields[0]", code: "missing_purpose", message: expect.any(String) },
        { path: "fields[0]", code: "missing_retention", message: expect.any(String) },
        { path: "fields[0].options", code: "choice_no_options", message: "a choice needs at least one option" },
      ],
    });
  });

  it("validate reads YAML", () => {
    const yaml = [
      "id: latihan",
      "version: 2",
      "status: draft",
      "title: { id: Latihan, en: Practice }",
      "defaultRetentionDays: 365",
      "fields:",
      "  - type: nik",
      "    key: nik",
      "    label: { id: NIK, en: NIK }",
      "    required: true",
      "    purpose: { id: Identitas, en: Identity }",
    ].join("\n");
    const r = runCli(["forms", "validate", write("latihan.yaml", yaml)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("valid (latihan v2, draft, 1 fields)");
  });

  it.each([
    [["/nonexistent/form.json"], "cannot read /nonexistent/form.json"],
    [[write("broken.json", "{ id: ")], "broken.json: not valid JSON"],
    [[write("broken.yaml", "a: [1, 2")], "broken.yaml: not valid YAML"],
  ])("validate %j exits 2 when the file cannot be read or parsed", (args, message) => {
    const r = runCli(["forms", "validate", ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("pandu forms check", () => {
  const form = path.join(FORMS, "jambi-permohonan-informasi-publik.json");
  const answers = {
    kategori_pemohon: "perorangan",
    nama: "Budi Santoso",
    nik: "1571011705900001",
    telepon: "+62 812 7400 1234",
    alamat: { province: "15", regency: "1571", district: "157101", village: "1571011001", street: "Jl. Jend. Sudirman 1" },
    rincian_informasi: "Daftar penerima hibah tahun 2025",
    tujuan: "Penelitian",
    cara_memperoleh: ["melihat"],
    cara_pengiriman: "pos",
  };

  it("prints the answers to keep (hidden fields dropped) and exits 0", () => {
    const r = runCli(["forms", "check", form, "-", "--today", "2026-12-07"], { input: JSON.stringify(answers) });
    expect(r.status).toBe(0);
    const kept = JSON.parse(r.stdout);
    expect(kept.nik).toBe("1571011705900001");
    expect(kept).not.toHaveProperty("cara_pengiriman");
  });

  it("lists every error with its path and exits 1", () => {
    const bad = { ...answers, nik: "1571019905900000", cara_memperoleh: ["salinan_cetak"], cara_pengiriman: undefined, extra: 1 };
    const r = runCli(["forms", "check", form, "-", "--today", "2026-12-07"], { input: JSON.stringify(bad) });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "extra: unknown_field",
      "nik: nik_day",
      "nik: nik_serial",
      "cara_pengiriman: required",
      expect.stringMatching(/-: 4 error\(s\) against jambi-permohonan-informasi-publik v1$/),
    ]);
  });

  it("refuses an invalid form or unreadable answers with exit 2", () => {
    const r = runCli(["forms", "check", write("empty.json", JSON.stringify({ id: "x", version: 1, status: "draft", title: { id: "X", en: "X" }, fields: [] })), "-"], { input: "{}" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("fields: a form needs at least one field [invalid_shape]");
    const r2 = runCli(["forms", "check", form, "/nonexistent/answers.json"]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain("cannot read /nonexistent/answers.json");
  });
});
