import { describe, expect, it } from "vitest";
import { DEFAULT_DOCUMENT_NUMBER_PATTERN, documentNumberPatternProblem, formatDocumentNumber } from "../../src/core/documents/document-number";

describe("official document numbers", () => {
  const v = { seq: 4, agency: "15.71", year: 2026, month: 12 };
  it("follow the default pattern and the placeholders an agency may use", () => {
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, v)).toBe("4/BA-PM/15.71/2026");
    expect(formatDocumentNumber("{seq3}/BA/{agency}/{romanMonth}/{year}", v)).toBe("004/BA/15.71/XII/2026");
    expect(formatDocumentNumber("800/{seq}/{month}/{year}", { ...v, month: 3 })).toBe("800/4/3/2026");
  });
  it("tell kinds apart: {kind} prints the kind's code, and a pattern without it gets the code appended (but the self-assessment record keeps its numbers)", () => {
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, { ...v, kind: "BA-DOK" })).toBe("4/BA-DOK/15.71/2026");
    expect(formatDocumentNumber("800/{seq}/{year}", { ...v, kind: "BA-REV" })).toBe("800/4/2026/BA-REV");
    expect(formatDocumentNumber("800/{seq}/{year}", { ...v, kind: "BA-PM" })).toBe("800/4/2026");
    expect(documentNumberPatternProblem("{seq}/{kind}/{year}")).toBeNull();
  });
  it("refuse a pattern without a sequence or with an unknown placeholder", () => {
    expect(documentNumberPatternProblem(DEFAULT_DOCUMENT_NUMBER_PATTERN)).toBeNull();
    expect(documentNumberPatternProblem("BA/{agency}/{year}")).toMatch(/\{seq\}/);
    expect(documentNumberPatternProblem("{seq}/{tahun}")).toMatch(/\{tahun\}/);
  });
});
