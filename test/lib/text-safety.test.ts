import { describe, expect, it } from "vitest";
import { findUnstorableText, storableText, stripFormatCharacters } from "../../src/lib/text-safety";
import { neutraliseFormula, writeCsv } from "../../src/lib/csv-write";

describe("text PostgreSQL cannot store", () => {
  it("finds a NUL or a lone surrogate anywhere in a parsed body, with its path; pairs are fine", () => {
    expect(findUnstorableText({ a: "ok \u{1F600}", b: [{ c: "x" }, { c: "y\u0000" }] }, "body")).toBe("body.b.1.c");
    expect(findUnstorableText({ a: "\ud800" }, "body")).toBe("body.a");
    expect(findUnstorableText({ a: "x\udc00" }, "body")).toBe("body.a");
    expect(findUnstorableText(["fine", 1, null, true], "body")).toBeNull();
    expect(findUnstorableText(Buffer.from([0, 0xed, 0xa0, 0x80]), "body")).toBeNull();
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep, "body")).toMatch(/^body(\.0)+$/);
  });

  it("cleans a header to keep: NUL dropped, lone surrogate replaced; strips format characters", () => {
    expect(storableText("Agen\u0000Uji \ud800 \u{1F600}")).toBe("AgenUji \uFFFD \u{1F600}");
    expect(stripFormatCharacters("a\u202egnp.pdf\u200b\u2066\u2069\u00ad")).toBe("agnp.pdf");
  });
});

describe("the CSV writer", () => {
  it("prefixes formula-leading text cells with an apostrophe and leaves figures alone", () => {
    for (const cell of ["=1+1", "+1+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "-"]) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of [-0.26, 3, "-0.26", "+3", "3.05", "Kota Jambi", "", null]) expect(neutraliseFormula(cell)).toBe(cell);
    expect(writeCsv([["a", "b"], ["=HYPERLINK(\"x\")", -2]])).toBe('a,b\n"\'=HYPERLINK(""x"")",-2\n');
  });
});
