import { describe, expect, it } from "vitest";
import { analyseAssessment, draftRecommendation, ScoringError } from "../../src/core";
import { levelsFor, p59 } from "../helpers/instruments";

const instrument = p59().instrument;
const aspectOf = (code: string) => {
  const n = Number(code);
  return n <= 10 ? "A1" : n <= 14 ? "A2" : n <= 18 ? "A3" : n <= 20 ? "A4" : n <= 28 ? "A5" : n <= 31 ? "A6" : n <= 41 ? "A7" : "A8";
};

describe("analyseAssessment", () => {
  // A2 (11–14) at 3, 4, 3, 2 is the regulation's worked example (aspect index 3.00).
  const crafted = levelsFor(p59(), (c) => {
    const special: Record<string, number> = { "11": 3, "12": 4, "13": 3, "14": 2, "19": 5, "20": 5, "29": 1, "30": 1, "31": 2, "42": 4, "5": 1 };
    return special[c] ?? 3;
  });

  it("counts fulfilment (levels 2–5) and the index per aspect, exactly", () => {
    const a = analyseAssessment(instrument, crafted, "exact");
    expect(a.aspects.map((x) => x.code)).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]);
    expect(a.aspects.find((x) => x.code === "A2")).toMatchObject({ domainCode: "D2", indicatorCount: 4, fulfilled: 4, fulfilmentPercent: 100, indexHundredths: 300 });
    // A1: nine at 3 and one at 1 → 9 of 10 fulfilled, index 2.80
    expect(a.aspects.find((x) => x.code === "A1")).toMatchObject({ domainCode: "D1", indicatorCount: 10, fulfilled: 9, fulfilmentPercent: 90, indexHundredths: 280 });
    // A6: 1, 1, 2 → 1 of 3 = 33.3 % → 33; index 4/3 = 1.333… → 1.33
    expect(a.aspects.find((x) => x.code === "A6")).toMatchObject({ domainCode: "D3", fulfilled: 1, fulfilmentPercent: 33, indexHundredths: 133 });
    // A8: one at 4, five at 3 → 19/6 = 3.1666… → 3.17
    expect(a.aspects.find((x) => x.code === "A8")).toMatchObject({ indexHundredths: 317 });
    expect(a.strongestAspects).toEqual(["A4"]);
    expect(a.weakestAspects).toEqual(["A6"]);
  });

  it("rounds a two-thirds fulfilment half-up to 67 %", () => {
    const a = analyseAssessment(instrument, { ...crafted, "30": 2 }, "exact");
    expect(a.aspects.find((x) => x.code === "A6")).toMatchObject({ fulfilled: 2, fulfilmentPercent: 67 });
  });

  it("lists strengths highest first and weaknesses lowest first, each then in instrument order", () => {
    const a = analyseAssessment(instrument, crafted, "exact");
    expect(a.strengths.map((f) => [f.code, f.level])).toEqual([
      ["19", 5],
      ["20", 5],
      ["12", 4],
      ["42", 4],
    ]);
    expect(a.weaknesses.map((f) => [f.code, f.level])).toEqual([
      ["5", 1],
      ["29", 1],
      ["30", 1],
      ["14", 2],
      ["31", 2],
    ]);
    for (const f of [...a.strengths, ...a.weaknesses]) expect(f.aspectCode).toBe(aspectOf(f.code));
    expect(a.strengths[0]!.name).toBe("Tingkat Kematangan Pelaksanaan Tim Koordinasi SPBE Instansi Pusat/Pemerintah Daerah");
  });

  it("gives the overall index and the predicate under the chosen policy", () => {
    // 2.595 exactly: Cukup when compared exactly, Baik when rounded to 2.60 first.
    const three = new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26"]);
    for (let i = 32; i <= 41; i++) three.add(String(i));
    const levels = levelsFor(p59(), (c) => (three.has(c) ? 3 : 2));
    expect(analyseAssessment(instrument, levels, "exact")).toMatchObject({ indexTenThousandths: 25950, indexHundredths: 260, predicate: "Cukup" });
    expect(analyseAssessment(instrument, levels, "rounded2")).toMatchObject({ predicate: "Baik" });
  });

  it("lists every aspect tied for highest or lowest", () => {
    const a = analyseAssessment(instrument, levelsFor(p59(), () => 3), "exact");
    expect(a.strongestAspects).toEqual(["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"]);
    expect(a.weakestAspects).toEqual(a.strongestAspects);
    expect(a.strengths).toEqual([]);
    expect(a.weaknesses).toEqual([]);
  });

  it("refuses incomplete or invalid levels", () => {
    const missing = { ...crafted };
    delete missing["47"];
    expect(() => analyseAssessment(instrument, missing, "exact")).toThrow(ScoringError);
    expect(() => analyseAssessment(instrument, { ...crafted, "47": 0 }, "exact")).toThrow("level 0 is not an integer from 1 to 5");
  });
});

