import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileInstrument,
  indexNumerator,
  planMultiYear,
  planRoadmap,
  PlanningError,
  predicateFor,
  scoreAssessment,
  targetNumerator,
  type CompiledInstrument,
  type CostTable,
  type Instrument,
  type PlanResult,
  type PlanTarget,
  type PredicatePolicy,
} from "../../src/core";
import { levelsFor, p59 } from "../helpers/instruments";

const BANDS = [
  { name: "Memuaskan", min: 4.2 },
  { name: "Sangat Baik", min: 3.5 },
  { name: "Baik", min: 2.6 },
  { name: "Cukup", min: 1.8 },
  { name: "Kurang", min: 0 },
];

/** Pemdi 2026 (PermenPANRB 8/2026): half-open bands at 1.5 / 2.5 / 3.5 / 4.0. */
const PEMDI_BANDS = [
  { name: "Memuaskan", min: 4 },
  { name: "Sangat Baik", min: 3.5 },
  { name: "Baik", min: 2.5 },
  { name: "Cukup", min: 1.5 },
  { name: "Kurang", min: 0 },
];

/** A source index on the value scale itself (like SJIG 1–5), for indicators valued from another agency. */
const EXTERNAL = {
  source: "Indeks lain",
  min: 1,
  max: 5,
  conversion: "linear" as const,
  bands: [1, 2, 3, 4].map((l) => ({ from: l, to: l + 1, level: l, valueFrom: l, valueTo: l + 1 })),
};

/**
 * A one-domain instrument with the given indicator weights in hundredths (summing to 10 000);
 * `external` marks indicators valued from another agency's index (Pemdi's shape: aspects at the root).
 */
function smallInstrument(weights: number[], levels: { min: number; max: number }, valueStep?: number, bands = BANDS, external: boolean[] = []): CompiledInstrument {
  const instrument: Instrument = {
    id: "small",
    name: "small",
    levels,
    ...(valueStep === undefined ? {} : { valueStep }),
    scales: {},
    predicates: bands,
    tree: [
      {
        code: "D",
        kind: "domain",
        name: "D",
        weight: 100,
        children: weights.map((w, i) => ({ code: `i${i + 1}`, kind: "indicator", name: `i${i + 1}`, weight: w / 100, ...(external[i] ? { externalScore: EXTERNAL } : {}) })),
      },
    ],
  };
  return compileInstrument(instrument);
}

interface Case {
  weights: number[];
  min: number;
  levels: number[];
  costs: (number | number[] | null)[];
  maxSteps: number;
  target: PlanTarget;
  policy: PredicatePolicy;
  /** Values in steps of 0.01 (Pemdi) instead of whole levels. */
  decimal?: boolean;
  /** Predicate bands (default 59/2020's). */
  bands?: typeof BANDS;
  /** Indicators valued from another agency's index: held unless their cost is given. */
  external?: boolean[];
}

/** Positive integer weights summing to 10 000, sometimes on a coarse grid like the real instrument's. */
const weightsOn = (...grids: number[]) => fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.tuple(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: n, maxLength: n }), fc.constantFrom(...grids)).map(([raw, grid]) => {
    const units = 10000 / grid;
    const total = raw.reduce((s, r) => s + r, 0);
    const w = raw.map((r) => Math.max(1, Math.floor((r * units) / total)));
    w[w.length - 1]! += units - w.reduce((s, x) => s + x, 0);
    fc.pre(w.every((x) => x > 0));
    return w.map((x) => x * grid);
  }),
);
const weightsArb = weightsOn(1, 5, 25);
const costArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 9 }),
  fc.integer({ min: 1, max: 900 }).map((c) => c / 100),
  fc.array(fc.integer({ min: 1, max: 20 }).map((c) => c / 4), { minLength: 1, maxLength: 5 }),
);
const caseArb: fc.Arbitrary<Case> = fc
  .tuple(weightsArb, fc.constantFrom(0, 1))
  .chain(([weights, min]) =>
    fc.record({
      weights: fc.constant(weights),
      min: fc.constant(min),
      levels: fc.array(fc.integer({ min, max: 5 }), { minLength: weights.length, maxLength: weights.length }),
      costs: fc.array(costArb, { minLength: weights.length, maxLength: weights.length }),
      maxSteps: fc.integer({ min: 1, max: 5 }),
      target: fc.oneof(
        fc.constantFrom(...BANDS.map((b) => ({ predicate: b.name }) as PlanTarget)),
        fc.integer({ min: 0, max: 5200 }).map((h) => ({ index: h / 1000 }) as PlanTarget),
      ),
      policy: fc.constantFrom<PredicatePolicy>("exact", "rounded2"),
    }),
  );

