import { describe, expect, it } from "vitest";
import { carryEvidenceLinks, type EarlierEvidenceLink } from "../../src/core";

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
