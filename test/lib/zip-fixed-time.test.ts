import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixZipEntryTimes } from "../../src/lib/zip-fixed-time";
import { publicResultsWorkbook } from "../../src/server/features/public-results/public-results-xlsx";

const ROWS = [
  { year: 2024, agencyCode: "35.10", agencyName: "Pemerintah Kabupaten Banyuwangi", category: "kabupaten" as const, provinceCode: "35", provinceName: "Jawa Timur", instrument: "permenpanrb-59-2020", nodes: { D1: 4.1, D2: 3.5, D3: 3.2, D4: 4.32 }, index: 3.9, predicate: "Sangat Baik", source: "Tabel 22" },
];

/** A workbook written with the clock at `iso`. */
async function workbookAt(iso: string): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
  try {
    return await publicResultsWorkbook(ROWS, 2024);
  } finally {
    vi.useRealTimers();
  }
}

describe("fixed ZIP entry times", () => {
  afterEach(() => vi.useRealTimers());

  it("the open-data workbook of the same rows is the same bytes whenever it is written, and still opens", async () => {
    const a = await workbookAt("2026-12-07T03:00:00Z");
    const b = await workbookAt("2027-06-30T17:45:13Z");
    expect(Buffer.compare(a, b)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a as unknown as ArrayBuffer);
    expect(wb.getWorksheet("2024")!.getCell("B2").value).toBe("35.10");
  });

  it("refuses what is not a ZIP archive", () => {
    expect(() => fixZipEntryTimes(Buffer.from("year,index\n2024,3.90\n"))).toThrow(/not a ZIP archive/);
  });
});