/**
 * Every combination of rises, scored by the core: the cheapest that meets the target, ties to fewer
 * indicators, then fewer steps, then the larger rise of the earlier indicator.
 */
function bruteForce(compiled: CompiledInstrument, c: Case) {
  const n = c.weights.length;
  const stepCosts = c.levels.map((l, i) => {
    const cost = c.costs[i];
    // a decimal value's first rise goes to the next whole level; an external value without a cost stays
    const room = c.external?.[i] && cost === null ? 0 : Math.min(c.maxSteps, 5 - Math.floor(l));
    const list = Array.isArray(cost) ? cost.slice(0, room) : Array.from({ length: room }, () => cost ?? 1);
    return list.map((x) => Math.round(x * 100));
  });
  const bands = c.bands ?? BANDS;
  const rank = (p: string) => bands.findIndex((b) => b.name === p);
  const meets = (num: number) =>
    "index" in c.target ? num >= Math.round(c.target.index * 10000) : rank(predicateFor(compiled, num, c.policy)) <= rank(c.target.predicate);
  let best: { key: number[]; rises: number[]; num: number } | null = null;
  let maxNum = 0;
  const rises = new Array<number>(n).fill(0);
  const visit = (i: number) => {
    if (i === n) {
      const planned = c.levels.map((l, j) => (rises[j] ? Math.floor(l) + rises[j]! : l));
      const num = indexNumerator(compiled, planned);
      maxNum = Math.max(maxNum, num);
      if (!meets(num)) return;
      let cost = 0;
      rises.forEach((s, j) => {
        for (let k = 0; k < s; k++) cost += stepCosts[j]![k]!;
      });
      const key = [cost, rises.filter((s) => s > 0).length, rises.reduce((a, b) => a + b, 0), ...rises.map((s) => -s)];
      if (!best || lexLess(key, best.key)) best = { key, rises: [...rises], num };
      return;
    }
    for (let s = 0; s <= stepCosts[i]!.length; s++) {
      rises[i] = s;
      visit(i + 1);
    }
    rises[i] = 0;
  };
  visit(0);
  return { best: best as { key: number[]; rises: number[]; num: number } | null, maxNum };
}

function lexLess(a: number[], b: number[]): boolean {
  const k = a.findIndex((v, i) => v !== b[i]);
  return k >= 0 && a[k]! < b[k]!;
}

function toInput(compiled: CompiledInstrument, c: Case) {
  const costs: CostTable = {};
  c.costs.forEach((x, i) => {
    if (x !== null) costs[compiled.codes[i]!] = x;
  });
  return {
    levels: Object.fromEntries(compiled.codes.map((code, i) => [code, c.levels[i]!])),
    target: c.target,
    costs,
    maxStepsPerIndicator: c.maxSteps,
    policy: c.policy,
  };
}

/** Pemdi-like cases: whole-percent weights and values such as 1.26 (steps of 0.01). */
const decimalCaseArb: fc.Arbitrary<Case> = fc.tuple(weightsOn(100), caseArb).chain(([weights, c]) =>
  fc.record({
    values: fc.array(fc.integer({ min: 100, max: 500 }), { minLength: weights.length, maxLength: weights.length }),
    costs: fc.array(costArb, { minLength: weights.length, maxLength: weights.length }),
  }).map(({ values, costs }) => ({ ...c, weights, costs, min: 1, decimal: true, levels: values.map((v) => v / 100) })),
);

/**
 * Pemdi cases: decimal values, Pemdi's bands and targets (Kurang < 1.5 ≤ Cukup < 2.5 ≤ Baik < 3.5 ≤
 * Sangat Baik < 4.0 ≤ Memuaskan, index targets around them), and some indicators valued from
 * another agency's index.
 */
const pemdiCaseArb: fc.Arbitrary<Case> = decimalCaseArb.chain((c) =>
  fc.record({
    external: fc.array(fc.boolean(), { minLength: c.weights.length, maxLength: c.weights.length }),
    target: fc.oneof(
      fc.constantFrom(...PEMDI_BANDS.map((b) => ({ predicate: b.name }) as PlanTarget)),
      fc.constantFrom(1.5, 2.5, 3.5, 4, 2.4999, 3.9999).map((index) => ({ index }) as PlanTarget),
    ),
  }).map(({ external, target }) => ({ ...c, bands: PEMDI_BANDS, external, target })),
);

/** The same cases with costs in the hundreds of billions (e.g. rupiah), mostly past the packed-key fast path. */
const hugeCostArb = caseArb.map((c) => ({
  ...c,
  costs: c.costs.map((x) => (x === null ? null : Array.isArray(x) ? x.map((v) => Math.round(v * 1e11)) : Math.round(x * 1e11))),
}));

