import { describe, expect, it } from "vitest";
import {
  CalendarError,
  LAPOR_DEADLINES,
  addWorkingDays,
  buildCalendar,
  calendarDayAt,
  complaintDeadlines,
  holidaysOn,
  isWorkingDay,
  isoDayNumber,
  nextWorkingDay,
  validateHolidayFile,
  weekdayOf,
  workingDaysBetween,
  workingDaysLeft,
  type HolidayFile,
} from "../../src/core";
import { readHolidayDir, HOLIDAYS_DIR } from "../../src/lib/holiday-files";

const files = readHolidayDir(HOLIDAYS_DIR);
const cal = buildCalendar(files);

describe("ISO calendar days", () => {
  it("validates dates strictly and knows the weekday", () => {
    expect(() => isoDayNumber("2026-02-29")).toThrow(CalendarError);
    expect(() => isoDayNumber("2026-2-1")).toThrow(CalendarError);
    expect(isoDayNumber("2028-02-29") - isoDayNumber("2028-02-28")).toBe(1);
    expect(weekdayOf("2026-12-07")).toBe(1); // Monday
    expect(weekdayOf("1970-01-01")).toBe(4); // Thursday
  });

  it("takes the calendar day in Asia/Jakarta (UTC+7), not UTC", () => {
    const at = (iso: string) => Date.parse(iso);
    expect(calendarDayAt(at("2026-12-06T16:59:59Z"))).toBe("2026-12-06");
    expect(calendarDayAt(at("2026-12-06T17:00:00Z"))).toBe("2026-12-07"); // midnight WIB
    expect(calendarDayAt(at("2026-12-31T18:30:00Z"))).toBe("2027-01-01");
    expect(calendarDayAt(at("2026-12-06T15:30:00Z"), 540)).toBe("2026-12-07"); // WIT, UTC+9
  });
});

describe("working days on the bundled 2025–2027 calendars", () => {
  it("knows weekends, national holidays and cuti bersama", () => {
    expect(isWorkingDay("2026-12-07", cal)).toBe(true); // Monday
    expect(isWorkingDay("2026-12-05", cal)).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-24", cal)).toBe(false); // cuti bersama Natal
    expect(isWorkingDay("2026-08-17", cal)).toBe(false); // Proklamasi
    expect(isWorkingDay("2025-08-18", cal)).toBe(false); // cuti bersama added by the August 2025 amendment
    expect(holidaysOn("2026-03-20", cal)).toEqual([expect.objectContaining({ kind: "cuti_bersama", name: "Cuti bersama Idulfitri 1447 Hijriah", region: "ID" })]);
  });

  it("counts a span across Nyepi, Idulfitri's cuti bersama and a weekend (Friday 13 March 2026 + 3 → 25 March)", () => {
    // Mon 16 (1), Tue 17 (2); Wed 18 cuti Nyepi, Thu 19 Nyepi, Fri 20 cuti, Sat–Sun 21–22 Idulfitri, Mon–Tue 23–24 cuti; Wed 25 (3)
    expect(addWorkingDays("2026-03-13", 3, cal)).toBe("2026-03-25");
    expect(workingDaysBetween("2026-03-13", "2026-03-25", cal)).toBe(3);
    // with weekends only, it would have been Wednesday 18 March
    expect(addWorkingDays("2026-03-13", 3, buildCalendar([], { uncoveredYears: "weekends-only" }))).toBe("2026-03-18");
  });

  it("moves a deadline that would fall on a holiday (Good Friday 3 April 2026) to the next working day", () => {
    expect(addWorkingDays("2026-04-02", 1, cal)).toBe("2026-04-06");
    expect(nextWorkingDay("2026-04-03", cal)).toBe("2026-04-06");
    expect(nextWorkingDay("2026-04-06", cal)).toBe("2026-04-06");
    expect(addWorkingDays("2026-04-03", 0, cal)).toBe("2026-04-06");
  });

  it("starts counting on the next working day when the start is a weekend or holiday", () => {
    expect(addWorkingDays("2026-12-05", 1, cal)).toBe("2026-12-07"); // Saturday → Monday
    expect(addWorkingDays("2026-12-25", 1, cal)).toBe("2026-12-28"); // Natal (Friday) → Monday
  });

  it("crosses a year boundary with both years' holidays (23 Dec 2025 + 5 → 2 Jan 2026)", () => {
    // Wed 24 (1); 25 Natal, 26 cuti, 27–28 weekend; 29 (2), 30 (3), 31 (4); 1 Jan holiday; Fri 2 Jan (5)
    expect(addWorkingDays("2025-12-23", 5, cal)).toBe("2026-01-02");
    expect(workingDaysBetween("2025-12-23", "2026-01-02", cal)).toBe(5);
    expect(workingDaysBetween("2026-01-02", "2025-12-23", cal)).toBe(-5);
    expect(addWorkingDays("2026-01-02", -5, cal)).toBe("2025-12-23"); // 31, 30, 29, 24, 23
  });

  it("is consistent: workingDaysBetween(d, addWorkingDays(d, n)) = n for every day of 2026", () => {
    for (let day = isoDayNumber("2026-01-01"); day <= isoDayNumber("2026-12-20"); day += 3) {
      const d = new Date(day * 86_400_000).toISOString().slice(0, 10);
      for (const n of [1, 3, 5, 10]) expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal)).toBe(n);
    }
  });

  it("refuses a year without a holiday file instead of ignoring its holidays", () => {
    expect(() => isWorkingDay("2028-01-03", cal)).toThrow(/no holiday calendar for 2028/);
    expect(() => addWorkingDays("2027-12-29", 5, cal)).toThrow(CalendarError);
    expect(() => addWorkingDays("2026-01-05", 1.5, cal)).toThrow(CalendarError);
  });
});

