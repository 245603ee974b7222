import { describe, expect, it } from "vitest";
import { indicatorsOf, validateInstrument, type Instrument } from "../../src/core";
import { bundledInstrument, bundledInstrumentIds } from "../../src/lib/instrument-files";

function minimal(): Instrument {
  return {
    id: "latihan-opd",
    name: "Latihan",
    status: "official",
    levels: { min: 1, max: 5 },
    scales: { process: [1, 2, 3, 4, 5].map((level) => ({ level, name: `L${level}` })) },
    predicates: [
      { name: "Baik", min: 2.6 },
      { name: "Kurang", min: 0 },
    ],
    tree: [
      {
        code: "A1",
        kind: "aspect",
        name: "Aspek",
        weight: 60,
        children: [
          { code: "1", kind: "indicator", name: "Satu", weight: 30, scale: "process" },
          { code: "2", kind: "indicator", name: "Dua", weight: 30, scale: "process" },
        ],
      },
      { code: "3", kind: "indicator", name: "Tiga", weight: 40, scale: "process" },
    ],
  };
}

describe("bundled instruments", () => {
  it.each(bundledInstrumentIds())("%s validates", (id) => {
    expect(validateInstrument(bundledInstrument(id)!.instrument).ok).toBe(true);
  });

  it("ships the three instruments with their official shapes", () => {
    const shape = (id: string) => {
      const i = bundledInstrument(id)!.instrument;
      return { status: i.status, roots: i.tree.length, indicators: indicatorsOf(i.tree).length, levels: i.levels };
    };
    expect(shape("permenpanrb-59-2020")).toEqual({ status: "official", roots: 4, indicators: 47, levels: { min: 1, max: 5 } });
    expect(shape("permenpanrb-5-2018")).toEqual({ status: "official", roots: 3, indicators: 35, levels: { min: 0, max: 5 } });
    expect(shape("pemdi-2026")).toEqual({ status: "official", roots: 7, indicators: 20, levels: { min: 1, max: 5 } });
  });

  it("every 2020 indicator has a question and criteria and evidence for levels 1–5", () => {
    for (const ind of indicatorsOf(bundledInstrument("permenpanrb-59-2020")!.instrument.tree)) {
      expect(ind.question, ind.code).toBeTruthy();
      expect(Object.keys(ind.criteria ?? {}).sort()).toEqual(["1", "2", "3", "4", "5"]);
      expect(Object.keys(ind.evidence ?? {}).sort()).toEqual(["1", "2", "3", "4", "5"]);
    }
  });

  it("Pemdi 2026 is official under PermenPANRB 8/2026, says how sure its text is, and has its own texts for all 20 indicators", () => {
    const pemdi = bundledInstrument("pemdi-2026")!.instrument;
    expect(pemdi.legalBasis).toMatch(/Nomor 8 Tahun 2026/);
    expect(pemdi.sourceConfidence).toMatch(/naskah resmi/i);
    const indicators = indicatorsOf(pemdi.tree);
    for (const ind of indicators) {
      expect(ind.question, ind.code).toBeTruthy();
      expect(Object.keys(ind.criteria ?? {}).sort()).toEqual(["1", "2", "3", "4", "5"]);
      expect(Object.keys(ind.evidence ?? {}).sort()).toEqual(["1", "2", "3", "4", "5"]);
      // every level lists its numbered evidence items, L{level}-{NN}
      for (const [level, text] of Object.entries(ind.evidence!)) expect(text, `${ind.code} L${level}`).toMatch(new RegExp(`L${level}-0\\d`));
    }
    // no two indicators share the generic skeleton text any more
    expect(new Set(indicators.map((i) => i.criteria!["3"])).size).toBe(20);
    // the portal codes seen on eval.spbe.go.id are kept with their items
    expect(indicators.find((i) => i.code === "4")!.evidence!["1"]).toContain("PG_04_01");
    expect(indicators.find((i) => i.code === "13")!.evidence!["2"]).toContain("TD_13_04");
  });

  it("a status other than official is refused (a province's own instrument leaves it out)", () => {
    const r = validateInstrument({ ...minimal(), status: "provisional" });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^status: /);
    const own = minimal() as Partial<Instrument>;
    delete own.status;
    expect(validateInstrument(own).ok).toBe(true);
  });

  it("a tree of any depth and free kinds is accepted", () => {
    expect(validateInstrument(minimal()).ok).toBe(true);
  });
});

