import type { RegionLevel } from "./types";

/**
 * Kemendagri region codes (kode wilayah) as digits without dots: province 2, kabupaten/kota 4,
 * kecamatan 6, desa/kelurahan 10. Only the shape of a code is checked here; whether a region
 * exists needs the region list (a later integration).
 */

/** The 38 province codes (Kepmendagri 2025; 93–96 are the Papua provinces formed in 2022). */
export const PROVINCE_CODES: readonly string[] = [
  "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52", "53",
  "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96",
];

export const REGION_CODE_LENGTH: Record<RegionLevel, number> = { province: 2, regency: 4, district: 6, village: 10 };

export type RegionCodeProblem =
  /** Not the digits of its level (2/4/6/10). */
  | "region_format"
  /** Digits 1–2 are no province code. */
  | "region_province_unknown"
  /** Digits 3–4 are not 01–69 (kabupaten) or 71–99 (kota). */
  | "region_regency_code"
  /** Digits 5–6 are 00. */
  | "region_district_code"
  /** Digits 7–10: the first is 1 (kelurahan), 2 (desa) or 3 (desa adat), and the number is not 000. */
  | "region_village_code";

/** The level a code's length belongs to, or undefined. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  return (Object.keys(REGION_CODE_LENGTH) as RegionLevel[]).find((l) => REGION_CODE_LENGTH[l] === code.length && /^\d+$/.test(code));
}

/** The problem of a region code of the given level, or null. Each level's digits are checked. */
export function regionCodeProblem(code: string, level: RegionLevel): RegionCodeProblem | null {
  if (!new RegExp(`^\\d{${REGION_CODE_LENGTH[level]}}$`).test(code)) return "region_format";
  return regionDigitsProblem(code);
}

/** Checks the levels present in a code of 2, 4, 6 or 10 digits (also the prefix of a NIK or KK). */
export function regionDigitsProblem(code: string): RegionCodeProblem | null {
  if (!PROVINCE_CODES.includes(code.slice(0, 2))) return "region_province_unknown";
  if (code.length >= 4) {
    const r = Number(code.slice(2, 4));
    if (r < 1 || r === 70) return "region_regency_code";
  }
  if (code.length >= 6 && code.slice(4, 6) === "00") return "region_district_code";
  if (code.length >= 10 && (!"123".includes(code[6]!) || code.slice(7, 10) === "000")) return "region_village_code";
  return null;
}
