import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};
const levels = (f: (n: number) => number) => JSON.stringify(Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), f(i + 1)])));
const SEED = path.resolve(__dirname, "../../seed/official-results");

describe("pandu score", () => {
  it("prints the index, predicate and every non-indicator node as JSON", () => {
    // 11–14 at 3,4,3,2 (aspect 2 = 3.00, the regulation's example), everything else at 3
    const file = write("levels.json", levels((n) => ({ 12: 4, 14: 2 })[n] ?? 3));
    const r = runCli(["score", "--instrument", "permenpanrb-59-2020", "--levels", file]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // Σ = 3×100 + (4−3)×2.5 + (2−3)×2.5 = 300 → 3.00
    expect(out).toMatchObject({ instrument: "permenpanrb-59-2020", policy: "exact", index: 3, indexRounded: 3, predicate: "Baik" });
    expect(out.nodes.map((n: { code: string }) => n.code)).toEqual(["D1", "A1", "D2", "A2", "A3", "A4", "D3", "A5", "A6", "D4", "A7", "A8"]);
    expect(out.nodes.find((n: { code: string }) => n.code === "A2")).toMatchObject({ kind: "aspect", index: 3 });
  });

  it("reads levels from stdin, renders a table and honours --policy", () => {
    // 1.795 exactly (Σ = 100 + 6×3×3 + 9×2.5 + 2×1.5 = 179.5): rounded2 gives 1.80 Cukup, exact Kurang
    const lv = levels((n) => (n >= 42 ? 4 : (n >= 11 && n <= 19) || n === 21 || n === 22 ? 2 : 1));
    const exact = runCli(["score", "--instrument", "permenpanrb-59-2020", "--levels", "-", "--format", "table"], { input: lv });
    const rounded = runCli(["score", "--instrument", "permenpanrb-59-2020", "--levels", "-", "--policy", "rounded2"], { input: lv });
    expect(exact.stdout).toContain("Indeks SPBE 1.7950 (1.80) Kurang");
    expect(JSON.parse(rounded.stdout)).toMatchObject({ index: 1.795, indexRounded: 1.8, predicate: "Cukup", policy: "rounded2" });
  });

  it("scores Pemdi with decimal values and a source score in place of a value ({ score } for Indeks SDI)", () => {
    const lv = { ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 1])), "3": 1.26, "5": { score: 68.75 } };
    const r = runCli(["score", "--instrument", "pemdi-2026", "--levels", "-"], { input: JSON.stringify(lv) });
    expect(r.status).toBe(0);
    // (1.26 × 5 + 3.75 × 5 + 1 × 90) / 100 = 1.1505
    expect(JSON.parse(r.stdout)).toMatchObject({ instrument: "pemdi-2026", index: 1.1505, predicate: "Kurang" });
    const table = runCli(["score", "--instrument", "pemdi-2026", "--levels", "-", "--format", "table"], { input: JSON.stringify(lv) });
    expect(table.stdout).toContain("Indeks Pemerintah Digital 1.1505 (1.15) Kurang");
    expect(table.stdout).not.toContain("SPBE");
    const out = runCli(["score", "--instrument", "pemdi-2026", "--levels", "-"], { input: JSON.stringify({ ...lv, "5": { score: 120 } }) });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("indicator 5: score 120 is outside 0–100");
    expect(out.stdout).toBe("");
  });

  it("scores a partial assessment only with --partial", () => {
    const lv = JSON.stringify({ "1": 5, "2": 3 });
    const refused = runCli(["score", "--instrument", "permenpanrb-59-2020", "--levels", "-"], { input: lv });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("no level for indicator(s): 3, 4");
    const preview = runCli(["score", "--instrument", "permenpanrb-59-2020", "--levels", "-", "--partial"], { input: lv });
    expect(JSON.parse(preview.stdout)).toMatchObject({ index: 4, partial: true, completeness: { answered: 2, total: 47 } });
  });

  it.each([
    [["--levels", "-"], '{"1": 6}', "indicator 1: level 6 is not an integer from 1 to 5"],
    [["--levels", "-"], '{"1": "tiga"}', 'indicator 1: level "tiga" is not a number'],
    [["--levels", "-"], '{"1": {"score": 50}}', "indicator 1: takes a value, not a score from another index"],
    [["--levels", "-"], "[1,2", "not valid JSON"],
    [["--levels", "/nonexistent/levels.json"], "", "cannot read /nonexistent/levels.json"],
    [["--levels", "-", "--policy", "nearest"], "{}", "--policy must be exact or rounded2"],
  ])("bad input %j exits 2 with a message on stderr", (args, input, message) => {
    const r = runCli(["score", "--instrument", "permenpanrb-59-2020", ...args], { input });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it("accepts an instrument file path instead of an id, in YAML too", () => {
    const yaml = write(
      "mini.yaml",
      [
        "id: mini",
        "name: Mini",
        "levels: { min: 1, max: 5 }",
        "scales: { p: [ {level: 1, name: a}, {level: 2, name: b}, {level: 3, name: c}, {level: 4, name: d}, {level: 5, name: e} ] }",
        "predicates: [ { name: Baik, min: 2.5 }, { name: Kurang, min: 0 } ]",
        "tree:",
        "  - { code: X1, kind: aspek, name: A, weight: 75, children: [ { code: a, kind: indikator, name: a, weight: 50, scale: p }, { code: b, kind: indikator, name: b, weight: 25, scale: p } ] }",
        "  - { code: c, kind: indikator, name: c, weight: 25, scale: p }",
      ].join("\n"),
    );
    const r = runCli(["score", "--instrument", yaml, "--levels", "-"], { input: '{"a": 2, "b": 5, "c": 3}' });
    expect(r.status).toBe(0);
    // (2×50 + 5×25 + 3×25)/100 = 3.00; X1 = (100 + 125)/75 = 3.00
    expect(JSON.parse(r.stdout)).toMatchObject({ instrument: "mini", index: 3, predicate: "Baik", nodes: [{ code: "X1", index: 3 }] });
  });
});

