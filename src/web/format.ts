/** Number and date formatting for the two interface languages (Indonesian uses a decimal comma). */
import { calendarDayAt } from "../core/calendar/iso-date";

export type Lang = "id" | "en";

export const LANGS: readonly Lang[] = ["id", "en"];

export function isLang(value: unknown): value is Lang {
  return value === "id" || value === "en";
}

const locale = (lang: Lang) => (lang === "id" ? "id-ID" : "en-GB");

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** A plain number with up to two decimals ("1.250.000", "0,5"). */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

/** An index as published: two decimals ("3,05" in Indonesian, "3.05" in English). */
export function formatIndex(value: number, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** What a table or a figure shows for a value that is missing (not filled, not computed, not published): an en dash. */
export const NO_VALUE = "–";

/** An index as published ("3,05"), or the dash when there is none. */
export function formatIndexOr(value: number | null | undefined, lang: Lang): string {
  return value == null ? NO_VALUE : formatIndex(value, lang);
}

/** An exact index with four decimals ("3,2825"). */
export function formatIndexExact(value: number, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 4, maximumFractionDigits: 4 }).format(value);
}

/** A signed change between two indices ("+0,05", "-0,12", "0,00"). */
export function formatChange(value: number, lang: Lang): string {
  return numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(value);
}

/** A weight in percent without trailing zeros ("13%", "1,3%", "0,65%"). */
export function formatWeight(percent: number, lang: Lang): string {
  return `${numberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(percent)}%`;
}

/** A share (0..1) as a whole percent ("64%"). */
export function formatPercent(ratio: number, lang: Lang): string {
  return numberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

/** A calendar date given as YYYY-MM-DD ("1 Januari 2021" / "1 January 2021"); other input is returned as is. */
export function formatDate(isoDate: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/**
 * A moment given as an ISO timestamp, in the reader's time zone: "28 Nov 2026 13.05" in Indonesian,
 * "28 Nov 2026 13:05" in English. Other input is returned as is.
 */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month").replace(/\.$/, "")} ${part("year")} ${part("hour")}${lang === "id" ? "." : ":"}${part("minute")}`;
}

/** A file size in binary units with the language's decimal mark ("1,5 MB", "820 KB", "12 B"). */
export function formatFileSize(bytes: number, lang: Lang): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${numberFormat(lang, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A whole-Rupiah amount ("Rp 25.000.000" in Indonesian, "IDR 25,000,000" in English). */
export function formatRupiah(amount: number, lang: Lang): string {
  return numberFormat(lang, { style: "currency", currency: "IDR", minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(amount);
}

/** The current year in Indonesia (WIB), the default year of a form, whatever time zone the device is set to. */
export function yearInIndonesia(now = Date.now()): number {
  return Number(calendarDayAt(now).slice(0, 4));
}