describe.each([
  ["small costs", caseArb, 400],
  ["huge costs", hugeCostArb, 150],
  ["decimal values", decimalCaseArb, 200],
  ["Pemdi predicates and external values", pemdiCaseArb, 300],
] as const)("planRoadmap against brute force (%s)", (_name, arb, numRuns) => {
  it("finds the same optimal plan as enumerating every combination, and the plan reaches the target", () => {
    fc.assert(
      fc.property(arb, (c) => {
        const compiled = smallInstrument(c.weights, { min: c.min, max: 5 }, c.decimal ? 0.01 : undefined, c.bands, c.external);
        const input = toInput(compiled, c);
        const result = planRoadmap(compiled, input);
        const { best, maxNum } = bruteForce(compiled, c);
        if (!best) {
          expect(result.feasible).toBe(false);
          if (result.feasible) return;
          expect(result.maxIndexExact).toBe(maxNum / 10000);
          expect(result.maxPredicate).toBe(predicateFor(compiled, maxNum, c.policy));
          return;
        }
        expect(result.feasible).toBe(true);
        if (!result.feasible) return;
        expect(Math.round(result.totalCost * 100)).toBe(best.key[0]);
        // The same plan, including the tie-breaks.
        expect(compiled.codes.map((code, i) => (result.levels[code] === c.levels[i] ? 0 : result.levels[code]! - Math.floor(c.levels[i]!)))).toEqual(best.rises);
        expect(result.steps.map((s) => s.indicator)).toEqual(compiled.codes.filter((_, i) => best.rises[i]! > 0));
        expect(result.indicatorsTouched).toBe(best.key[1]);
        // The plan really reaches the target when scored by the core.
        const score = scoreAssessment(compiled, result.levels, { policy: c.policy });
        expect(score.predicate).toBe(result.predicate);
        expect(score.index).toBe(result.indexExact);
        if ("index" in c.target) expect(score.index).toBeGreaterThanOrEqual(c.target.index);
        else {
          const bands = c.bands ?? BANDS;
          expect(bands.findIndex((b) => b.name === score.predicate)).toBeLessThanOrEqual(bands.findIndex((b) => b.name === (c.target as { predicate: string }).predicate));
        }
        // an indicator valued from another agency's index moves only when its rise is priced
        c.external?.forEach((ext, i) => {
          if (ext && c.costs[i] === null) expect(result.levels[compiled.codes[i]!]).toBe(c.levels[i]);
        });
      }),
      { numRuns },
    );
  });
});

/** 59/2020 levels at index 2.595: A1, A2, A7 and indicators 21–26 at 3, the rest at 2. */
function at2595(): Record<string, number> {
  const three = new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26"]);
  for (let i = 32; i <= 41; i++) three.add(String(i));
  return levelsFor(p59(), (c) => (three.has(c) ? 3 : 2));
}

