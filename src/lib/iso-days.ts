/** An ISO date (`YYYY-MM-DD`) `days` calendar days after `iso` (negative: before). */
export function isoDaysAfter(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