describe("regional holidays", () => {
  const regional = (region: string, includeSubregions = false): HolidayFile => ({
    year: 2026,
    region,
    includeSubregions,
    status: "official",
    legalBasis: [{ title: "Keputusan kepala daerah (contoh uji)" }],
    days: [{ date: "2026-12-08", kind: "libur_daerah", name: "Hari jadi (contoh uji)" }],
  });

  it("applies a kota's file to that kota only", () => {
    const kota = buildCalendar([...files, regional("15.71")], { region: "15.71" });
    expect(isWorkingDay("2026-12-08", kota)).toBe(false);
    expect(addWorkingDays("2026-12-07", 1, kota)).toBe("2026-12-09");
    expect(isWorkingDay("2026-12-08", buildCalendar([...files, regional("15.71")], { region: "15.72" }))).toBe(true);
    expect(isWorkingDay("2026-12-08", cal)).toBe(true);
  });

  it("applies a province's file to its kab/kota only with includeSubregions", () => {
    expect(isWorkingDay("2026-12-08", buildCalendar([...files, regional("15", true)], { region: "15.71" }))).toBe(false);
    expect(isWorkingDay("2026-12-08", buildCalendar([...files, regional("15")], { region: "15.71" }))).toBe(true);
    expect(isWorkingDay("2026-12-08", buildCalendar([...files, regional("15")], { region: "15" }))).toBe(false);
  });

  it("validates a holiday file, naming each problem", () => {
    const r = validateHolidayFile({
      year: 2026,
      region: "ID",
      status: "official",
      legalBasis: [{ title: "x" }],
      days: [
        { date: "2026-02-30", kind: "libur_nasional", name: "a" },
        { date: "2027-01-01", kind: "libur_nasional", name: "b" },
        { date: "2026-05-05", kind: "libur_daerah", name: "c" },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toContain("days.0.date: not a calendar date (YYYY-MM-DD)");
      expect(r.problems).toContain("days.1.date: 2027-01-01 is not in 2026");
      expect(r.problems).toContain("days.2.kind: a national file has no libur_daerah");
    }
    expect(() => buildCalendar([files[1]!, files[1]!])).toThrow(/two national holiday files for 2026/);
    expect(() => buildCalendar(files, { weekend: [0, 1, 2, 3, 4, 5, 6] })).toThrow(CalendarError);
  });
});

describe("SP4N-LAPOR! deadlines", () => {
  it("are data: verification 3, follow-up 5, auto-close 10 working days", () => {
    expect([LAPOR_DEADLINES.verification.workingDays, LAPOR_DEADLINES.followUp.workingDays, LAPOR_DEADLINES.autoClose.workingDays]).toEqual([3, 5, 10]);
  });

  it("a complaint received before Idulfitri 2026: verify by 26 March, follow up by 2 April (Good Friday after it)", () => {
    // 17 (1), 25 (2), 26 (3); then 27, 30, 31 March, 1, 2 April
    expect(complaintDeadlines("2026-03-16", cal)).toEqual({ receivedOn: "2026-03-16", verifyBy: "2026-03-26", followUpBy: "2026-04-02", closesOn: null, provisional: false });
  });

  it("counts the follow-up from the actual verification and the auto-close from the follow-up", () => {
    const d = complaintDeadlines("2026-03-16", cal, { verifiedOn: "2026-03-17", followedUpOn: "2026-03-27" });
    // 25, 26, 27, 30, 31 March; then 10 working days after Fri 27 March: 30, 31, 1, 2, 6, 7, 8, 9, 10, 13 April (3 April Good Friday)
    expect(d).toMatchObject({ verifyBy: "2026-03-26", followUpBy: "2026-03-31", closesOn: "2026-04-13" });
  });

  it("a complaint received on a Saturday starts on Monday; one near the year's end says its deadline is provisional", () => {
    expect(complaintDeadlines("2026-12-05", cal)).toMatchObject({ verifyBy: "2026-12-09", followUpBy: "2026-12-16", provisional: false });
    // Wed 23 Dec: 24 cuti, 25 Natal; 28 (1), 29 (2), 30 (3); 31 (1), 1 Jan 2027 holiday, 4 (2),
    // 5 Isra Mikraj (estimated), 6 (3), 7 (4), 8 (5)
    expect(complaintDeadlines("2026-12-23", cal)).toMatchObject({ verifyBy: "2026-12-30", followUpBy: "2027-01-08", provisional: true });
  });

  it("counts working days left, negative once the deadline day is over", () => {
    expect(workingDaysLeft("2026-03-16", "2026-03-26", cal)).toBe(3);
    expect(workingDaysLeft("2026-03-26", "2026-03-26", cal)).toBe(0);
    expect(workingDaysLeft("2026-03-27", "2026-03-26", cal)).toBe(-1);
    expect(workingDaysLeft("2026-12-12", "2026-12-11", cal)).toBe(-1); // Saturday after a Friday deadline
    expect(workingDaysLeft("2026-12-15", "2026-12-11", cal)).toBe(-2);
  });
});