describe("planRoadmap on PermenPANRB 59/2020", () => {
  const compiled = p59();

  it("derives the predicate thresholds from the bands and the policy", () => {
    expect(targetNumerator(compiled, { predicate: "Baik" }, "exact")).toBe(26000);
    expect(targetNumerator(compiled, { predicate: "Baik" }, "rounded2")).toBe(25950);
    expect(targetNumerator(compiled, { predicate: "Memuaskan" }, "rounded2")).toBe(41950);
    expect(targetNumerator(compiled, { predicate: "Kurang" }, "exact")).toBe(0);
    expect(targetNumerator(compiled, { index: 2.6 }, "exact")).toBe(26000);
    expect(targetNumerator(compiled, { index: 3.2825 }, "exact")).toBe(32825);
  });

  it("at index 2.595 rounded2 already gives Baik while exact needs one step, on the first indicator that suffices", () => {
    const levels = at2595();
    expect(scoreAssessment(compiled, levels).index).toBe(2.595);
    const rounded = planRoadmap(compiled, { levels, target: { predicate: "Baik" }, policy: "rounded2" });
    expect(rounded).toMatchObject({ feasible: true, steps: [], totalCost: 0, index: 2.6, indexExact: 2.595, predicate: "Baik", indicatorsTouched: 0 });
    const exact = planRoadmap(compiled, { levels, target: { predicate: "Baik" }, policy: "exact" });
    // Any single step (every weight ≥ 1.30 > 0.05 needed) costs 1: ties go to the earliest indicator.
    expect(exact).toMatchObject({ feasible: true, steps: [{ indicator: "1", from: 3, to: 4, cost: 1 }], totalCost: 1, indexExact: 2.608, predicate: "Baik" });
  });

  it("breaks cost ties by fewer indicators touched", () => {
    // Needs +0.03: one step of a 3.00 indicator (cost 2) or two steps of 1.50 indicators (cost 1 each).
    const levels = levelsFor(compiled, () => 2);
    const costs: CostTable = Object.fromEntries(compiled.codes.map((c) => [c, Number(c) >= 42 ? 2 : Number(c) >= 21 && Number(c) <= 31 ? 1 : 5]));
    const plan = planRoadmap(compiled, { levels, target: { index: 2.03 }, costs, policy: "exact" });
    expect(plan).toMatchObject({ feasible: true, totalCost: 2, indicatorsTouched: 1, steps: [{ indicator: "42", from: 2, to: 3, cost: 2 }] });
  });

  it("prefers raising one indicator two levels over two indicators when costs tie, and fewer steps when touched ties", () => {
    const levels = levelsFor(compiled, () => 2);
    const plan = planRoadmap(compiled, { levels, target: { index: 2.06 }, maxStepsPerIndicator: 2, policy: "exact" });
    // 0.06 = two steps of one 3.00 indicator (cost 2, 1 touched).
    expect(plan).toMatchObject({ feasible: true, totalCost: 2, indicatorsTouched: 1, steps: [{ indicator: "42", from: 2, to: 4, cost: 2 }] });
  });

  it("reports the highest reachable index when the target is out of reach", () => {
    const levels = levelsFor(compiled, () => 1);
    const plan = planRoadmap(compiled, { levels, target: { predicate: "Baik" }, policy: "exact" });
    expect(plan).toMatchObject({ feasible: false, maxIndex: 2, maxIndexExact: 2, maxPredicate: "Cukup" });
    const capped = planRoadmap(compiled, { levels, target: { index: 5.01 }, maxStepsPerIndicator: 4, policy: "exact" });
    expect(capped).toMatchObject({ feasible: false, maxIndex: 5, maxPredicate: "Memuaskan" });
    const reach = planRoadmap(compiled, { levels, target: { predicate: "Baik" }, maxStepsPerIndicator: 2, policy: "exact" });
    expect(reach.feasible).toBe(true);
  });

  it("keeps decimal costs exact and reports them as given", () => {
    const levels = levelsFor(compiled, () => 2);
    const costs: CostTable = Object.fromEntries(compiled.codes.map((c) => [c, 0.1]));
    costs["42"] = [0.2, 0.1];
    const plan = planRoadmap(compiled, { levels, target: { index: 2.06 }, costs, maxStepsPerIndicator: 2, policy: "exact" });
    // Two steps of a 3.00 indicator: 42 costs 0.2 + 0.1, 43 costs 0.1 + 0.1, the cheaper one wins.
    expect(plan).toMatchObject({ feasible: true, totalCost: 0.2, steps: [{ indicator: "43", from: 2, to: 4, cost: 0.2 }] });
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the total stays exactly 0.3.
    const three = planRoadmap(compiled, { levels, target: { index: 2.09 }, costs, maxStepsPerIndicator: 3, policy: "exact" });
    expect(three).toMatchObject({ feasible: true, totalCost: 0.3, steps: [{ indicator: "43", from: 2, to: 5, cost: 0.3 }] });
  });

  it("offers only the steps a cost array prices", () => {
    const levels = levelsFor(compiled, () => 1);
    const costs: CostTable = Object.fromEntries(compiled.codes.map((c) => [c, [1]]));
    const plan = planRoadmap(compiled, { levels, target: { index: 2.01 }, costs, maxStepsPerIndicator: 4, policy: "exact" });
    expect(plan).toMatchObject({ feasible: false, maxIndex: 2 });
  });

  it("rejects bad input with a typed error naming the problem", () => {
    const levels = levelsFor(compiled, () => 2);
    const base = { levels, target: { predicate: "Baik" } as PlanTarget, policy: "exact" as const };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(PlanningError);
        return [(e as PlanningError).code, (e as PlanningError).message];
      }
      return null;
    };
    expect(code(() => planRoadmap(compiled, { ...base, levels: { ...levels, "99": 2 } }))).toEqual(["unknown_indicator", "unknown indicator code(s): 99"]);
    const missing = { ...levels };
    delete missing["7"];
    expect(code(() => planRoadmap(compiled, { ...base, levels: missing }))?.[0]).toBe("missing_levels");
    expect(code(() => planRoadmap(compiled, { ...base, levels: { ...levels, "3": 6 } }))?.[1]).toBe("indicator 3: level 6 is not an integer from 1 to 5");
    expect(code(() => planRoadmap(compiled, { ...base, levels: { ...levels, "3": 2.5 } }))?.[0]).toBe("invalid_level");
    expect(code(() => planRoadmap(compiled, { ...base, costs: { "48": 1 } }))?.[0]).toBe("unknown_indicator");
    for (const bad of [0, -1, 1.005, Number.NaN, [], [1, 0], "3"] as unknown[]) {
      expect(code(() => planRoadmap(compiled, { ...base, costs: { "12": bad as number } }))?.[0]).toBe("invalid_cost");
    }
    expect(code(() => planRoadmap(compiled, { ...base, costs: { "21": [1, 2, -4] } }))?.[1]).toContain("indicator 21: cost of step 3 -4");
    expect(code(() => planRoadmap(compiled, { ...base, costs: { "12": 1e15 } }))?.[1]).toContain("too large to add up exactly");
    expect(code(() => planRoadmap(compiled, { ...base, target: { predicate: "Hebat" } }))?.[1]).toContain("unknown predicate \"Hebat\"");
    expect(code(() => planRoadmap(compiled, { ...base, target: { index: -1 } }))?.[0]).toBe("invalid_target");
    expect(code(() => planRoadmap(compiled, { ...base, target: { index: 2.60001 } }))?.[0]).toBe("invalid_target");
    expect(code(() => planRoadmap(compiled, { ...base, maxStepsPerIndicator: 0 }))?.[0]).toBe("invalid_option");
  });
});

