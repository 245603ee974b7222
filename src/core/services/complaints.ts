import { TRACKING_ALPHABET } from "../applications/case-columns";
import { isoDayNumber, isoFromDayNumber } from "../calendar/iso-date";

/** Complaint categories (the subjects SP4N-LAPOR! sorts complaints by, as used for public services). */
export const COMPLAINT_CATEGORIES = ["pelayanan", "prosedur", "biaya", "waktu", "petugas", "sarana", "informasi", "lainnya"] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** Where a complaint came in. */
export const COMPLAINT_CHANNELS = ["web", "counter", "lapor"] as const;

/** Default retention of a complaint's personal data after it was filed (days): two years. */
export const DEFAULT_COMPLAINT_RETENTION_DAYS = 730;

/** The day the personal data of a complaint filed on `filedOn` is removed. */
export function complaintRetainUntil(filedOn: string, days = DEFAULT_COMPLAINT_RETENTION_DAYS): string {
  return isoFromDayNumber(isoDayNumber(filedOn) + days);
}

/** A tracking number from random bytes (the caller draws them): `ADU-` and ten letters. */
export function trackingNumberFrom(bytes: Uint8Array): string {
  return `ADU-${Array.from(bytes.subarray(0, 10), (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join("")}`;
}

/** A check value from random bytes: six letters. */
export function checkValueFrom(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 6), (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join("");
}

/** Normalises what a reporter types (spaces, lower case) before it is compared. */
export const normaliseTrackingInput = (v: string) => v.trim().toUpperCase().replace(/\s+/g, "");