describe("draftRecommendation", () => {
  const levels = levelsFor(p59(), (c) => ({ "19": 5, "20": 5, "29": 1, "30": 1, "31": 1, "32": 1 })[c] ?? 2);
  const analysis = analyseAssessment(instrument, levels, "exact");

  it("writes the four parts in Indonesian, naming the strongest and weakest aspects and the impact", () => {
    const text = draftRecommendation(instrument, analysis, "id");
    const parts = text.split("\n\n");
    expect(parts.map((p) => p.split("\n")[0])).toEqual(["Ringkasan", "Keunggulan", "Kelemahan", "Saran perbaikan"]);
    // Σ = 200 + 2×3×2.5 (19, 20 at 5) − 3×1.5 (29–31 at 1) − 2.75 (32 at 1) = 207.75 → 2,08
    expect(parts[0]).toContain("Indeks SPBE 2,08 dengan predikat Cukup.");
    expect(parts[0]).toContain("43 dari 47 indikator terpenuhi");
    expect(parts[1]).toContain("A4 Penyelenggara SPBE (indeks 5,00; pemenuhan 100%)");
    expect(parts[2]).toContain("A6 Pelaksanaan Audit TIK (indeks 1,00; pemenuhan 0%)");
    // A6 weighs 4.5 %: at level 1 it holds the index back by (5 − 1) × 0.045 = 0.18.
    expect(parts[2]).toContain("berbobot 4,50%");
    expect(parts[2]).toContain("menahan indeks sebesar 0,18");
    expect(parts[2]).toContain("29 Tingkat Kematangan Pelaksanaan Audit Infrastruktur SPBE (level 1)");
    expect(parts[3]).toContain("di bawah predikat Baik");
    // Improvements by aspect, the one holding the index back most first: A7 (27.5 % at ≈2) first, A4 (at 5) absent.
    const lines = parts[3]!.split("\n").slice(2);
    expect(lines[0]).toMatch(/^1\. A7 Layanan Administrasi Pemerintahan Berbasis Elektronik \(menahan indeks 0,8525\): naikkan 32 .* dari level 1 ke 2 \(Interaksi\)/);
    // Held back (index points): A7 0.8525, A8 0.54, A1 0.39, A5 0.36, A2 = A3 0.30 (instrument order), A6 0.18.
    expect(lines.map((l) => l.split(" ")[1])).toEqual(["A7", "A8", "A1", "A5", "A2", "A3", "A6"]);
  });

  it("writes the same parts in English with a decimal point and appreciates a Baik result", () => {
    const good = analyseAssessment(instrument, levelsFor(p59(), (c) => (c === "1" ? 2 : 3)), "exact");
    const text = draftRecommendation(instrument, good, "en");
    expect(text.split("\n\n").map((p) => p.split("\n")[0])).toEqual(["Summary", "Strengths", "Weaknesses", "Appreciation and suggested improvements"]);
    expect(text).toContain("SPBE index 2.99, predicate Baik.");
    expect(text).toContain("The predicate Baik meets the minimum target of Baik");
    expect(text).toContain("raise 1 Tingkat Kematangan Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pemerintah Daerah from level 2 to 3 (Terdefinisi)");
  });
});
