import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-plan-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};
const levels = (f: (n: number) => number | null) => Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), f(i + 1)]));
const plan = (args: string[], input?: string) => runCli(["plan", "--instrument", "permenpanrb-59-2020", ...args], { input });

describe("pandu plan", () => {
  it("prints the cheapest plan to a predicate as JSON, with costs from a file", () => {
    // Everything at 2 (index 2.00) except 42–47 at 3 (2.18). Baik (2.60) needs +0.42.
    const lv = write("levels.json", levels((n) => (n >= 42 ? 3 : 2)));
    // Service indicators 32–41 (2.75 each) cost 3 per step, 42–47 (3.00) cost 1 per step for the
    // first step and 10 for the next; everything else costs 5.
    const costs: Record<string, number | number[]> = {};
    for (let n = 1; n <= 47; n++) costs[String(n)] = n >= 42 ? [1, 10] : n >= 32 ? 3 : 5;
    const r = plan(["--levels", lv, "--target", "Baik", "--costs", write("costs.json", costs)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    // Cheapest per index point: 42–47 one step each (+0.18 for 6), then 32–41 (+0.0275 for 3 each):
    // eight give +0.22 (0.40 in all, short of 0.42), so nine: 6 + 27 = 33, index 2.6075.
    expect(out).toMatchObject({ feasible: true, totalCost: 33, index: 2.61, indexExact: 2.6075, predicate: "Baik", indicatorsTouched: 15 });
    expect(out.steps[0]).toEqual({ indicator: "32", from: 2, to: 3, cost: 3 });
    expect(out.steps.map((s: { indicator: string }) => s.indicator)).toEqual(["32", "33", "34", "35", "36", "37", "38", "39", "40", "42", "43", "44", "45", "46", "47"]);
    expect(out).not.toHaveProperty("levels");
  });

  it("plans to an index from stdin and honours --policy at the rounding boundary", () => {
    // 2.595 exactly: A1, A2, A7 and 21–26 at 3, the rest at 2.
    const three = (n: number) => n <= 14 || (n >= 21 && n <= 26) || (n >= 32 && n <= 41);
    const lv = JSON.stringify(levels((n) => (three(n) ? 3 : 2)));
    const rounded = JSON.parse(plan(["--levels", "-", "--target", "Baik", "--policy", "rounded2"], lv).stdout);
    expect(rounded).toMatchObject({ feasible: true, steps: [], totalCost: 0, index: 2.6, predicate: "Baik" });
    const exact = JSON.parse(plan(["--levels", "-", "--target", "Baik"], lv).stdout);
    expect(exact).toMatchObject({ feasible: true, totalCost: 1, steps: [{ indicator: "1", from: 3, to: 4, cost: 1 }], predicate: "Baik" });
    const byIndex = JSON.parse(plan(["--levels", "-", "--target", "2.6"], lv).stdout);
    expect(byIndex).toEqual(exact);
  });

  it("reports an unreachable target with the highest reachable index", () => {
    const lv = write("ones.json", levels(() => 1));
    const r = plan(["--levels", lv, "--target", "Sangat Baik", "--max-step", "2"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ feasible: false, maxIndex: 3, maxPredicate: "Baik" });
  });

  it("plans several years, each from the previous year's plan", () => {
    const lv = write("jambi.json", levels((n) => [2, 2, 3, 2, 1][n % 5]!));
    const r = plan(["--levels", lv, "--target", "2026=Sangat Baik,2025=Baik"]);
    expect(r.status).toBe(0);
    const years = JSON.parse(r.stdout) as { year: number; feasible: boolean; predicate: string; steps: { indicator: string; from: number; to: number }[] }[];
    expect(years.map((y) => [y.year, y.feasible, y.predicate])).toEqual([
      [2025, true, "Baik"],
      [2026, true, "Sangat Baik"],
    ]);
    const after2025 = new Map(years[0]!.steps.map((s) => [s.indicator, s.to]));
    for (const s of years[1]!.steps) expect(s.from).toBe(after2025.get(s.indicator) ?? [2, 2, 3, 2, 1][Number(s.indicator) % 5]);
  });

  it.each([
    [["--target", "Hebat"], levels(() => 2), 'unknown predicate "Hebat"; expected one of Memuaskan, Sangat Baik, Baik, Cukup, Kurang'],
    [["--target", "Baik"], levels((n) => (n === 7 ? null : 2)), "no level for indicator(s): 7"],
    [["--target", "Baik"], levels((n) => (n === 3 ? 6 : 2)), "indicator 3: level 6 is not an integer from 1 to 5"],
    [["--target", "Baik", "--max-step", "0"], levels(() => 2), "--max-step must be a positive integer"],
    [["--target", "2025:Baik=x"], levels(() => 2), "--target: expected YEAR=TARGET pairs"],
    [["--target", "2.60001"], levels(() => 2), "target index 2.60001 must be a non-negative number with at most four decimals"],
  ])("bad input %j exits 2 with one line on stderr", (args, lv, message) => {
    const r = plan(["--levels", "-", ...args], JSON.stringify(lv));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it.each([
    [{ "12": 0 }, "indicator 12: cost 0 must be a positive number with at most two decimals"],
    [{ "21": [1, 2, "x"] }, 'indicator 21: cost [1,2,"x"] is not a number or an array of numbers'],
  ])("a bad costs file %j exits 2", (costs, message) => {
    const r = plan(["--levels", "-", "--target", "Baik", "--costs", write("bad-costs.json", costs)], JSON.stringify(levels(() => 2)));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
