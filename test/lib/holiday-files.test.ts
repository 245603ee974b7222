import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HOLIDAYS_DIR, HolidayFileError, loadWorkingCalendar, readHolidayDir, readHolidayFile } from "../../src/lib/holiday-files";
import { isWorkingDay, weekdayOf } from "../../src/core";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-holidays-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("bundled holiday files (seed/holidays)", () => {
  const files = readHolidayDir(HOLIDAYS_DIR);
  const count = (year: number, kind: string) => files.find((f) => f.year === year)!.days.filter((d) => d.kind === kind).length;

  it("holds 2025 and 2026 as official (SKB 3 Menteri) and 2027 as provisional", () => {
    expect(files.map((f) => [f.year, f.region, f.status])).toEqual([
      [2025, "ID", "official"],
      [2026, "ID", "official"],
      [2027, "ID", "provisional"],
    ]);
    // 2025: 17 national holidays and 10 cuti bersama, plus 18 August from the August 2025 amendment
    expect([count(2025, "libur_nasional"), count(2025, "cuti_bersama")]).toEqual([17, 11]);
    // 2026: 17 and 8 (SKB 1497/2025, 2/2025, 5/2025)
    expect([count(2026, "libur_nasional"), count(2026, "cuti_bersama")]).toEqual([17, 8]);
    expect(count(2027, "cuti_bersama")).toBe(0);
  });

  it("puts no cuti bersama on a weekend and marks 2027's estimated dates", () => {
    for (const f of files) for (const d of f.days) if (d.kind === "cuti_bersama") expect([0, 6], d.date).not.toContain(weekdayOf(d.date));
    const y2027 = files.find((f) => f.year === 2027)!;
    expect(y2027.days.find((d) => d.date === "2027-03-10")).toMatchObject({ confirmed: false });
    expect(y2027.days.find((d) => d.date === "2027-03-26")?.confirmed).toBeUndefined(); // Good Friday: computed, not estimated
  });
});

describe("loading a pemda's own files", () => {
  it("adds a regional folder's files for that region", () => {
    const dir = path.join(tmp, "kota-jambi");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "2026-15.71.json"),
      JSON.stringify({ year: 2026, region: "15.71", status: "official", legalBasis: [{ title: "contoh uji" }], days: [{ date: "2026-12-08", kind: "libur_daerah", name: "contoh uji" }] }),
    );
    expect(isWorkingDay("2026-12-08", loadWorkingCalendar({ region: "15.71", extraDirs: [dir] }))).toBe(false);
    expect(isWorkingDay("2026-12-08", loadWorkingCalendar({ region: "15.72", extraDirs: [dir] }))).toBe(true);
  });

  it("names the file and each problem of a bad one", () => {
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ year: 2026, region: "Jambi", status: "official", legalBasis: [], days: [] }));
    let caught: unknown;
    try {
      readHolidayFile(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HolidayFileError);
    expect((caught as HolidayFileError).message).toContain("bad.json: invalid holiday file");
    expect((caught as HolidayFileError).problems.join("\n")).toMatch(/region: region is "ID" or a Kemendagri code[\s\S]*legalBasis/);
    fs.writeFileSync(bad, "{");
    expect(() => readHolidayFile(bad)).toThrow(/cannot read the holiday file/);
  });
});

describe("the server's calendar (workingCalendarOf)", () => {
  it("adds PANDU_HOLIDAYS_DIR for the region and counts a year without a national file as weekends only", async () => {
    const { workingCalendarOf } = await import("../../src/server/working-calendar");
    const dir = path.join(tmp, "server-regional");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "2026-15.json"),
      JSON.stringify({ year: 2026, region: "15", includeSubregions: true, status: "official", legalBasis: [{ title: "contoh uji" }], days: [{ date: "2026-12-09", kind: "libur_daerah", name: "contoh uji" }] }),
    );
    const ctx = { holidaysDir: dir } as unknown as Parameters<typeof workingCalendarOf>[0];
    expect(isWorkingDay("2026-12-09", workingCalendarOf(ctx, "15.71"))).toBe(false);
    expect(isWorkingDay("2026-12-09", workingCalendarOf(ctx, "16"))).toBe(true);
    expect(workingCalendarOf(ctx, "15.71")).toBe(workingCalendarOf(ctx, "15.71")); // read once
    expect(isWorkingDay("2031-01-06", workingCalendarOf(ctx, "15"))).toBe(true); // a Monday of a year with no file: no error
    expect(isWorkingDay("2031-01-04", workingCalendarOf(ctx, "15"))).toBe(false); // a Saturday
  });
});
