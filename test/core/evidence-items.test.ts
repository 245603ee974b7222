import { describe, expect, it } from "vitest";
import { effectiveEvidenceItems, evidenceItemsOf, findEvidenceItem, indicatorsOf, validateInstrument, type Instrument, type InstrumentNode } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";

const node: Pick<InstrumentNode, "evidenceItems"> = {
  evidenceItems: {
    "3": [{ code: "L3-01", text: "Tiga satu" }],
    "1": [
      { code: "L1-01", portalCode: "PG_04_01", text: "Satu satu" },
      { code: "L1-02", portalCode: "PG_04_02", text: "Satu dua" },
    ],
    "2": [
      { code: "L2-01", text: "Dua satu" },
      { code: "L2-02", text: "Dua dua" },
    ],
  },
};

const view = (statuses: Record<string, "diterima" | "revisi" | "ditolak">) =>
  effectiveEvidenceItems(node, statuses).map((i) => [i.code, i.assessorStatus, i.status, i.rejectedBy ? `${i.rejectedBy.level}:${i.rejectedBy.itemCode}` : null]);

describe("evidence items of an indicator", () => {
  it("lists items in level order, keeping the instrument's order within a level", () => {
    expect(evidenceItemsOf(node).map((i) => `${i.level}/${i.code}`)).toEqual(["1/L1-01", "1/L1-02", "2/L2-01", "2/L2-02", "3/L3-01"]);
    expect(findEvidenceItem(node, "L1-02")).toEqual({ code: "L1-02", portalCode: "PG_04_02", text: "Satu dua", level: 1 });
    expect(findEvidenceItem(node, "L9-01")).toBeUndefined();
    expect(evidenceItemsOf({})).toEqual([]);
  });

  it("without a rejection every item keeps the assessor's status (or none)", () => {
    expect(view({ "L1-01": "diterima", "L2-01": "revisi" })).toEqual([
      ["L1-01", "diterima", "diterima", null],
      ["L1-02", null, null, null],
      ["L2-01", "revisi", "revisi", null],
      ["L2-02", null, null, null],
      ["L3-01", null, null, null],
    ]);
  });

  it("a rejected level-2 item rejects every item above level 2, naming it; level 2 itself keeps its statuses", () => {
    expect(view({ "L1-01": "diterima", "L2-02": "ditolak", "L2-01": "diterima", "L3-01": "diterima" })).toEqual([
      ["L1-01", "diterima", "diterima", null],
      ["L1-02", null, null, null],
      ["L2-01", "diterima", "diterima", null],
      ["L2-02", "ditolak", "ditolak", null],
      ["L3-01", "diterima", "ditolak", "2:L2-02"],
    ]);
  });

  it("the lowest rejected level is the cause, even when a higher level was rejected too", () => {
    expect(view({ "L1-02": "ditolak", "L2-01": "ditolak" })).toEqual([
      ["L1-01", null, null, null],
      ["L1-02", "ditolak", "ditolak", null],
      ["L2-01", "ditolak", "ditolak", "1:L1-02"],
      ["L2-02", null, "ditolak", "1:L1-02"],
      ["L3-01", null, "ditolak", "1:L1-02"],
    ]);
  });

  it("revisi does not cascade, and statuses for unknown codes are ignored", () => {
    expect(view({ "L1-01": "revisi", "L7-01": "ditolak" }).map((r) => r[2])).toEqual(["revisi", null, null, null, null]);
  });
});

describe("evidence items in the instrument format", () => {
  const base = (): Instrument => ({
    id: "latihan",
    name: "Latihan",
    levels: { min: 1, max: 3 },
    scales: { p: [1, 2, 3].map((level) => ({ level, name: `L${level}` })) },
    predicates: [{ name: "Semua", min: 0 }],
    tree: [{ code: "1", kind: "indicator", name: "Satu", weight: 100, scale: "p", evidenceItems: { "1": [{ code: "L1-01", text: "Bukti" }] } }],
  });

  it("accepts well-formed items", () => {
    expect(validateInstrument(base()).ok).toBe(true);
  });

  it.each<[string, (i: Instrument) => void, string]>([
    ["a bad item code", (i) => (i.tree[0]!.evidenceItems!["1"]![0]!.code = "1-01"), "tree[0].evidenceItems.1[0].code: expected an item code like L2-01"],
    ["a bad portal code", (i) => (i.tree[0]!.evidenceItems!["1"]![0]!.portalCode = "pg-4-1"), "tree[0].evidenceItems.1[0].portalCode: expected a portal code like PG_04_01"],
    ["an item under another level", (i) => (i.tree[0]!.evidenceItems!["2"] = [{ code: "L1-02", text: "x" }]), 'tree[0].evidenceItems.2[0].code: "L1-02" does not belong to level 2 (expected L2-NN)'],
    ["a duplicate item code", (i) => i.tree[0]!.evidenceItems!["1"]!.push({ code: "L1-01", text: "x" }), 'tree[0].evidenceItems.1[1].code: "L1-01" is already used at tree[0].evidenceItems.1[0]'],
    [
      "a duplicate portal code",
      (i) => (i.tree[0]!.evidenceItems = { "1": [{ code: "L1-01", portalCode: "PG_04_01", text: "a" }], "2": [{ code: "L2-01", portalCode: "PG_04_01", text: "b" }] }),
      'tree[0].evidenceItems.2[0].portalCode: "PG_04_01" is already used at tree[0].evidenceItems.1[0]',
    ],
    ["a level outside the scale", (i) => (i.tree[0]!.evidenceItems!["4"] = [{ code: "L4-01", text: "x" }]), "tree[0].evidenceItems.4: level 4 is outside the scale"],
  ])("reports %s with its path", (_name, mutate, problem) => {
    const inst = base();
    mutate(inst);
    const result = validateInstrument(inst);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain(problem);
  });

  it("Pemdi 2026 lists numbered items for every level of all 20 indicators, with the known portal codes", () => {
    const indicators = indicatorsOf(bundledInstrument("pemdi-2026")!.instrument.tree);
    let count = 0;
    for (const ind of indicators) {
      expect(Object.keys(ind.evidenceItems ?? {}).sort(), ind.code).toEqual(["1", "2", "3", "4", "5"]);
      count += evidenceItemsOf(ind).length;
    }
    expect(count).toBe(232);
    const i4 = indicators.find((i) => i.code === "4")!;
    expect(evidenceItemsOf(i4).filter((i) => i.portalCode).map((i) => `${i.code}=${i.portalCode}`)).toEqual(["L1-01=PG_04_01", "L1-02=PG_04_02", "L1-03=PG_04_03"]);
  });
});
