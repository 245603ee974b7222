/**
 * The holiday file format (seed/holidays/<year>.json and a pemda's own files): one year, one region.
 * National files (`region: "ID"`) carry the SKB 3 Menteri of that year: the national holidays
 * (libur nasional) and the collective leave days (cuti bersama), both non-working days for the
 * government. A pemda adds a file for its own region (a Kemendagri code, "15" or "15.71") with its
 * regional holidays (libur daerah); `includeSubregions` makes a province's file apply to its
 * kabupaten/kota too. `status: "provisional"` marks a year whose decree was not seen yet (dates
 * estimated): deadlines in such a year say so.
 */
import { z } from "zod";
import { isIsoDate } from "./iso-date";

export const HOLIDAY_KINDS = ["libur_nasional", "cuti_bersama", "libur_daerah"] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

const isoDate = z.string().refine(isIsoDate, "not a calendar date (YYYY-MM-DD)");

export const holidayFileSchema = z
  .object({
    $schema: z.string().optional(),
    year: z.number().int().min(2000).max(2100),
    /** "ID" for national days, else the Kemendagri code of a province ("15") or kab/kota ("15.71"). */
    region: z.string().regex(/^(ID|\d{2}(\.\d{2})?)$/, 'region is "ID" or a Kemendagri code such as "15" or "15.71"'),
    includeSubregions: z.boolean().optional(),
    status: z.enum(["official", "provisional"]),
    /** The decrees the days come from (SKB number and date, a Perkada …). */
    legalBasis: z.array(z.object({ title: z.string().min(1), date: isoDate.optional(), url: z.string().optional() })).min(1),
    note: z.string().optional(),
    days: z.array(
      z.object({
        date: isoDate,
        kind: z.enum(HOLIDAY_KINDS),
        name: z.string().min(1),
        /** false: an estimate (a provisional year, a date the decree may still move). */
        confirmed: z.boolean().optional(),
      }),
    ),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.days.forEach((d, i) => {
      if (Number(d.date.slice(0, 4)) !== f.year) ctx.addIssue({ code: "custom", path: ["days", i, "date"], message: `${d.date} is not in ${f.year}` });
      if (f.region === "ID" && d.kind === "libur_daerah") ctx.addIssue({ code: "custom", path: ["days", i, "kind"], message: "a national file has no libur_daerah" });
      if (f.region !== "ID" && d.kind !== "libur_daerah") ctx.addIssue({ code: "custom", path: ["days", i, "kind"], message: "a regional file holds only libur_daerah" });
      const key = `${d.date} ${d.name}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["days", i], message: `${d.date} ${d.name} listed twice` });
      seen.add(key);
    });
  });

export type HolidayFile = z.infer<typeof holidayFileSchema>;

/** Every problem of a parsed holiday file, each with its path ("days.3.date: …"), or the file. */
export function validateHolidayFile(raw: unknown): { ok: true; file: HolidayFile } | { ok: false; problems: string[] } {
  const r = holidayFileSchema.safeParse(raw);
  if (r.success) return { ok: true, file: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`) };
}
