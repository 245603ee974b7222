import { describe, expect, it } from "vitest";
import { regionCodeProblem, validateKk, validateNik } from "../../src/core";

const TODAY = "2026-12-07";
/** Kota Jambi (15.71), kecamatan 01, then the date part and a serial. */
const nik = (ddmmyy: string, serial = "0001", region = "157101") => `${region}${ddmmyy}${serial}`;

describe("validateNik", () => {
  it("reads a man's NIK: region, sex, birth date, serial", () => {
    expect(validateNik(nik("170590"), { today: TODAY })).toEqual({
      ok: true,
      province: "15",
      regency: "1571",
      district: "157101",
      sex: "male",
      birthDate: "1990-05-17",
      birthDateCandidates: ["1990-05-17"],
      serial: "0001",
    });
  });

  it("reads a woman's NIK: the day is the birth day + 40", () => {
    const r = validateNik(nik("570590", "0002"), { today: TODAY });
    expect(r).toMatchObject({ ok: true, sex: "female", birthDate: "1990-05-17" });
    // 41 = the 1st, 71 = the 31st
    expect(validateNik(nik("410190"), { today: TODAY })).toMatchObject({ ok: true, sex: "female", birthDate: "1990-01-01" });
    expect(validateNik(nik("711290"), { today: TODAY })).toMatchObject({ ok: true, sex: "female", birthDate: "1990-12-31" });
  });

  it("picks the century: the latest reading not after today; without today both stay candidates", () => {
    expect(validateNik(nik("010110"), { today: TODAY })).toMatchObject({ ok: true, birthDate: "2010-01-01", birthDateCandidates: ["1910-01-01", "2010-01-01"] });
    expect(validateNik(nik("010130"), { today: TODAY })).toMatchObject({ ok: true, birthDate: "1930-01-01", birthDateCandidates: ["1930-01-01"] });
    expect(validateNik(nik("010130"))).toMatchObject({ ok: true, birthDate: "2030-01-01", birthDateCandidates: ["1930-01-01", "2030-01-01"] });
  });

  it("handles 29 February: 2000 was a leap year, 1900 was not", () => {
    expect(validateNik(nik("290200"), { today: TODAY })).toMatchObject({ ok: true, birthDateCandidates: ["2000-02-29"] });
    expect(validateNik(nik("690224"), { today: TODAY })).toMatchObject({ ok: true, sex: "female", birthDate: "2024-02-29" });
    // before 29 Feb 2024, only 1924 is possible
    expect(validateNik(nik("290224"), { today: "2023-06-01" })).toMatchObject({ ok: true, birthDate: "1924-02-29" });
    expect(validateNik(nik("290223"), { today: TODAY })).toEqual({ ok: false, reasons: ["date"] });
  });

  it.each([
    ["157101170590001", ["length"]],
    ["15710117059000011", ["length"]],
    ["", ["length"]],
    ["1571O11705900001", ["digits"]],
    ["1571-11705900001", ["digits"]],
    ["15710117059000A", ["length", "digits"]],
    ["１５７１０１１７０５９００００１", ["digits"]],
  ])("refuses %j by its shape: %j", (value, reasons) => {
    expect(validateNik(value)).toEqual({ ok: false, reasons });
  });

  it.each([
    [nik("170590", "0001", "991101"), ["province"]],
    [nik("170590", "0001", "001101"), ["province"]],
    [nik("170590", "0001", "150001"), ["regency"]],
    [nik("170590", "0001", "157001"), ["regency"]],
    [nik("170590", "0001", "157100"), ["district"]],
    [nik("000590"), ["day"]],
    [nik("320590"), ["day"]],
    [nik("400590"), ["day"]],
    [nik("720590"), ["day"]],
    [nik("171390"), ["month"]],
    [nik("170090"), ["month"]],
    [nik("991390"), ["day", "month"]],
    [nik("310490"), ["date"]],
    [nik("710490"), ["date"]],
    [nik("300290"), ["date"]],
    [nik("170590", "0000"), ["serial"]],
  ])("refuses %s: %j", (value, reasons) => {
    expect(validateNik(value, { today: TODAY })).toEqual({ ok: false, reasons });
  });

  it("reports every reason at once", () => {
    expect(validateNik("9900001713900000", { today: TODAY })).toEqual({ ok: false, reasons: ["province", "regency", "district", "month", "serial"] });
  });

  it("refuses a birth date after today in every century", () => {
    expect(validateNik(nik("010799"), { today: "1999-06-01" })).toEqual({ ok: false, reasons: ["future"] });
  });

  it("checks the NIK against the sex and birth date the applicant entered", () => {
    expect(validateNik(nik("570590"), { today: TODAY, sex: "male" })).toEqual({ ok: false, reasons: ["sex_mismatch"] });
    expect(validateNik(nik("170590"), { today: TODAY, sex: "male", birthDate: "1990-05-17" })).toMatchObject({ ok: true });
    expect(validateNik(nik("170590"), { today: TODAY, birthDate: "1990-05-18" })).toEqual({ ok: false, reasons: ["birth_date_mismatch"] });
    // the entered date settles the century
    expect(validateNik(nik("010110"), { today: TODAY, birthDate: "1910-01-01" })).toMatchObject({ ok: true, birthDate: "1910-01-01" });
    // an unreadable entered date is not compared (the date field reports it)
    expect(validateNik(nik("170590"), { today: TODAY, birthDate: "17-05-1990" })).toMatchObject({ ok: true });
  });
});

describe("validateKk", () => {
  it("reads a KK: issuing region, registration date (no +40), serial", () => {
    expect(validateKk("1571011203150003", { today: TODAY })).toEqual({
      ok: true,
      province: "15",
      regency: "1571",
      district: "157101",
      registrationDateCandidates: ["1915-03-12", "2015-03-12"],
      serial: "0003",
    });
  });

  it.each([
    ["157101120315000", ["length"]],
    ["15710112031500x3", ["digits"]],
    ["9971011203150003", ["province"]],
    ["1500011203150003", ["regency"]],
    ["1571001203150003", ["district"]],
    // a woman's NIK-style day (+40) is no KK date
    ["1571015203150003", ["day"]],
    ["1571011213150003", ["month"]],
    ["1571013102150003", ["date"]],
    ["1571011203150000", ["serial"]],
    ["9900005213000000", ["province", "regency", "district", "day", "month", "serial"]],
  ])("refuses %s: %j", (value, reasons) => {
    expect(validateKk(value, { today: TODAY })).toEqual({ ok: false, reasons });
  });
});

describe("regionCodeProblem", () => {
  it.each([
    ["15", "province", null],
    ["96", "province", null],
    ["20", "province", "region_province_unknown"],
    ["1571", "regency", null],
    ["1501", "regency", null],
    ["1570", "regency", "region_regency_code"],
    ["1500", "regency", "region_regency_code"],
    ["15.71", "regency", "region_format"],
    ["157101", "district", null],
    ["157100", "district", "region_district_code"],
    ["1571011001", "village", null],
    ["1501012001", "village", null],
    ["1571014001", "village", "region_village_code"],
    ["1571011000", "village", "region_village_code"],
    ["157101100", "village", "region_format"],
  ] as const)("%s as %s → %s", (code, level, problem) => {
    expect(regionCodeProblem(code, level)).toBe(problem);
  });
});
