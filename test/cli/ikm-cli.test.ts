import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-ikm-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The reference's worked example (e-services.md §2.3): 29 respondents, count of answers 4, 3, 2 per element. */
const SPLITS = [
  [18, 11, 0],
  [14, 15, 0],
  [15, 12, 2],
  [29, 0, 0],
  [15, 14, 0],
  [18, 11, 0],
  [19, 10, 0],
  [18, 11, 0],
  [28, 1, 0],
];
const ROWS: number[][] = Array.from({ length: 29 }, (_, r) =>
  SPLITS.map((split) => {
    const column = split.flatMap((c, k) => Array<number>(c).fill(4 - k));
    return column[r]!;
  }),
);
const U = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"];
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
/** Profile columns first (ignored), then U1…U9. */
const csv = (rows: (number | string)[][], sep = ",") => [["No", "Umur", "Pendidikan", ...U], ...rows.map((r, i) => [i + 1, 30 + i, "S1", ...r])].map((r) => r.join(sep)).join("\n") + "\n";

describe("pandu ikm", () => {
  it("computes the worked example from a CSV: JSON with the contract's keys first", () => {
    const r = runCli(["ikm", write("skm.csv", csv(ROWS)), "--population", "1000"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 6)).toEqual(["respondents", "nrr", "ikm", "mutu", "minimumRespondents", "enough"]);
    expect(out).toMatchObject({
      respondents: 29,
      nrr: [3.6207, 3.4828, 3.4483, 4, 3.5172, 3.6207, 3.6552, 3.6207, 3.9655],
      ikm: 91.48,
      mutu: "A",
      minimumRespondents: 278,
      enough: false,
      policy: "exact",
    });
  });

  it("honours --policy: legacy 0,11 gives 90.56 and legacy 0,111 gives 91.38 for the same file", () => {
    const file = write("skm-policy.csv", csv(ROWS));
    expect(JSON.parse(runCli(["ikm", file, "--policy", "legacy-011"]).stdout)).toMatchObject({ ikm: 90.56, mutu: "A", policy: "legacy-011", minimumRespondents: null, enough: null });
    expect(JSON.parse(runCli(["ikm", file, "--policy", "legacy-0111"]).stdout)).toMatchObject({ ikm: 91.38, policy: "legacy-0111" });
  });

  it("reads a semicolon CSV with a BOM and prints Indonesian text with decimal commas", () => {
    const r = runCli(["ikm", write("skm-id.csv", `\uFEFF${csv(ROWS, ";")}`), "--format", "text", "--population", "1000"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Jumlah responden: 29");
    expect(r.stdout).toMatch(/U3\s+3,4483\s+86,21\s+Waktu penyelesaian/);
    expect(r.stdout).toContain("IKM: 91,48 — mutu A (Sangat baik)");
    expect(r.stdout).toContain("Jumlah minimum responden untuk populasi 1.000: 278 — belum memenuhi jumlah minimum responden");
    expect(r.stdout).toContain("Unsur terendah: U3 (Waktu penyelesaian)");
  });

  it("reads an XLSX with the columns in another order and extra profile columns, and names bad cells by their Excel row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Responden");
    const order = ["U9", "Jenis kelamin", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8"];
    ws.addRow(order);
    for (const r of ROWS) ws.addRow(order.map((c) => (c.startsWith("U") ? r[Number(c.slice(1)) - 1]! : "P")));
    ws.getCell("C5").value = "4"; // a number typed as text still counts (row 5 is respondent 4: U1 = 4)
    const good = path.join(tmp, "skm.xlsx");
    await wb.xlsx.writeFile(good);
    const r = runCli(["ikm", good, "--population", "30"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ respondents: 29, ikm: 91.48, minimumRespondents: 28, enough: true });

    ws.getCell("F7").value = 5; // row 7, column F = U4
    ws.getCell("A9").value = null; // row 9, U9 left empty
    const bad = path.join(tmp, "skm-bad.xlsx");
    await wb.xlsx.writeFile(bad);
    const b = runCli(["ikm", bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain("baris 7, kolom U4: nilai 5 di luar 1–4");
    expect(b.stderr).toContain("baris 9, kolom U9: kosong");
    expect(b.stderr).toContain("2 isian tidak sah; tidak ada yang dihitung");
    expect(b.stdout).toBe("");
  });

  it("bad rows in a CSV exit 2 naming row and column, nothing printed on stdout", () => {
    const rows = ROWS.map((r) => [...r] as (number | string)[]);
    rows[5]![3] = 5; // line 7 (header is line 1)
    rows[9]![0] = "tiga";
    const r = runCli(["ikm", write("skm-bad.csv", csv(rows))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("baris 7, kolom U4: nilai 5 di luar 1–4");
    expect(r.stderr).toContain('baris 11, kolom U1: nilai "tiga" bukan angka 1–4');
    expect(r.stdout).toBe("");
  });

  it("accepts 4.0 and 4,0 from a spreadsheet, and says why each other value is refused", () => {
    const input = `${U.join(",")}\n4.0,"4,0",4,4,4,4,4,4,4\n4,4,4.5,4,-1,0,5.0,4,#N/A\n`;
    const r = runCli(["ikm", "-"], { input });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "baris 3, kolom U3: nilai 4.5 bukan bilangan bulat 1–4",
      "baris 3, kolom U5: nilai -1 di luar 1–4",
      "baris 3, kolom U6: nilai 0 di luar 1–4",
      "baris 3, kolom U7: nilai 5.0 di luar 1–4",
      'baris 3, kolom U9: nilai "#N/A" bukan angka 1–4',
      "pandu: stdin: 5 isian tidak sah; tidak ada yang dihitung",
    ]);
  });

  it.each([
    [["ikm", "-"], "Umur,U1,U2,U3,U4,U5,U6,U7,U8\n30,4,4,4,4,4,4,4,4\n", "kolom U9 tidak ada"],
    [["ikm", "-"], `${U.join(",")}\n`, "tidak ada baris jawaban"],
    [["ikm", "-", "--policy", "0.11"], "", "--policy must be one of exact, legacy-0111, legacy-011"],
    [["ikm", "-", "--population", "0"], "", "--population must be a whole number of at least 1"],
    [["ikm", "-", "--format", "xml"], "", "--format must be json or text"],
    [["ikm", "responses.pdf"], "", "expected a .csv or .xlsx file"],
  ])("bad input %j exits 2", (args, input, message) => {
    const r = runCli(args, { input });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });
});
