import { describe, expect, it } from "vitest";
import { effectiveLevel, isEvidenceTooOld, levelsAtStage, progressOf, scoreAssessment, stagesFor, type Stage, type StageAnswer } from "../../src/core";
import { levelsFor, p59 } from "../helpers/instruments";

describe("stages and carry-forward (Pedoman 3/2024 BAB III.D)", () => {
  const evaluasi = stagesFor("evaluasi", true);

  it("a period runs the stages of its kind", () => {
    expect(stagesFor("pemantauan", false)).toEqual(["mandiri", "dokumen", "final"]);
    expect(stagesFor("evaluasi", false)).toEqual(["mandiri", "dokumen", "interviu", "final"]);
    expect(evaluasi).toEqual(["mandiri", "dokumen", "interviu", "visitasi", "final"]);
  });

  it("an untouched indicator carries the previous stage's level, marked as carried", () => {
    const answers = { mandiri: { level: 4 }, dokumen: { level: 3 } };
    expect(effectiveLevel(evaluasi, answers, "mandiri")).toEqual({ level: 4, from: "mandiri", carried: false });
    expect(effectiveLevel(evaluasi, answers, "dokumen")).toEqual({ level: 3, from: "dokumen", carried: false });
    expect(effectiveLevel(evaluasi, answers, "interviu")).toEqual({ level: 3, from: "dokumen", carried: true });
    expect(effectiveLevel(evaluasi, answers, "final")).toEqual({ level: 3, from: "dokumen", carried: true });
    expect(effectiveLevel(evaluasi, {}, "final")).toEqual({ level: null, from: null, carried: false });
    expect(() => effectiveLevel(stagesFor("pemantauan", false), answers, "interviu")).toThrow(/not part of this period/);
  });

  it("levels at each stage score to the expected index with the core", () => {
    const compiled = p59();
    const byIndicator: Record<string, Partial<Record<Stage, StageAnswer>>> = Object.fromEntries(compiled.codes.map((c) => [c, { mandiri: { level: 4 } }]));
    byIndicator["42"] = { mandiri: { level: 4 }, dokumen: { level: 2 } }; // assessor lowers one service indicator
    const atDokumen = levelsAtStage(evaluasi, byIndicator, compiled.codes, "dokumen");
    expect(scoreAssessment(compiled, levelsFor(compiled, () => 4)).index).toBe(4);
    expect(scoreAssessment(compiled, atDokumen).index).toBe(3.94); // 4 − 2 × 3 % = 3.94
    expect(scoreAssessment(compiled, levelsAtStage(evaluasi, byIndicator, compiled.codes, "final")).index).toBe(3.94);
  });
});

describe("workspace progress", () => {
  it("counts filled, verified and evidenced indicators overall and per unit", () => {
    const p = progressOf([
      { code: "1", unit: "Diskominfo", filled: true, verified: true, evidenceCount: 2 },
      { code: "2", unit: "Diskominfo", filled: true, verified: false, evidenceCount: 0 },
      { code: "3", unit: "Bappeda", filled: false, verified: false, evidenceCount: 0 },
      { code: "4", unit: null, filled: true, verified: false, evidenceCount: 1 },
    ]);
    expect(p.overall).toEqual({ total: 4, filled: 3, verified: 1, withEvidence: 2 });
    expect(p.byUnit.Diskominfo).toEqual({ total: 2, filled: 2, verified: 1, withEvidence: 1 });
    expect(p.byUnit[""]).toEqual({ total: 1, filled: 1, verified: 0, withEvidence: 1 });
  });
});

describe("evidence age", () => {
  it("flags a review of two years or more before today", () => {
    expect(isEvidenceTooOld("2024-11-29", "2026-11-28")).toBe(false);
    expect(isEvidenceTooOld("2024-11-28", "2026-11-28")).toBe(true);
    expect(isEvidenceTooOld("2020-02-29", "2022-02-28")).toBe(false);
  });
});