describe("a malformed instrument reports every problem with its path", () => {
  const problemsOf = (mutate: (i: Instrument) => void) => {
    const i = minimal();
    mutate(i);
    const r = validateInstrument(i);
    return r.ok ? [] : r.problems;
  };

  it.each<[string, (i: Instrument) => void, string]>([
    ["children weights", (i) => (i.tree[0]!.children![1]!.weight = 29.9), "tree[0]: children weights sum to 59.9, expected 60"],
    ["root weights", (i) => (i.tree[1]!.weight = 39), "tree: root weights sum to 99, expected 100"],
    ["three decimals", (i) => (i.tree[1]!.weight = 40.001), "tree[1].weight: use at most two decimals (got 40.001)"],
    ["duplicate code", (i) => (i.tree[1]!.code = "1"), 'tree[1].code: "1" is already used at tree[0].children[0]'],
    ["unknown scale", (i) => (i.tree[1]!.scale = "layanan"), 'tree[1].scale: unknown scale "layanan"'],
    ["missing scale", (i) => delete i.tree[1]!.scale, 'tree[1]: indicator "3" has no scale'],
    ["scale gap", (i) => i.scales.process!.pop(), "scales.process: no entry for level 5"],
    ["criteria gap", (i) => (i.tree[1]!.criteria = { "1": "a", "2": "b", "3": "c", "4": "d" }), "tree[1].criteria: no text for level 5"],
    ["criteria outside", (i) => (i.tree[1]!.criteria = { "1": "a", "2": "b", "3": "c", "4": "d", "5": "e", "6": "f" }), "tree[1].criteria: level 6 is outside 1–5"],
    ["predicate order", (i) => i.predicates.reverse(), "predicates[1]: min 2.6 must be below the previous band's 0"],
    ["no lowest band", (i) => (i.predicates = [{ name: "Baik", min: 2.6 }]), "predicates: the lowest band starts at 2.6, so an index of 1 has no predicate"],
    ["level range", (i) => (i.levels = { min: 5, max: 1 }), "levels: min 5 must be below max 1"],
    ["negative weight", (i) => (i.tree[1]!.weight = -40), "tree[1].weight: Too small: expected number to be >0"],
    ["bad id", (i) => (i.id = "Latihan OPD"), "id: use lower-case letters, digits and hyphens"],
    ["bad status", (i) => ((i as { status: string }).status = "draft"), "status: "],
    ["sameAs on an aggregate", (i) => (i.tree[0]!.sameAs = [{ instrument: "permenpanrb-5-2018", code: "1" }]), "tree[0].sameAs: only an indicator can be the same"],
    ["sameAs naming itself", (i) => (i.tree[1]!.sameAs = [{ instrument: "latihan-opd", code: "1" }]), "tree[1].sameAs[0]: names this instrument itself"],
    [
      "sameAs claimed twice",
      (i) => {
        i.tree[0]!.children![0]!.sameAs = [{ instrument: "permenpanrb-5-2018", code: "7" }];
        i.tree[1]!.sameAs = [{ instrument: "permenpanrb-5-2018", code: "7" }];
      },
      'tree[1].sameAs[0]: permenpanrb-5-2018 "7" is already claimed at tree[0].children[0].sameAs[0]',
    ],
  ])("%s", (_name, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems.some((p) => p.startsWith(expected)), `got ${JSON.stringify(problems)}`).toBe(true);
  });

  it("reports several problems at once", () => {
    const problems = problemsOf((i) => {
      i.tree[0]!.children![0]!.weight = 10;
      i.tree[1]!.scale = "x";
    });
    expect(problems).toEqual(["tree[0]: children weights sum to 40, expected 60", 'tree[1].scale: unknown scale "x"']);
  });

  it("rejects input that is not an object", () => {
    const r = validateInstrument("not an instrument");
    expect(r.ok).toBe(false);
  });
});
