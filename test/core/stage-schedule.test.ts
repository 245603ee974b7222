import { describe, expect, it } from "vitest";
import { isValidWindow, scheduleRefusal, stageWindow } from "../../src/core";

// The 2021 cycle's interview window (spbe-evaluation §4.3): 20 Jul – 23 Aug, both days included.
const schedule = { interviu: { opens: "2021-07-20", closes: "2021-08-23" } };

describe("stage schedule", () => {
  it.each([
    ["2021-07-19", "not_open", "stage_not_open"],
    ["2021-07-20", "open", null],
    ["2021-08-23", "open", null],
    ["2021-08-24", "closed", "stage_closed"],
  ] as const)("on %s the interview stage is %s", (today, state, refusal) => {
    expect(stageWindow(schedule, "interviu", today).state).toBe(state);
    expect(scheduleRefusal(schedule, "interviu", today)).toBe(refusal);
  });

  it("counts the days left to the closing day and the days until opening, across months and leap days", () => {
    expect(stageWindow(schedule, "interviu", "2021-07-20").daysLeft).toBe(34);
    expect(stageWindow(schedule, "interviu", "2021-08-23").daysLeft).toBe(0);
    expect(stageWindow(schedule, "interviu", "2021-07-01").daysUntilOpen).toBe(19);
    expect(stageWindow({ mandiri: { opens: "2024-02-01", closes: "2024-03-01" } }, "mandiri", "2024-02-28").daysLeft).toBe(2);
  });

  it("counts days as the calendar does (without Date in the core): every 13th day from 1970 to 2100, and dates that carry over", () => {
    const days = (iso: string) => stageWindow({ x: { opens: iso, closes: iso } }, "x", "1970-01-01").daysUntilOpen;
    const utcDays = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
    for (let n = 1; n < utcDays(2100, 1, 1); n += 13) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(days(iso), iso).toBe(n);
    }
    expect(days("2024-02-30")).toBe(utcDays(2024, 2, 30));
    expect(days("2023-13-05")).toBe(utcDays(2023, 13, 5));
  });

  it("leaves a stage without dates open", () => {
    expect(stageWindow(schedule, "mandiri", "2030-01-01")).toMatchObject({ state: "unscheduled", opens: null, daysLeft: null });
    expect(scheduleRefusal({}, "dokumen", "2030-01-01")).toBeNull();
  });

  it("checks that a window opens before it closes and refuses malformed dates", () => {
    expect(isValidWindow("2026-01-01", "2026-01-01")).toBe(true);
    expect(isValidWindow("2026-02-01", "2026-01-31")).toBe(false);
    expect(() => stageWindow(schedule, "interviu", "20-07-2021")).toThrow(RangeError);
  });
});
