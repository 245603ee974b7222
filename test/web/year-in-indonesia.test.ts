import { describe, expect, it } from "vitest";
import { yearInIndonesia } from "../../src/web/format";

// Forms default to this year in Indonesia, not in the device's time zone.
describe("the default year of a form", () => {
  it("turns at midnight WIB, whatever the device's zone", () => {
    expect(yearInIndonesia(Date.parse("2026-12-31T16:59:59Z"))).toBe(2026); // 23:59:59 WIB
    expect(yearInIndonesia(Date.parse("2026-12-31T17:00:00Z"))).toBe(2027); // 00:00 WIB on 1 January, still 31 December in UTC
  });
});
