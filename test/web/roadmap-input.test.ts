import { describe, expect, it } from "vitest";
import { parseCosts, parseRupiah, parseTarget } from "../../src/web/pages/Plan/roadmapInput";

// What the roadmap form sends to the optimiser and the server: costs as typed in Indonesian.
describe("roadmap form input", () => {
  it("reads Rupiah with or without thousands dots and refuses decimals or stray dots", () => {
    expect(parseRupiah("25.000.000")).toBe(25_000_000);
    expect(parseRupiah(" 1500000 ")).toBe(1_500_000);
    expect(parseRupiah("2.5")).toBeNaN();
    expect(parseRupiah("1,5")).toBeNaN();
    expect(parseRupiah("25.00.000")).toBeNaN();
  });

  it("keeps only entered costs; person-days take a decimal comma, Rupiah must be whole and positive", () => {
    expect(parseCosts({ "1": "0,5", "2": "", "3": "2" }, "person_days")).toEqual({ ok: true, value: { "1": 0.5, "3": 2 } });
    expect(parseCosts({ "1": "2.500.000" }, "rupiah")).toEqual({ ok: true, value: { "1": 2_500_000 } });
    expect(parseCosts({ "1": "0,5" }, "rupiah")).toEqual({ ok: false, error: "planning.badRupiah", params: { code: "1" } });
    expect(parseCosts({ "4": "0" }, "person_days")).toEqual({ ok: false, error: "planning.badCost", params: { code: "4" } });
  });

  it("reads an index target with a decimal comma", () => {
    expect(parseTarget({ kind: "index", predicate: "Baik", indexText: "2,6" })).toEqual({ ok: true, value: { index: 2.6 } });
    expect(parseTarget({ kind: "predicate", predicate: "Baik", indexText: "" })).toEqual({ ok: true, value: { predicate: "Baik" } });
    expect(parseTarget({ kind: "index", predicate: "Baik", indexText: "dua" }).ok).toBe(false);
  });
});
