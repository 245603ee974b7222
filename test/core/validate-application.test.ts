import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateApplication, type FormDefinition } from "../../src/core";
import { readFormFile } from "../../src/lib/form-files";

const TODAY = "2026-12-07";
const FORMS = path.resolve(__dirname, "../../forms");
const L = (id: string) => ({ id, en: id });
const purpose = L("Memproses permohonan");
const pdf = (size = 1000) => ({ name: "surat.pdf", size, type: "application/pdf", ref: "upload-1" });
const jpeg = { name: "foto.jpg", size: 2000, type: "image/jpeg" };
const codes = (r: { errors: { path: string; code: string }[] }) => r.errors.map((e) => `${e.path} ${e.code}`);

describe("validateApplication on the demo form for a business domicile certificate", () => {
  const form = readFormFile(path.join(FORMS, "kota-jambi-domisili-usaha.json"));
  const good = {
    nama: "Siti Aminah",
    tanggal_lahir: "1990-05-17",
    nik: "1571015705900002",
    telepon: "0812-7400-1234",
    alamat: { province: "15", regency: "1571", district: "157101", village: "1571011001", street: "Jl. Sultan Thaha No. 5, RT 03" },
    scan_ktp: pdf(),
    nama_usaha: "Warung Siti",
    bidang_usaha: "kuliner",
    jumlah_pekerja: 2,
    lokasi_usaha: { province: "15", regency: "1571", district: "157102", village: "1571021003", street: "Jl. Gatot Subroto No. 12" },
    status_tempat: "sewa",
    perjanjian_sewa: pdf(),
    foto_lokasi: [jpeg, jpeg],
  };

  it("accepts a complete application and keeps only the visible fields' answers", () => {
    const r = validateApplication(form, { ...good, bidang_usaha_lainnya: "tidak dipakai", bukti_kepemilikan: pdf() }, { today: TODAY });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.values).not.toHaveProperty("bidang_usaha_lainnya");
    expect(r.values).not.toHaveProperty("bukti_kepemilikan");
    expect(r.values).toMatchObject({ nik: "1571015705900002", perjanjian_sewa: pdf() });
  });

  it("reports every missing required answer at once, only for visible fields", () => {
    const r = validateApplication(form, {}, { today: TODAY });
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual([
      "nama required",
      "tanggal_lahir required",
      "nik required",
      "telepon required",
      "alamat required",
      "scan_ktp required",
      "nama_usaha required",
      "bidang_usaha required",
      "jumlah_pekerja required",
      "lokasi_usaha required",
      "status_tempat required",
      "foto_lokasi required",
    ]);
  });

  it("shows a conditional field once its condition holds", () => {
    const r = validateApplication(form, { ...good, bidang_usaha: "lainnya", status_tempat: "milik_sendiri" }, { today: TODAY });
    expect(codes(r)).toEqual(["bidang_usaha_lainnya required", "bukti_kepemilikan required"]);
    // the rental agreement is now hidden: dropped, not an error
    expect(r.values).not.toHaveProperty("perjanjian_sewa");
  });

  it("reports every wrong answer with its path and code", () => {
    const r = validateApplication(
      form,
      {
        ...good,
        nama: "x".repeat(101),
        tanggal_lahir: "2027-01-01",
        nik: "1571011705900000",
        telepon: "12345",
        email: "siti@",
        alamat: { province: "15", regency: "1671", district: "167101", village: "1671011001", street: "" },
        scan_ktp: { name: "ktp.exe", size: 10, type: "application/x-msdownload" },
        bidang_usaha: "pertambangan",
        jumlah_pekerja: 2.5,
        lokasi_usaha: { province: "15", regency: "1502", district: "150201" },
        perjanjian_sewa: pdf(6 * 1024 * 1024),
        foto_lokasi: [jpeg, jpeg, jpeg, pdf()],
        catatan: "?",
      },
      { today: TODAY },
    );
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual([
      "catatan unknown_field",
      "nama too_long",
      "tanggal_lahir date_in_future",
      // a man's NIK date (the 17th) and serial 0000
      "nik nik_serial",
      "telepon invalid_phone",
      "email invalid_email",
      "alamat.regency region_outside_parent",
      "alamat.street required",
      "scan_ktp file_type",
      "bidang_usaha not_an_option",
      "jumlah_pekerja not_integer",
      "lokasi_usaha.regency region_outside_form",
      "lokasi_usaha.district region_outside_form",
      "lokasi_usaha.village required",
      "lokasi_usaha.street required",
      "perjanjian_sewa file_too_large",
      "foto_lokasi too_many_files",
      "foto_lokasi[3] file_type",
    ]);
    expect(r.errors.find((e) => e.code === "not_an_option")!.params).toEqual({ allowed: ["perdagangan", "jasa", "kuliner", "industri_rumahan", "lainnya"] });
  });

  it("checks the NIK against the birth date entered before it", () => {
    const r = validateApplication(form, { ...good, tanggal_lahir: "1990-05-18" }, { today: TODAY });
    expect(codes(r)).toEqual(["nik nik_birth_date_mismatch"]);
    expect(codes(validateApplication(form, { ...good, nik: "1571017213900002" }, { today: TODAY }))).toEqual(["nik nik_day", "nik nik_month"]);
  });
});