describe("pandu instruments", () => {
  it("lists the bundled instruments", () => {
    const r = runCli(["instruments", "list"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/pemdi-2026\s+official\s+20/);
    expect(r.stdout).toMatch(/permenpanrb-59-2020\s+official\s+47/);
  });

  it("shows one as JSON", () => {
    const r = runCli(["instruments", "show", "permenpanrb-5-2018"]);
    expect(JSON.parse(r.stdout).levels).toEqual({ min: 0, max: 5 });
  });

  it("validates a file: exit 0 when valid, exit 1 listing every problem", () => {
    const good = runCli(["instruments", "validate", path.resolve(__dirname, "../../instruments/permenpanrb-59-2020.json")]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("valid (47 indicators)");
    const inst = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../instruments/pemdi-2026.json"), "utf8"));
    inst.tree[0].weight = 11;
    inst.tree[1].children[0].scale = "nope";
    const bad = runCli(["instruments", "validate", write("bad.json", JSON.stringify(inst))]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("tree[0]: children weights sum to 10, expected 11");
    expect(bad.stderr).toContain('tree[1].children[0].scale: unknown scale "nope"');
    expect(bad.stderr).toContain("tree: root weights sum to 101, expected 100");
  });
});

describe("pandu results verify", () => {
  it.each([
    ["spbe-results-2023.csv", "621 rows checked, 0 disagree (policy 2023: rounded2)"],
    ["spbe-results-2024.csv", "615 rows checked, 0 disagree (policy 2024: exact)"],
  ])("%s: every published row is reproduced", (file, summary) => {
    const r = runCli(["results", "verify", path.join(SEED, file)]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(summary);
  });

  it("names each disagreeing row and exits 1", () => {
    const text = fs.readFileSync(path.join(SEED, "spbe-results-2024.csv"), "utf8").replace("Kota Jambi,5.00,4.10,2.91,4.76,4.32", "Kota Jambi,5.00,4.10,2.91,4.76,4.35");
    const r = runCli(["results", "verify", write("tampered.csv", text)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/line \d+: Pemerintah Kota Jambi \(2024\): index 4.35 vs recomputed 4.3209/);
    expect(r.stdout).toContain("615 rows checked, 1 disagree");
  });

  it("forcing the other year's policy shows the decisive boundary rows", () => {
    const r = runCli(["results", "verify", path.join(SEED, "spbe-results-2024.csv"), "--policy", "rounded2"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Pemerintah Kab. Pacitan (2024): predicate Baik vs Sangat Baik");
  });

  it("a Pemdi 2026 file with the instrument's own aspect columns (a1…a7) is verified against pemdi-2026", () => {
    const r = runCli(["results", "verify", path.resolve(__dirname, "../../docs/examples/pemdi-results-2026.csv")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("4 rows checked, 0 disagree (policy 2026: exact)");
  });

  it("columns that do not fit the year's instrument: every bad row and column on stderr, exit 2", () => {
    const text = "year,category,province,instansi,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan,index,predicate,source_table\n2026,kota,Jambi,Pemerintah Kota Jambi,3.00,3.00,3.00,3.00,3.00,Baik,uji\n2024,kota,Jambi,Pemerintah Kota Jambi,5.00,4.10,2.91,4.76,4.32,Memuaskan,uji\n2031,kota,Jambi,Pemerintah Kota Jambi,,,,,3.00,Baik,uji\n";
    const r = runCli(["results", "verify", write("spbe-columns-2026.csv", text)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("line 2: column d1_kebijakan: D1 is not a top-level node of pemdi-2026 (2026)");
    expect(r.stderr).toContain("line 2: column d4_layanan: D4 is not a top-level node of pemdi-2026 (2026)");
    expect(r.stderr).toContain("line 2: no value for A1, A2, A3, A4, A5, A6, A7 of pemdi-2026 (2026)");
    expect(r.stderr).toContain("line 4: no official instrument for year 2031");
    expect(r.stderr).not.toContain("line 3");
    expect(r.stderr).toContain("6 problem(s) with the node columns; nothing checked");
  });

  it("a malformed CSV exits 2 naming the problem", () => {
    const r = runCli(["results", "verify", write("bad.csv", "year,instansi\n2024,X\n")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("missing column(s): category, province, index, predicate");
  });
});
