import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexNumerator, scoreAssessment } from "../../src/core";
import { bundledInstrument, bundledInstrumentIds } from "../../src/lib/instrument-files";

describe.each(bundledInstrumentIds())("scoring properties of %s", (id) => {
  const compiled = bundledInstrument(id)!;
  const { levelMin: min, levelMax: max, codes } = compiled;
  const levelsArb = fc.array(fc.integer({ min, max }), { minLength: codes.length, maxLength: codes.length });
  const asMap = (levels: number[]) => Object.fromEntries(codes.map((c, i) => [c, levels[i]!]));

  it("every indicator at level k gives index k at every node", () => {
    for (let k = min; k <= max; k++) {
      const r = scoreAssessment(compiled, asMap(codes.map(() => k)));
      expect(r.index).toBe(k);
      for (const n of r.nodes) expect(n.index).toBe(k);
    }
  });

  it("the index stays within [min, max] and equals Σ(level × weight)/100", () => {
    fc.assert(
      fc.property(levelsArb, (levels) => {
        const r = scoreAssessment(compiled, asMap(levels));
        expect(r.index).toBeGreaterThanOrEqual(min);
        expect(r.index).toBeLessThanOrEqual(max);
        const float = levels.reduce((s, l, i) => s + (l * compiled.weights[i]!) / 10000, 0);
        expect(Math.abs(r.index - float)).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("raising any one level strictly raises the index, lowers no node and never lowers the predicate", () => {
    const rank = (p: string) => compiled.predicates.findIndex((b) => b.name === p);
    fc.assert(
      fc.property(levelsArb, fc.nat({ max: codes.length - 1 }), (levels, i) => {
        fc.pre(levels[i]! < max);
        const before = indexNumerator(compiled, levels);
        const raised = [...levels];
        raised[i]! += 1;
        expect(indexNumerator(compiled, raised)).toBeGreaterThan(before);
        const a = scoreAssessment(compiled, asMap(levels));
        const b = scoreAssessment(compiled, asMap(raised));
        for (let k = 0; k < a.nodes.length; k++) expect(b.nodes[k]!.index!).toBeGreaterThanOrEqual(a.nodes[k]!.index!);
        expect(rank(b.predicate)).toBeLessThanOrEqual(rank(a.predicate));
      }),
      { numRuns: 300 },
    );
  });
});
