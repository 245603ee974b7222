import { describe, expect, it } from "vitest";
import { analyseAssessment, draftRecommendation, ScoringError } from "../../src/core";
import { levelsFor, p59 } from "../helpers/instruments";
import { bundledInstrument } from "../../src/lib/instrument-files";

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
    expect(a.aspects.find((x) => x.code === "A2")).toMatchObject({ parentCode: "D2", indicatorCount: 4, fulfilled: 4, fulfilmentPercent: 100, indexHundredths: 300 });
    // A1: nine at 3 and one at 1 → 9 of 10 fulfilled, index 2.80
    expect(a.aspects.find((x) => x.code === "A1")).toMatchObject({ parentCode: "D1", indicatorCount: 10, fulfilled: 9, fulfilmentPercent: 90, indexHundredths: 280 });
    // A6: 1, 1, 2 → 1 of 3 = 33.3 % → 33; index 4/3 = 1.333… → 1.33
    expect(a.aspects.find((x) => x.code === "A6")).toMatchObject({ parentCode: "D3", fulfilled: 1, fulfilmentPercent: 33, indexHundredths: 133 });
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
    const text = draftRecommendation(instrument, analysis, "id", "Indeks SPBE");
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
    const text = draftRecommendation(instrument, good, "en", "Indeks SPBE");
    expect(text.split("\n\n").map((p) => p.split("\n")[0])).toEqual(["Summary", "Strengths", "Weaknesses", "Appreciation and suggested improvements"]);
    expect(text).toContain("Indeks SPBE 2.99, predicate Baik.");
    expect(text).toContain("The predicate Baik meets the minimum target of Baik");
    expect(text).toContain("raise 1 Tingkat Kematangan Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pemerintah Daerah from level 2 to 3 (Terdefinisi)");
  });
});

describe("analysis and recommendation on Pemdi 2026 (aspects at the root, decimal values)", () => {
  const pemdi = bundledInstrument("pemdi-2026")!.instrument;
  /** The external assessors' values for one kabupaten (reference pemdi-2026.md §3). */
  const assessor: Record<string, number> = {
    "1": 2.0, "2": 1.5, "3": 1.26, "4": 1.3, "5": 1, "6": 1, "7": 1, "8": 1, "9": 1, "10": 1,
    "11": 1.5, "12": 1.25, "13": 1.17, "14": 1, "15": 1, "16": 1, "17": 2.5, "18": 1, "19": 1, "20": 1.3,
  };

  it("analyses the seven root aspects with no parent, exact indices and fulfilment from value 2", () => {
    const a = analyseAssessment(pemdi, assessor, "exact");
    expect(a.aspects.map((x) => [x.code, x.parentCode, x.indexHundredths])).toEqual([
      ["A1", null, 175],
      ["A2", null, 128],
      ["A3", null, 100],
      ["A4", null, 117],
      ["A5", null, 109],
      ["A6", null, 140],
      ["A7", null, 118],
    ]);
    expect(a.indexTenThousandths).toBe(12415);
    expect(a.predicate).toBe("Kurang");
    // only 1 (2.00) and 17 (2.50) reach a whole level above the lowest
    expect(a.aspects.reduce((n, x) => n + x.fulfilled, 0)).toBe(2);
    expect(a.strongestAspects).toEqual(["A1"]);
    expect(a.weakestAspects).toEqual(["A3"]);
    expect(a.weaknesses.map((f) => f.code)).not.toContain("17");
  });

  it("drafts the recommendation with the Pemdi index name and decimal values written per language", () => {
    const a = analyseAssessment(pemdi, assessor, "exact");
    const id = draftRecommendation(pemdi, a, "id", "Indeks Pemerintah Digital");
    expect(id).toContain("Indeks Pemerintah Digital 1,24 dengan predikat Kurang.");
    expect(id).toContain("berbobot 15,00% dari Indeks Pemerintah Digital");
    expect(id).toContain("di bawah predikat Baik");
    expect(id).toContain("naikkan 3 Tingkat Kematangan Sumber Daya Manusia Pemerintah Digital dari level 1,26 ke 2 (Membangun)");
    expect(id).not.toContain("SPBE");
    const en = draftRecommendation(pemdi, a, "en", "Indeks Pemerintah Digital");
    expect(en).toContain("Indeks Pemerintah Digital 1.24, predicate Kurang.");
    expect(en).toContain("from level 1.26 to 2 (Membangun)");
  });
});