describe("validateApplication on groups and the remaining types", () => {
  const form: FormDefinition = {
    id: "latihan",
    version: 3,
    status: "published",
    title: L("Latihan"),
    defaultRetentionDays: 365,
    fields: [
      { type: "choice", key: "jenis", label: L("Jenis"), required: true, purpose, options: ["perorangan", "badan"].map((value) => ({ value, label: L(value) })) },
      {
        type: "group",
        key: "badan",
        label: L("Badan"),
        when: { field: "jenis", equals: "badan" },
        fields: [
          { type: "text", key: "nib", label: L("NIB"), required: true, purpose, pattern: "[0-9]{13}" },
          { type: "choice", key: "peran", label: L("Peran"), required: true, purpose, options: ["direktur", "kuasa"].map((value) => ({ value, label: L(value) })) },
          { type: "file", key: "kuasa", label: L("Kuasa"), required: true, purpose, accept: ["application/pdf"], maxSizeMb: 1, when: { field: "badan.peran", equals: "kuasa" } },
        ],
      },
      { type: "kk", key: "kk", label: L("KK"), purpose },
      {
        type: "group",
        key: "anggota",
        label: L("Anggota"),
        repeat: { min: 1, max: 3 },
        fields: [
          { type: "nik", key: "nik", label: L("NIK"), required: true, purpose },
          { type: "choice", key: "hubungan", label: L("Hubungan"), required: true, purpose, options: ["anak", "istri"].map((value) => ({ value, label: L(value) })) },
          { type: "text", key: "sekolah", label: L("Sekolah"), required: true, purpose, when: { all: [{ field: "anggota.hubungan", equals: "anak" }, { field: "jenis", notEmpty: true }] } },
        ],
      },
      {
        type: "choice",
        key: "minat",
        label: L("Minat"),
        multiple: true,
        minSelected: 2,
        maxSelected: 3,
        purpose,
        options: ["a", "b", "c", "d"].map((value) => ({ value, label: L(value) })),
      },
      { type: "textarea", key: "catatan", label: L("Catatan"), minLength: 5, purpose, when: { field: "minat", in: ["d"] } },
      { type: "number", key: "luas", label: L("Luas"), min: 1, max: 100, purpose },
      { type: "date", key: "mulai", label: L("Mulai"), min: "2026-01-01", max: "2026-12-31", purpose },
      { type: "address", key: "kecamatan", label: L("Kecamatan"), level: "district", within: "15", purpose },
    ],
  };
  const member = (hubungan: string, extra: Record<string, unknown> = {}) => ({ nik: "1571011705900001", hubungan, ...extra });

  it("walks a non-repeating group by its path and each item of a repeating group on its own", () => {
    const r = validateApplication(
      form,
      {
        jenis: "badan",
        badan: { nib: "12345", peran: "kuasa" },
        anggota: [member("anak"), member("istri"), member("anak", { sekolah: "SMA 1" })],
      },
      { today: TODAY },
    );
    expect(codes(r)).toEqual(["badan.nib pattern", "badan.kuasa required", "anggota[0].sekolah required"]);
    expect(r.values.anggota).toEqual([member("anak"), member("istri"), member("anak", { sekolah: "SMA 1" })]);
  });

  it("counts the items of a repeating group and refuses items that are no objects", () => {
    expect(codes(validateApplication(form, { jenis: "perorangan" }))).toEqual(["anggota too_few_items"]);
    expect(codes(validateApplication(form, { jenis: "perorangan", anggota: [member("istri"), member("istri"), member("istri"), "x"] }))).toEqual([
      "anggota too_many_items",
      "anggota[3] wrong_type",
    ]);
    expect(codes(validateApplication(form, { jenis: "perorangan", anggota: { nik: "1" } }))).toEqual(["anggota wrong_type"]);
    expect(codes(validateApplication(form, { jenis: "badan", badan: "PT Maju", anggota: [member("istri")] }))).toEqual(["badan wrong_type"]);
  });

  it("drops a hidden group with everything in it", () => {
    const r = validateApplication(form, { jenis: "perorangan", badan: { nib: "x" }, anggota: [member("istri")] });
    expect(r.ok).toBe(true);
    expect(r.values).toEqual({ jenis: "perorangan", anggota: [member("istri")] });
  });

  it("checks multiple choices, text length, numbers, dates, KK and a district-level address", () => {
    const r = validateApplication(
      form,
      {
        jenis: "perorangan",
        anggota: [member("istri", { nik: "15710117059000011" })],
        kk: "1571011303150000",
        minat: ["a", "d", "d", "e"],
        catatan: "ok",
        luas: "20",
        mulai: "2026-02-30",
        kecamatan: { province: "16", regency: "1671", district: "167100", village: "1671011001" },
      },
      { today: TODAY },
    );
    expect(codes(r)).toEqual([
      "kk kk_serial",
      "anggota[0].nik nik_length",
      "minat[2] duplicate_choice",
      "minat[3] not_an_option",
      "minat too_many_choices",
      "catatan too_short",
      "luas wrong_type",
      "mulai invalid_date",
      "kecamatan.village unknown_field",
      "kecamatan.province region_outside_form",
      "kecamatan.regency region_outside_form",
      "kecamatan.district region_district_code",
    ]);
    expect(codes(validateApplication(form, { jenis: "perorangan", anggota: [member("istri")], minat: ["a"], luas: 0, mulai: "2025-12-31" }))).toEqual([
      "minat too_few_choices",
      "luas below_min",
      "mulai date_before_min",
    ]);
  });

  it("refuses answers that are not an object", () => {
    expect(validateApplication(form, [])).toEqual({ ok: false, errors: [{ path: "(root)", code: "wrong_type" }], values: {} });
  });
});

