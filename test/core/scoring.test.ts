import { describe, expect, it } from "vitest";
import { indexFromNodeValues, scoreAssessment, ScoringError } from "../../src/core";
import { levelsFor, p59 } from "../helpers/instruments";

const node = (r: ReturnType<typeof scoreAssessment>, code: string) => r.nodes.find((n) => n.code === code)!;

describe("official formula, PermenPANRB 59/2020 worked examples (BAB II.B, Tabel 10–12)", () => {
  it("aspect 2 with levels 3, 4, 3, 2 is 3.00", () => {
    const levels = levelsFor(p59(), () => 1);
    Object.assign(levels, { "11": 3, "12": 4, "13": 3, "14": 2 });
    const r = scoreAssessment(p59(), levels);
    expect(node(r, "A2").index).toBe(3);
  });

  it("domain 2 with aspects 3.00, 4.00, 3.00 is 3.40", () => {
    const levels = levelsFor(p59(), () => 1);
    Object.assign(levels, { "11": 3, "12": 4, "13": 3, "14": 2, "15": 4, "16": 4, "17": 4, "18": 4, "19": 3, "20": 3 });
    const r = scoreAssessment(p59(), levels);
    expect([node(r, "A2").index, node(r, "A3").index, node(r, "A4").index, node(r, "D2").index]).toEqual([3, 4, 3, 3.4]);
  });

  it("index with domains 3.70, 3.40, 3.00, 3.20 is exactly 3.282, published 3.28", () => {
    const r = indexFromNodeValues(p59(), { D1: 3.7, D2: 3.4, D3: 3.0, D4: 3.2 }, "exact");
    expect(r.indexMillionths).toBe(3_282_000);
    expect(r.index).toBe(3.282);
    expect(r.indexRounded).toBe(3.28);
    expect(r.predicate).toBe("Baik");
  });

  it("a full assessment gives the exact index Σ(level × weight)/100 and every node", () => {
    const levels = levelsFor(p59(), (c) => {
      const n = Number(c);
      if (n <= 7) return 4; // D1: 4×7 + 3×3 = 37 → 3.70
      if (n <= 10) return 3;
      if (n >= 32 && n <= 41) return 3;
      if (n >= 42) return 4;
      return 3;
    });
    Object.assign(levels, { "11": 3, "12": 4, "13": 3, "14": 2, "15": 4, "16": 4, "17": 4, "18": 4 });
    const r = scoreAssessment(p59(), levels);
    expect(node(r, "D1").index).toBe(3.7);
    expect(node(r, "D2").index).toBe(3.4);
    expect(node(r, "D3").index).toBe(3);
    expect(node(r, "D4").index).toBe(3.3956); // 154.5 / 45.5 = 3.39560…
    expect(node(r, "D4").indexRounded).toBe(3.4);
    // (3.7×13 + 3.4×25 + 3×16.5 + 154.5) / 100 = 3.371 exactly
    expect(r.index).toBe(3.371);
    expect(r.indexRounded).toBe(3.37);
    expect(r.predicate).toBe("Baik");
    expect(r.partial).toBe(false);
    expect(r.completeness).toEqual({ answered: 47, total: 47, ratio: 1 });
  });

  it("D3 of 23/11 is 2.0909…, published 2.09 (rounding half-up on the exact fraction)", () => {
    const levels = levelsFor(p59(), () => 2);
    levels["21"] = 3; // 8 + 3 indicators at 1.5: (2×10 + 3) / 11
    const r = scoreAssessment(p59(), levels);
    expect(node(r, "D3").index).toBe(2.0909);
    expect(node(r, "D3").indexRounded).toBe(2.09);
  });
});

describe("errors and preview", () => {
  it("missing levels are an error listing the missing codes", () => {
    const levels = levelsFor(p59(), () => 3);
    delete levels["5"];
    delete levels["47"];
    try {
      scoreAssessment(p59(), levels);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringError);
      expect((e as ScoringError).code).toBe("missing_levels");
      expect((e as ScoringError).details.codes).toEqual(["5", "47"]);
      expect((e as Error).message).toContain("5, 47");
    }
  });

  it.each([[0], [6], [2.5], [Number.NaN], ["3" as unknown as number]])("level %s is rejected naming the indicator and value", (bad) => {
    const levels = levelsFor(p59(), () => 3);
    levels["12"] = bad;
    expect(() => scoreAssessment(p59(), levels)).toThrowError(/indicator 12: level .* is not an integer from 1 to 5/);
  });

  it("an unknown indicator code is rejected", () => {
    expect(() => scoreAssessment(p59(), { ...levelsFor(p59(), () => 3), "99": 3 })).toThrowError(/unknown indicator code\(s\): 99/);
  });

  it("partial preview scores the answered indicators, marks the index and reports completeness", () => {
    const r = scoreAssessment(p59(), { "1": 4, "2": 2, "11": 5 }, { partial: true });
    expect(r.partial).toBe(true);
    expect(r.completeness).toEqual({ answered: 3, total: 47, ratio: 3 / 47 });
    expect(node(r, "A1").index).toBe(3); // (4 + 2) / 2
    expect(node(r, "A3").index).toBeNull();
    // (4×1.3 + 2×1.3 + 5×2.5) / (1.3 + 1.3 + 2.5) = 20.3 / 5.1 = 3.98039…
    expect(r.index).toBe(3.9804);
  });
});
