import { describe, expect, it } from "vitest";
import { checkLkeImport, columnLetter, lkeChanges, lkeColumns, LKE_FORMAT, type LkeCell, type LkeParsed } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { checkZipLimits, ZipLimitError } from "../../src/lib/zip-limits";

const spbe = bundledInstrument("permenpanrb-59-2020")!;
const pemdi = bundledInstrument("pemdi-2026")!;
const stages = ["mandiri", "dokumen", "interviu", "final"];

/** A workbook as read back: the meta sheet and LKE rows of (code, level, explanation). */
function parsed(rows: [string, LkeCell, LkeCell?][], meta: Record<string, LkeCell> = {}): LkeParsed {
  const headers = lkeColumns(spbe, stages, "mandiri").map((c) => c.header);
  const at = (key: string) => headers.indexOf(lkeColumns(spbe, stages, "mandiri").find((c) => c.key === key)!.header) + 1;
  return {
    sheets: ["LKE", "Kriteria", "pandu"],
    meta: new Map(Object.entries({ format: LKE_FORMAT, assessmentId: 7, instrumentId: "permenpanrb-59-2020", agencyCode: "15.71", stage: "mandiri", exportedAt: "x", ...meta })),
    versions: new Map(rows.map(([code]) => [code, 1])),
    headers: new Map(headers.map((h, i) => [i + 1, h])),
    rows: rows.map(([code, level, explanation], i) => ({ row: i + 2, cells: new Map<number, LkeCell>([[at("code"), code], [at("level"), level], [at("explanation"), explanation ?? null]]) })),
  };
}
const expected = { assessmentId: 7, stage: "mandiri", stages };

describe("the LKE worksheet core", () => {
  it("derives its columns from the instrument: domain and aspect for 59/2020, aspect only for Pemdi; earlier stages read-only", () => {
    expect(lkeColumns(spbe, stages, "mandiri").map((c) => c.key)).toEqual(["group0.code", "group0.name", "group1.code", "group1.name", "code", "name", "level", "levelName", "explanation", "evidence"]);
    expect(lkeColumns(pemdi, stages, "dokumen").map((c) => c.header)).toEqual(["Kode Aspek", "Aspek", "Kode Indikator", "Indikator", "Tingkat Mandiri", "Tingkat Dokumen", "Nama Tingkat", "Penjelasan Dokumen", "Bukti Dukung"]);
    expect([1, 7, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "G", "Z", "AA", "AZ", "AAA"]);
  });

  it("accepts numbers and numbers written as text, and lists every bad cell with its place", () => {
    const ok = checkLkeImport(spbe, parsed([["1", 3, "ada"], ["2", "4"], ["3", null], ["", "abc"]]), expected);
    expect(ok.problems).toEqual([]);
    expect(ok.rows.map((r) => [r.code, r.level, r.explanation])).toEqual([["1", 3, "ada"], ["2", 4, null], ["3", null, null]]);
    const bad = checkLkeImport(spbe, parsed([["1", "tiga"], ["2", 0], ["3", 6], ["4", 2.5], ["99", 1], ["1", 2], ["5", { error: "#N/A" }]]), expected);
    expect(bad.rows).toEqual([]);
    expect(bad.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, "G", "level_not_number"],
      [3, "G", "level_out_of_range"],
      [4, "G", "level_out_of_range"],
      [5, "G", "level_out_of_range"],
      [6, "E", "unknown_indicator"],
      [7, "E", "duplicate_indicator"],
      [8, "G", "level_not_number"],
    ]);
  });

  it("refuses another assessment's, another instrument's or a closed stage's workbook by its meta sheet", () => {
    const { problems } = checkLkeImport(spbe, parsed([["1", 3]], { assessmentId: 8, instrumentId: "pemdi-2026", stage: "dokumen" }), expected);
    expect(problems.map((p) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ["pandu", 2, "B", "wrong_assessment"],
      ["pandu", 3, "B", "wrong_instrument"],
      ["pandu", 5, "B", "stage_closed"],
    ]);
  });

  it("keeps only differing rows, and a differing row whose answer moved on since the export is stale", () => {
    const rows = [
      { row: 2, code: "1", level: 3, explanation: null, exportedVersion: 1 },
      { row: 3, code: "2", level: 4, explanation: "baru", exportedVersion: 1 },
      { row: 4, code: "3", level: 2, explanation: null, exportedVersion: 1 },
      { row: 5, code: "4", level: 5, explanation: null, exportedVersion: 0 },
      // Written as CR LF, read back from the workbook as LF: the same text.
      { row: 6, code: "5", level: 1, explanation: "baris 1\nbaris 2", exportedVersion: 3 },
    ];
    const current = new Map([
      ["1", { level: 3, explanation: "", version: 1 }],
      ["5", { level: 1, explanation: "baris 1\r\nbaris 2", version: 3 }],
      ["2", { level: 4, explanation: null, version: 1 }],
      ["3", { level: 5, explanation: null, version: 2 }],
    ]);
    expect(lkeChanges(rows, current)).toEqual({
      changes: [
        { code: "2", level: 4, explanation: "baru", version: 1 },
        { code: "4", level: 5, explanation: null, version: 0 },
      ],
      stale: ["3"],
    });
  });

  it("refuses a non-ZIP and too many entries before inflating anything", () => {
    expect(() => checkZipLimits(Buffer.from("bukan zip"))).toThrow(ZipLimitError);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(5000, 10);
    expect(() => checkZipLimits(eocd)).toThrow(/5000 entries, more than 1000/);
  });
});