describe("planMultiYear", () => {
  const compiled = p59();
  const jambi = () => levelsFor(compiled, (c) => [2, 2, 3, 2, 1][Number(c) % 5]!);

  it("plans each year from the previous year's planned levels, one step per indicator per year", () => {
    const levels = jambi();
    const years = planMultiYear(compiled, {
      levels,
      targets: [
        { year: 2026, target: { predicate: "Sangat Baik" } },
        { year: 2025, target: { predicate: "Baik" } },
      ],
      policy: "exact",
    });
    expect(years.map((y) => y.year)).toEqual([2025, 2026]);
    const [first, second] = years.map((y) => y.plan) as [PlanResult, PlanResult];
    expect(first.feasible && second.feasible).toBe(true);
    if (!first.feasible || !second.feasible) return;
    expect(first.predicate).toBe("Baik");
    expect(second.predicate).toBe("Sangat Baik");
    for (const s of first.steps) expect(s).toMatchObject({ from: levels[s.indicator], to: levels[s.indicator]! + 1 });
    for (const s of second.steps) expect(s).toMatchObject({ from: first.levels[s.indicator], to: first.levels[s.indicator]! + 1 });
    // The second year equals a one-year plan from the first year's result.
    const direct = planRoadmap(compiled, { levels: first.levels, target: { predicate: "Sangat Baik" }, policy: "exact" });
    expect(direct).toEqual(second);
  });

  it("counts cost arrays from the original levels and starts over from the same levels after an infeasible year", () => {
    const levels = levelsFor(compiled, () => 1);
    const costs: CostTable = Object.fromEntries(compiled.codes.map((c) => [c, [1, 10]]));
    const years = planMultiYear(compiled, {
      levels,
      costs,
      targets: [
        { year: 2025, target: { index: 1.03 } },
        { year: 2026, target: { index: 1.06 } },
        { year: 2027, target: { index: 3.5 } },
        { year: 2028, target: { index: 1.09 } },
      ],
      policy: "exact",
    });
    const [y1, y2, y3, y4] = years.map((y) => y.plan);
    expect(y1).toMatchObject({ feasible: true, totalCost: 1, steps: [{ indicator: "42", from: 1, to: 2, cost: 1 }] });
    // Indicator 42's second step now costs 10: another 3.00 indicator's first step is cheaper.
    expect(y2).toMatchObject({ feasible: true, totalCost: 1, steps: [{ indicator: "43", from: 1, to: 2, cost: 1 }] });
    expect(y3).toMatchObject({ feasible: false });
    expect(y4).toMatchObject({ feasible: true, totalCost: 1, steps: [{ indicator: "44", from: 1, to: 2, cost: 1 }] });
  });

  it("rejects duplicate years and an empty list", () => {
    const levels = jambi();
    expect(() => planMultiYear(compiled, { levels, targets: [], policy: "exact" })).toThrow(PlanningError);
    expect(() =>
      planMultiYear(compiled, {
        levels,
        targets: [
          { year: 2025, target: { index: 2.5 } },
          { year: 2025, target: { index: 2.7 } },
        ],
        policy: "exact",
      }),
    ).toThrow("each year may appear only once");
  });
});