describe("validateApplication inside repeating items", () => {
  const form: FormDefinition = {
    id: "keluarga",
    version: 1,
    status: "draft",
    title: L("Keluarga"),
    defaultRetentionDays: 30,
    fields: [
      {
        type: "group",
        key: "anggota",
        label: L("Anggota"),
        repeat: { max: 5 },
        fields: [
          { type: "date", key: "lahir", label: L("Lahir"), required: true, notFuture: true, purpose },
          { type: "nik", key: "nik", label: L("NIK"), required: true, purpose, birthDateField: "anggota.lahir" },
        ],
      },
    ],
  };

  it("compares each item's NIK with the birth date of the same item, and not with one that failed its own check", () => {
    const r = validateApplication(
      form,
      {
        anggota: [
          { lahir: "1990-05-17", nik: "1571011705900001" },
          { lahir: "1990-05-18", nik: "1571011705900001" },
          { lahir: "2030-05-17", nik: "1571011705300001" },
          { lahir: "2010-01-01", nik: "1571014101100003" },
        ],
      },
      { today: TODAY },
    );
    expect(codes(r)).toEqual(["anggota[1].nik nik_birth_date_mismatch", "anggota[2].lahir date_in_future"]);
  });
});

describe("robustness", () => {
  /** A small deterministic generator (no Math.random: the same cases on every run). */
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  }
  const junk = [null, 0, -1, 1.5, "", "x", "1571011705900001", [], [1, "a"], {}, { a: 1 }, true, "2026-02-30", { province: "15" }];

  it("checks arbitrary answers to every demo form without throwing", () => {
    const next = rng(19);
    for (const file of ["kota-jambi-domisili-usaha", "kota-jambi-izin-reklame", "jambi-rekomendasi-beasiswa", "jambi-permohonan-informasi-publik"]) {
      const form = readFormFile(path.join(FORMS, `${file}.json`));
      const keys = JSON.stringify(form).match(/"key":"[a-z0-9_]+"/g)!.map((k) => k.slice(7, -1));
      for (let n = 0; n < 300; n++) {
        const answers: Record<string, unknown> = {};
        for (const k of keys) if (next() < 0.6) answers[k] = next() < 0.2 ? [{ [keys[Math.floor(next() * keys.length)]!]: junk[Math.floor(next() * junk.length)] }] : junk[Math.floor(next() * junk.length)];
        const r = validateApplication(form, answers, { today: TODAY });
        expect(typeof r.ok).toBe("boolean");
      }
    }
  });
});
