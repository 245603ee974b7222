import { describe, expect, it } from "vitest";
import { planRoadmap, PlanningError, resolveScoreInputs, scoreAssessment, ScoringError, validateInstrument, type Instrument } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";

const pemdi = () => bundledInstrument("pemdi-2026")!;

/** The external assessors' values for one kabupaten, 21 Sep 2026 (reference pemdi-2026.md §3, recomputed there). */
const ASSESSOR: Record<string, number> = {
  "1": 2.0, "2": 1.5, "3": 1.26, "4": 1.3, "5": 1, "6": 1, "7": 1, "8": 1, "9": 1, "10": 1,
  "11": 1.5, "12": 1.25, "13": 1.17, "14": 1, "15": 1, "16": 1, "17": 2.5, "18": 1, "19": 1, "20": 1.3,
};

describe("Indeks Pemdi with decimal indicator values (PermenPANRB 8/2026)", () => {
  it("reproduces the assessor result exactly: Σ(w × n) = 124.15 → index 1.2415 (Kurang) and the seven aspect indices", () => {
    const r = scoreAssessment(pemdi(), ASSESSOR, { policy: "exact" });
    expect(r.index).toBe(1.2415);
    expect(r.indexRounded).toBe(1.24);
    expect(r.predicate).toBe("Kurang");
    expect(r.partial).toBe(false);
    const aspects = Object.fromEntries(r.nodes.map((n) => [n.code, n.index]));
    // A4 = 17.5 / 15 = 1.1666…; A5 = (1.17×5 + 1×5) / 10 = 1.085 exactly
    expect(aspects).toEqual({ A1: 1.75, A2: 1.28, A3: 1, A4: 1.1667, A5: 1.085, A6: 1.4, A7: 1.18 });
    expect(r.nodes.map((n) => n.indexRounded)).toEqual([1.75, 1.28, 1, 1.17, 1.09, 1.4, 1.18]);
  });

  it("the predicate bands are half-open: 1.50 is Cukup, 2.49 Cukup, 2.50 Baik, 4.00 Memuaskan", () => {
    const all = (v: number) => Object.fromEntries(pemdi().codes.map((c) => [c, v]));
    expect(scoreAssessment(pemdi(), all(1.5)).predicate).toBe("Cukup");
    expect(scoreAssessment(pemdi(), all(2.49)).predicate).toBe("Cukup");
    expect(scoreAssessment(pemdi(), all(2.5)).predicate).toBe("Baik");
    expect(scoreAssessment(pemdi(), all(4)).predicate).toBe("Memuaskan");
  });

  it("refuses a value with more than two decimals or outside 1.00–5.00, naming the indicator", () => {
    for (const bad of [1.255, 0.99, 5.01]) {
      const err = (() => {
        try {
          scoreAssessment(pemdi(), { ...ASSESSOR, "3": bad });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ScoringError);
      expect((err as ScoringError).details.codes).toEqual(["3"]);
      expect((err as ScoringError).message).toBe(`indicator 3: level ${bad} is not a value from 1.00 to 5.00 in steps of 0.01`);
    }
  });

  it("59/2020 still takes whole levels only", () => {
    const p59 = bundledInstrument("permenpanrb-59-2020")!;
    const levels = Object.fromEntries(p59.codes.map((c) => [c, 2]));
    expect(() => scoreAssessment(p59, { ...levels, "1": 2.5 })).toThrow("indicator 1: level 2.5 is not an integer from 1 to 5");
  });

  it("plans the cheapest way from the assessor result to Baik, raising decimal values to whole levels", () => {
    const plan = planRoadmap(pemdi(), { levels: ASSESSOR, target: { predicate: "Baik" }, policy: "exact", maxStepsPerIndicator: 4 });
    expect(plan.feasible).toBe(true);
    if (!plan.feasible) return;
    expect(plan.predicate).toBe("Baik");
    const score = scoreAssessment(pemdi(), plan.levels, { policy: "exact" });
    expect(score.index).toBe(plan.indexExact);
    expect(score.index).toBeGreaterThanOrEqual(2.5);
    // every step ends on a whole level and starts from the assessor's value
    for (const s of plan.steps) {
      expect(Number.isInteger(s.to)).toBe(true);
      expect(s.from).toBe(ASSESSOR[s.indicator]);
    }
    // one level less anywhere would fall short: the plan needs its whole cost (one per step)
    expect(plan.totalCost).toBe(plan.steps.reduce((n, s) => n + (s.to - Math.floor(s.from)), 0));
  });

  it("the planner names an invalid decimal value", () => {
    expect(() => planRoadmap(pemdi(), { levels: { ...ASSESSOR, "17": 2.555 }, target: { predicate: "Baik" }, policy: "exact" })).toThrow(PlanningError);
  });
});

describe("the instrument format declares decimal values", () => {
  const base = (): Instrument => ({
    id: "mini",
    name: "Mini",
    levels: { min: 1, max: 5 },
    valueStep: 0.01,
    scales: { p: [1, 2, 3, 4, 5].map((level) => ({ level, name: `L${level}` })) },
    predicates: [{ name: "Baik", min: 2.5 }, { name: "Kurang", min: 0 }],
    tree: [
      { code: "a", kind: "indikator", name: "a", weight: 60, scale: "p" },
      { code: "b", kind: "indikator", name: "b", weight: 40, scale: "p", valueStep: 1 },
    ],
  });
  const problems = (i: Instrument) => {
    const r = validateInstrument(i);
    return r.ok ? [] : r.problems;
  };

  it("accepts a step per instrument and per indicator", () => {
    expect(problems(base())).toEqual([]);
  });

  it("reports a step with more than two decimals, one that does not divide a level, and a weight that would make the index inexact, each with its path", () => {
    const i = base();
    i.valueStep = 0.001;
    i.tree[1]!.valueStep = 0.3;
    expect(problems(i)).toEqual(["valueStep: 0.001 has more than two decimals", "tree[1].valueStep: 0.3 does not divide one level (use e.g. 0.01, 0.05, 0.1, 0.25, 0.5 or 1)"]);
    const j = base();
    j.tree[0]!.weight = 59.5;
    j.tree[1]!.weight = 40.5;
    expect(problems(j)).toEqual(["tree[0].weight: 59.5 × value step 0.01 has more than four decimals; with decimal values use a weight with fewer decimals"]);
  });
});

describe("indicators valued from another agency's index", () => {
  const convert = (code: string, score: unknown) => resolveScoreInputs(pemdi(), { [code]: { score } as { score: number } })[code];

  it("converts Indeks SDI linearly within its band: the module's worked examples 25 → 2.00 and 68.75 → 3.75", () => {
    expect(convert("5", 25)).toBe(2);
    expect(convert("5", 68.75)).toBe(3.75);
    // band edges belong to the band above; the top of the range is included
    expect(convert("5", 0)).toBe(1);
    expect(convert("5", 12.5)).toBe(1.5);
    expect(convert("5", 100)).toBe(5);
    // 57.3 → 2.5 + 19.8 / 25 = 3.292, rounded half-up to the step 0.01
    expect(convert("5", 57.3)).toBe(3.29);
    expect(convert("18", 68.75)).toBe(3.75);
  });

  it("converts IPS band → whole level (its bands are not Pemdi's)", () => {
    expect(convert("7", 1.79)).toBe(1);
    expect(convert("7", 2.6)).toBe(3);
    expect(convert("7", 5)).toBe(5);
  });

  it("a score outside the range, or a score for an indicator that takes a value, is refused naming the indicator", () => {
    expect(() => convert("5", 100.5)).toThrow("indicator 5: score 100.5 is outside 0–100 (Indeks Satu Data Indonesia (SDI), Bappenas)");
    expect(() => convert("6", 0.5)).toThrow(ScoringError);
    expect(() => convert("3", 50)).toThrow("indicator 3: takes a value, not a score from another index");
  });

  it("scores an assessment given scores and values together", () => {
    const inputs = { ...Object.fromEntries(pemdi().codes.map((c) => [c, 1])), "5": { score: 25 } };
    const r = scoreAssessment(pemdi(), resolveScoreInputs(pemdi(), inputs));
    expect(r.index).toBe(1.05); // (2 × 5 + 1 × 95) / 100
  });
});

describe("validate reports bad external-score declarations with their paths", () => {
  const withBands = (mutate: (bands: { from: number; to: number; level: number; valueFrom?: number; valueTo?: number }[]) => void) => {
    const i = structuredClone(pemdi().instrument);
    mutate(i.tree[2]!.children![0]!.externalScore!.bands);
    const r = validateInstrument(i);
    return r.ok ? [] : r.problems;
  };
  const at = "tree[2].children[0].externalScore";

  it.each<[string, Parameters<typeof withBands>[0], string[]]>([
    ["a gap", (b) => (b[1]!.from = 13), [`${at}.bands[1]: starts at 13 but the previous band ends at 12.5 (a gap)`]],
    ["an overlap", (b) => (b[2]!.from = 30), [`${at}.bands[2]: starts at 30 but the previous band ends at 37.5 (an overlap)`]],
    ["a band outside the range", (b) => (b[4]!.to = 110), [`${at}.bands[4]: 110 is outside the score range 0–100`]],
    ["a level outside the levels", (b) => (b[4]!.level = 6), [`${at}.bands[4].level: 6 is outside the instrument's levels 1–5`]],
    ["a value with three decimals", (b) => (b[0]!.valueTo = 1.505), [`${at}.bands[0].valueTo: 1.505 has more than two decimals`]],
    ["a value outside 1.00–5.00", (b) => (b[4]!.valueTo = 5.5), [`${at}.bands[4].valueTo: 5.5 is outside 1.00–5.00`]],
    ["a band short of the top", (b) => b.pop(), [`${at}.bands[3]: ends at 75, leaving up to 100 uncovered (a gap)`]],
  ])("%s", (_name, mutate, expected) => {
    expect(withBands(mutate)).toEqual(expected);
  });
});
