import { describe, expect, it } from "vitest";
import { levelsInForce, type Stage, type StoredAnswer } from "../../src/core";

const order: Stage[] = ["mandiri", "dokumen", "interviu", "final"];
const codes = ["1", "2", "3", "4"];
const answers: StoredAnswer[] = [
  { indicatorCode: "1", stage: "mandiri", level: 2 },
  { indicatorCode: "1", stage: "dokumen", level: 3 },
  { indicatorCode: "2", stage: "mandiri", level: 4 },
  { indicatorCode: "2", stage: "dokumen", level: null }, // touched without a level: the earlier one carries
  { indicatorCode: "3", stage: "interviu", level: 1.26 },
];

describe("levelsInForce: which level counts for an indicator at a stage", () => {
  it("before the final result: the stage's own answer, else the nearest earlier stage's, carried forward; nothing is null and listed", () => {
    const r = levelsInForce({ codes, order, stage: "dokumen", answers, result: null });
    expect(r.levels).toEqual({ "1": 3, "2": 4, "3": null, "4": null });
    expect(r.indicators["2"]).toEqual({ level: 4, from: "mandiri", carried: true, corrected: false });
    expect(r.missing).toEqual(["3", "4"]);
  });

  it("a later stage's answer does not count at an earlier stage", () => {
    expect(levelsInForce({ codes, order, stage: "mandiri", answers, result: null }).levels).toEqual({ "1": 2, "2": 4, "3": null, "4": null });
  });

  it("once final, the latest result counts: a correction is marked, an indicator absent from the result has no level", () => {
    const r = levelsInForce({ codes, order, stage: "final", answers, result: { "1": 3, "2": 5, "3": 1.26 } });
    expect(r.levels).toEqual({ "1": 3, "2": 5, "3": 1.26, "4": null });
    expect(r.indicators["1"]).toEqual({ level: 3, from: "dokumen", carried: true, corrected: false });
    expect(r.indicators["2"]).toEqual({ level: 5, from: null, carried: false, corrected: true });
    expect(r.missing).toEqual(["4"]);
  });

  it("a result is ignored while the assessment is not final (e.g. returned for correction)", () => {
    expect(levelsInForce({ codes, order, stage: "interviu", answers, result: { "1": 5, "2": 5, "3": 5, "4": 5 } }).levels).toEqual({ "1": 3, "2": 4, "3": 1.26, "4": null });
  });
});
