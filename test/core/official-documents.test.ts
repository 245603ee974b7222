import { describe, expect, it } from "vitest";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN, documentNumberPatternProblem, formatDocumentNumber } from "../../src/core/documents/document-number";
import { DOCUMENT_KINDS, documentKindCode } from "../../src/core/documents/document-kinds";
import { reportFindings } from "../../src/core/documents/report-findings";
import { bundledInstrument } from "../../src/lib/instrument-files";

describe("document numbers per kind", () => {
  const v = { seq: 4, agency: "15.71", year: 2026, month: 12 };
  it("numbers each kind with its own code; the configured pattern decides the layout", () => {
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, { ...v, kind: documentKindCode("laporan-hasil-evaluasi") })).toBe("4/LHE/15.71/2026");
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, { ...v, kind: documentKindCode("berita-acara-penilaian-mandiri") })).toBe("4/BA-PM/15.71/2026");
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, { ...v, agency: "15", kind: documentKindCode("ringkasan-provinsi") })).toBe("4/RHE-PROV/15/2026");
    const own = "{seq3}/{kind}/{agency}/{romanMonth}/{year}";
    expect(documentNumberPatternProblem(own)).toBeNull();
    expect(formatDocumentNumber(own, { ...v, kind: documentKindCode("laporan-hasil-evaluasi") })).toBe("004/LHE/15.71/XII/2026");
  });
  it("gives every kind a code of its own", () => {
    const codes = Object.values(DOCUMENT_KINDS).map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("strengths and weaknesses of a result", () => {
  it("takes the highest and lowest values exactly, ties in instrument order, never one indicator in both", () => {
    const compiled = bundledInstrument("pemdi-2026")!;
    const values = Object.fromEntries(compiled.codes.map((c) => [c, 2.5]));
    Object.assign(values, { "3": 4.75, "9": 4.75, "12": 1.26, "20": 1.25, "7": 4.1 });
    const { strengths, weaknesses } = reportFindings(compiled, values, 3);
    expect(strengths.map((f) => [f.code, f.value])).toEqual([
      ["3", 4.75],
      ["9", 4.75],
      ["7", 4.1],
    ]);
    expect(weaknesses.map((f) => [f.code, f.value])).toEqual([
      ["20", 1.25],
      ["12", 1.26],
      ["1", 2.5],
    ]);
    expect(strengths[0]!.name).toBe("Tingkat Kematangan Sumber Daya Manusia Pemerintah Digital");
    const few = reportFindings(compiled, { "1": 3, "2": 2 }, 5);
    expect(few.strengths.map((f) => f.code)).toEqual(["1", "2"]);
    expect(few.weaknesses).toEqual([]);
  });
});
