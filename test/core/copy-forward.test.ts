import { describe, expect, it } from "vitest";
import { carryEvidenceLinks, compileInstrument, copyForwardLevels, indicatorNameKey, indicatorsOf, linksUnderNewCodes, mapIndicators, validateInstrument, type CompiledInstrument, type EarlierEvidenceLink, type Instrument } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { levelsFor, p59 } from "../helpers/instruments";

const link = (indicatorCode: string, evidenceId: number, reviewDate: string | null): EarlierEvidenceLink => ({ indicatorCode, evidenceId, title: `Dokumen ${evidenceId}`, reviewDate });

describe("carryEvidenceLinks", () => {
  it("carries the links of copied indicators whose review is under two years old (or undated), and lists the rest as too old", () => {
    const links = [link("1", 10, "2024-11-29"), link("1", 11, "2024-11-28"), link("2", 12, null), link("3", 13, "2026-01-01")];
    const { carried, tooOld } = carryEvidenceLinks(links, ["1", "2"], "2026-11-28");
    // exactly two years on the day counts as too old, a day younger does not
    expect(carried.map((l) => l.evidenceId)).toEqual([10, 12]);
    expect(tooOld.map((l) => l.evidenceId)).toEqual([11]);
  });

  it("carries nothing for indicators that were not copied", () => {
    expect(carryEvidenceLinks([link("5", 1, null)], [], "2026-11-28")).toEqual({ carried: [], tooOld: [] });
  });
});

const p5 = () => bundledInstrument("permenpanrb-5-2018")!;

/** A copy of a bundled instrument under another id, its indicators changed by `edit`. */
function variant(base: CompiledInstrument, id: string, edit: (indicators: ReturnType<typeof indicatorsOf>, inst: Instrument) => void): CompiledInstrument {
  const inst = structuredClone(base.instrument);
  inst.id = id;
  edit(indicatorsOf(inst.tree), inst);
  expect(validateInstrument(inst).problems).toEqual([]);
  return compileInstrument(inst);
}
const byCode = (list: ReturnType<typeof indicatorsOf>, code: string) => list.find((n) => n.code === code)!;

describe("copy forward between the bundled instruments", () => {
  it("does not map 5/2018 onto 59/2020 by bare code: \"2\" and \"35\" are different indicators there", () => {
    const from = p5();
    const to = p59();
    expect(byCode(indicatorsOf(from.instrument.tree), "2").name).toBe("Kebijakan Internal Inovasi Proses Bisnis Terintegrasi");
    expect(byCode(indicatorsOf(to.instrument.tree), "2").name).toContain("Peta Rencana SPBE");
    expect(byCode(indicatorsOf(to.instrument.tree), "35").name).toContain("Pengadaan Barang dan Jasa");
    const r = copyForwardLevels(from, to, { ...levelsFor(from, () => 3), "1": 0 });
    expect(r.levels).toEqual({});
    expect(r.notCarried).toEqual([]);
    expect(r.unmapped).toEqual(from.codes); // all 35, "2" and "35" among them
    expect(r.newHere).toEqual(to.codes);
    expect(copyForwardLevels(to, from, levelsFor(to, () => 4)).unmapped).toEqual(to.codes);
  });

  it("within one instrument every indicator maps by code", () => {
    const r = copyForwardLevels(p59(), p59(), { "1": 4, "2": null, "35": 2 });
    expect(r.levels).toEqual({ "1": 4, "35": 2 });
    expect(r.unmapped).toEqual([]);
    expect(r.mapping.size).toBe(47);
    expect(r.newHere).toEqual([]);
  });

  it("maps indicators of another instrument that have the same code and the same name, ignoring case, punctuation and a parenthesised abbreviation", () => {
    const from = p5();
    // A later edition on 1–5: "2" renamed into another indicator, others only retyped.
    const to = variant(from, "latihan-2019", (leaves, inst) => {
      inst.levels = { min: 1, max: 5 };
      for (const scale of Object.values(inst.scales)) scale.splice(0, scale.length, ...scale.filter((s) => s.level >= 1));
      for (const n of leaves) {
        delete n.criteria;
        delete n.evidence;
      }
      byCode(leaves, "2").name = "Kebijakan Internal Peta Rencana SPBE";
      byCode(leaves, "33").name = "Layanan  Dokumentasi dan Informasi Hukum (JDIH)";
      byCode(leaves, "34").name = "layanan whistle blowing system";
    });
    const r = copyForwardLevels(from, to, { ...levelsFor(from, () => 3), "1": 0, "2": 4 });
    expect(r.unmapped).toEqual(["2"]);
    expect(r.notCarried).toEqual(["1"]); // level 0 is outside 1–5
    expect(Object.keys(r.levels)).toHaveLength(33);
    expect(r.levels).toMatchObject({ "33": 3, "34": 3, "35": 3 });
    expect(r.levels["2"]).toBeUndefined();
  });

  it("maps what the new instrument declares with sameAs, under the new code, and carries only those indicators' evidence", () => {
    const from = p5();
    const to = variant(p59(), "latihan-59-sameas", (leaves) => {
      byCode(leaves, "35").sameAs = [{ instrument: "permenpanrb-5-2018", code: "31" }]; // Layanan Pengadaan
      byCode(leaves, "34").sameAs = [{ instrument: "permenpanrb-lain", code: "29" }]; // another instrument's: ignored
    });
    expect([...mapIndicators(from, to)]).toEqual([["31", "35"]]);
    const r = copyForwardLevels(from, to, { "31": 4, "35": 2, "29": 3 });
    expect(r.levels).toEqual({ "35": 4 });
    expect(r.unmapped).toHaveLength(34);
    expect(r.unmapped).not.toContain("31");
    expect(r.newHere).toHaveLength(46);
    expect(r.newHere).not.toContain("35");
    const links = [link("31", 1, null), link("35", 2, null), link("2", 3, null)];
    expect(linksUnderNewCodes(links, r.mapping)).toEqual([{ ...link("31", 1, null), indicatorCode: "35" }]);
  });

  it("a declaration takes precedence over a same-code, same-name match", () => {
    const from = p5();
    const to = variant(from, "latihan-tukar", (leaves) => {
      byCode(leaves, "1").sameAs = [{ instrument: "permenpanrb-5-2018", code: "18" }];
    });
    const m = mapIndicators(from, to);
    expect(m.get("18")).toBe("1");
    expect(m.has("1")).toBe(false); // "1" of 5/2018 no longer has a place: listed as unmapped
    expect(m.size).toBe(34);
  });
});

describe("indicatorNameKey", () => {
  it("compares names conservatively", () => {
    expect(indicatorNameKey(" Layanan Whistle-Blowing  System ")).toBe("layanan whistle blowing system");
    expect(indicatorNameKey("Sumber Daya Manusia (SDM)")).toBe(indicatorNameKey("sumber daya manusia"));
    expect(indicatorNameKey("Pusat/Pemerintah Daerah")).toBe("pusat pemerintah daerah");
    expect(indicatorNameKey("Layanan Publik (sektor kesehatan)")).not.toBe(indicatorNameKey("Layanan Publik"));
  });
});
