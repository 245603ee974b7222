import { isoDate, isRealDate, parseIsoDate } from "./dates";
import { regionDigitsProblem } from "./region-codes";

/**
 * NIK (Nomor Induk Kependudukan) and KK (Nomor Kartu Keluarga) format checks. A format check only:
 * whether a number exists needs Dukcapil data access. Sex and birth date read from a NIK are used to
 * check what the applicant typed, never as the truth.
 *
 * NIK: 16 digits = province (2) + kabupaten/kota (2) + kecamatan (2) where it was registered, birth
 * day (women: day + 40), month and two-digit year, then a serial 0001–9999 with no check digit.
 * KK: 16 digits = the same 6-digit region + the registration date DDMMYY (no +40) + a 4-digit serial.
 * Uncertain rules, kept deliberately lenient: the region prefix may follow Kemendagri or older BPS
 * numbering [U], so only the shape of each level is checked, never that the region exists; a KK
 * serial of 0000 is refused by analogy with the NIK [U].
 */
export type IdNumberReason =
  /** Not 16 characters long. */
  | "length"
  /** Not only the digits 0–9. */
  | "digits"
  /** Digits 1–2 are no province code. */
  | "province"
  /** Digits 3–4 are not 01–69 (kabupaten) or 71–99 (kota). */
  | "regency"
  /** Digits 5–6 are 00. */
  | "district"
  /** The day is not 01–31 (NIK: nor 41–71 for women). */
  | "day"
  /** The month is not 01–12. */
  | "month"
  /** Day and month do not make a real date in any century (e.g. 31 April, 29 February 2023). */
  | "date"
  /** The date is after `today` in every century it could be in. */
  | "future"
  /** The serial is 0000. */
  | "serial";

export type NikReason = IdNumberReason | "sex_mismatch" | "birth_date_mismatch";

export interface NikOptions {
  /** Today (YYYY-MM-DD): a birth date may not be later, and it picks the century. */
  today?: string | undefined;
  /** The birth date the applicant entered (YYYY-MM-DD); must agree with the NIK. */
  birthDate?: string | undefined;
  /** The sex the applicant entered; must agree with the NIK (women: day + 40). */
  sex?: "male" | "female" | undefined;
}

export type NikResult =
  | {
      ok: true;
      /** Region where the NIK was registered: province, kabupaten/kota and kecamatan codes. */
      province: string;
      regency: string;
      district: string;
      sex: "male" | "female";
      /** The likeliest birth date: the latest century not after `today` (or the entered birth date). */
      birthDate: string;
      /** Every reading of the two-digit year that is a real date (not after `today` when given). */
      birthDateCandidates: string[];
      serial: string;
    }
  | { ok: false; reasons: NikReason[] };

export type KkResult =
  | { ok: true; province: string; regency: string; district: string; registrationDateCandidates: string[]; serial: string }
  | { ok: false; reasons: IdNumberReason[] };

function shapeReasons(value: string): IdNumberReason[] {
  const reasons: IdNumberReason[] = [];
  if (value.length !== 16) reasons.push("length");
  if (!/^\d*$/.test(value)) reasons.push("digits");
  return reasons;
}

function regionReasons(value: string): IdNumberReason[] {
  const reasons: IdNumberReason[] = [];
  // Each level on its own, so that a bad province does not hide a bad kecamatan.
  if (regionDigitsProblem(value.slice(0, 2)) !== null) reasons.push("province");
  const r = Number(value.slice(2, 4));
  if (r < 1 || r === 70) reasons.push("regency");
  if (value.slice(4, 6) === "00") reasons.push("district");
  return reasons;
}

/** Dates d-m-(19|20)yy that are real and not after `today`; reasons when there are none. */
function datePart(d: number, m: number, yy: number, today: string | undefined): { candidates: string[]; reasons: IdNumberReason[] } {
  const reasons: IdNumberReason[] = [];
  if (d < 1 || d > 31) reasons.push("day");
  if (m < 1 || m > 12) reasons.push("month");
  if (reasons.length) return { candidates: [], reasons };
  const real = [1900 + yy, 2000 + yy].filter((y) => isRealDate(y, m, d)).map((y) => isoDate(y, m, d));
  if (!real.length) return { candidates: [], reasons: ["date"] };
  const past = today === undefined ? real : real.filter((s) => s <= today);
  if (!past.length) return { candidates: [], reasons: ["future"] };
  return { candidates: past, reasons: [] };
}

/** Checks a NIK and reports every reason it is invalid; with options, also its agreement with the applicant's data. */
export function validateNik(nik: string, opts: NikOptions = {}): NikResult {
  const shape = shapeReasons(nik);
  if (shape.length) return { ok: false, reasons: shape };
  const reasons: NikReason[] = regionReasons(nik);
  const rawDay = Number(nik.slice(6, 8));
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;
  const date = datePart(day, Number(nik.slice(8, 10)), Number(nik.slice(10, 12)), opts.today);
  reasons.push(...date.reasons);
  if (nik.slice(12) === "0000") reasons.push("serial");
  const sex = female ? "female" : "male";
  if (opts.sex !== undefined && !date.reasons.includes("day") && opts.sex !== sex) reasons.push("sex_mismatch");
  const entered = parseIsoDate(opts.birthDate);
  if (entered && date.candidates.length && !date.candidates.includes(opts.birthDate!)) reasons.push("birth_date_mismatch");
  if (reasons.length) return { ok: false, reasons };
  const birthDate = entered ? opts.birthDate! : date.candidates[date.candidates.length - 1]!;
  return {
    ok: true,
    province: nik.slice(0, 2),
    regency: nik.slice(0, 4),
    district: nik.slice(0, 6),
    sex,
    birthDate,
    birthDateCandidates: date.candidates,
    serial: nik.slice(12),
  };
}

/** Checks a KK number and reports every reason it is invalid. The date part is the registration date. */
export function validateKk(kk: string, opts: { today?: string | undefined } = {}): KkResult {
  const shape = shapeReasons(kk);
  if (shape.length) return { ok: false, reasons: shape };
  const reasons = regionReasons(kk);
  const date = datePart(Number(kk.slice(6, 8)), Number(kk.slice(8, 10)), Number(kk.slice(10, 12)), opts.today);
  reasons.push(...date.reasons);
  if (kk.slice(12) === "0000") reasons.push("serial");
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, province: kk.slice(0, 2), regency: kk.slice(0, 4), district: kk.slice(0, 6), registrationDateCandidates: date.candidates, serial: kk.slice(12) };
}
