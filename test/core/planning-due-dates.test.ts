import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, isoToDays, spreadDueDates } from "../../src/core";

describe("due dates of a roadmap's actions (pure calendar arithmetic)", () => {
  it("counts days like the calendar, leap years included", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(isoToDays("2000-03-01") - isoToDays("2000-02-28")).toBe(2);
    expect(isoToDays("2100-03-01") - isoToDays("2100-02-28")).toBe(1);
    expect(isoToDays("2027-01-01") - isoToDays("2026-01-01")).toBe(365);
    for (const iso of ["1999-12-31", "2024-02-29", "2026-12-07", "2030-12-31", "2100-01-01"]) expect(civilFromDays(isoToDays(iso))).toBe(iso);
    expect(() => isoToDays("7 Desember 2026")).toThrow(RangeError);
  });

  it("spreads the steps evenly from today to 31 December of the target year, the last on 31 December", () => {
    expect(spreadDueDates(4, "2026-12-31", 2027)).toEqual(["2027-04-01", "2027-07-02", "2027-10-01", "2027-12-31"]);
    expect(spreadDueDates(1, "2026-01-15", 2026)).toEqual(["2026-12-31"]);
    expect(spreadDueDates(0, "2026-01-15", 2030)).toEqual([]);
    // More steps than days left: never today, never past 31 December, never out of order.
    const tight = spreadDueDates(5, "2026-12-29", 2026);
    expect(tight.every((d) => d > "2026-12-29" && d <= "2026-12-31")).toBe(true);
    expect([...tight].sort()).toEqual(tight);
    // A target year already over: everything on its last day.
    expect(spreadDueDates(2, "2026-12-07", 2025)).toEqual(["2025-12-31", "2025-12-31"]);
  });
});
