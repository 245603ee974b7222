/**
 * Checks a NIP (Nomor Induk Pegawai, 18 digits): birth date YYYYMMDD, appointment YYYYMM, sex digit
 * 1 or 2, then a 3-digit sequence. Returns a reason when invalid, or null.
 */
export function nipProblem(nip: string): string | null {
  if (!/^\d{18}$/.test(nip)) return "must be 18 digits";
  const y = Number(nip.slice(0, 4));
  const m = Number(nip.slice(4, 6));
  const d = Number(nip.slice(6, 8));
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth[m - 1]!) return "digits 1–8 must be a birth date YYYYMMDD";
  const tm = Number(nip.slice(12, 14));
  if (tm < 1 || tm > 12) return "digits 9–14 must be an appointment month YYYYMM";
  if (!["1", "2"].includes(nip[14]!)) return "digit 15 must be 1 or 2";
  return null;
}
