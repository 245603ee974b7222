import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-holidays-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("pandu holidays", () => {
  it("validates the bundled files, and lists every problem of a bad one (exit 2)", () => {
    const ok = runCli(["holidays", "validate"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split("\n")).toEqual([
      "2025.json: 2025 ID resmi: 17 libur nasional, 11 cuti bersama",
      "2026.json: 2026 ID resmi: 17 libur nasional, 8 cuti bersama",
      "2027.json: 2027 ID SEMENTARA: 17 libur nasional, 0 cuti bersama",
    ]);
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ year: 2026, region: "ID", status: "official", legalBasis: [{ title: "x" }], days: [{ date: "2027-01-01", kind: "libur_daerah", name: "a" }] }));
    const r = runCli(["holidays", "validate", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("days.0.date: 2027-01-01 is not in 2026");
    expect(r.stderr).toContain("days.0.kind: a national file has no libur_daerah");
    expect(r.stderr).toContain("bad.json: invalid holiday file");
  });

  it("prints a complaint's deadlines in Indonesian, with a pemda's regional holiday", () => {
    const dir = path.join(tmp, "kota-jambi");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "2026-15.71.json"),
      JSON.stringify({ year: 2026, region: "15.71", status: "official", legalBasis: [{ title: "contoh uji" }], days: [{ date: "2026-12-08", kind: "libur_daerah", name: "Libur daerah (contoh uji)" }] }),
    );
    const r = runCli(["holidays", "deadlines", "2026-12-07", "--region", "15.71", "--holidays-dir", dir]);
    expect(r.stderr).toBe("");
    // 8 December off: 9 (1), 10 (2), 11 (3); then 14, 15, 16, 17, 18
    expect(r.stdout).toContain("Batas verifikasi: Jumat, 11 Desember 2026 (3 hari kerja)");
    expect(r.stdout).toContain("Batas tindak lanjut: Jumat, 18 Desember 2026 (5 hari kerja sejak batas verifikasi)");
    const missing = runCli(["holidays", "deadlines", "2028-01-03", "--format", "json"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no holiday calendar for 2028");
  });
});
