import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CalendarError, complaintDeadlines, holidaysOn, isIsoDate, LAPOR_DEADLINES, type HolidayFile } from "../../core";
import { HOLIDAYS_DIR, HolidayFileError, holidayFileNames, loadWorkingCalendar, readHolidayFile } from "../../lib/holiday-files";
import { CliError } from "../cli-error";

/** A holiday file's problems on stderr, one per line, then one line naming the file (exit 2). */
function reportFileError(e: unknown): never {
  if (e instanceof HolidayFileError) {
    for (const p of e.problems) console.error(p);
    throw new CliError(e.message);
  }
  if (e instanceof CalendarError) throw new CliError(e.message);
  throw e;
}

const dayFormat = new Intl.DateTimeFormat("id-ID", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "Kamis, 26 Maret 2026" for an ISO date (a calendar day: formatted in UTC so no zone shifts it). */
const longDate = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));

function summary(f: HolidayFile): string {
  const count = (k: string) => f.days.filter((d) => d.kind === k).length;
  const kinds = f.region === "ID" ? `${count("libur_nasional")} libur nasional, ${count("cuti_bersama")} cuti bersama` : `${count("libur_daerah")} libur daerah`;
  return `${f.year} ${f.region} ${f.status === "official" ? "resmi" : "SEMENTARA"}: ${kinds}`;
}

/** `pandu holidays`: check holiday files (seed/holidays or a pemda's own) and show complaint deadlines on them. */
export function registerHolidayCommands(program: Command): void {
  const holidays = program.command("holidays").description("holiday calendars (hari libur, cuti bersama) and working-day deadlines");

  holidays
    .command("validate")
    .description("validate holiday files (default: the bundled seed/holidays); exit 2 listing every problem")
    .argument("[paths...]", "holiday .json files or folders of them")
    .action((paths: string[]) => {
      const targets = paths.length > 0 ? paths : [HOLIDAYS_DIR];
      try {
        for (const t of targets) {
          const isDir = fs.existsSync(t) && fs.statSync(t).isDirectory();
          const files = isDir ? holidayFileNames(t).map((n) => path.join(t, n)) : [t];
          for (const file of files) console.log(`${path.basename(file)}: ${summary(readHolidayFile(file))}`);
        }
      } catch (e) {
        reportFileError(e);
      }
    });

  holidays
    .command("deadlines")
    .description("SP4N-LAPOR! deadlines in working days for a complaint received on a date (YYYY-MM-DD, WIB)")
    .argument("<receivedOn>", "the day the complaint was received")
    .option("--verified-on <date>", "the day it was verified, if it was")
    .option("--followed-up-on <date>", "the day it was followed up, if it was")
    .option("--region <code>", 'Kemendagri code whose regional holidays count ("15.71"), default national only', "ID")
    .option("--holidays-dir <dir...>", "extra folders of holiday files (a pemda's regional holidays)")
    .option("--format <format>", "json or text", "text")
    .action((receivedOn: string, opts: { verifiedOn?: string; followedUpOn?: string; region: string; holidaysDir?: string[]; format: string }) => {
      if (!["json", "text"].includes(opts.format)) throw new CliError(`--format must be json or text, not ${opts.format}`);
      for (const [name, v] of [["receivedOn", receivedOn], ["--verified-on", opts.verifiedOn], ["--followed-up-on", opts.followedUpOn]] as const) {
        if (v !== undefined && !isIsoDate(v)) throw new CliError(`${name}: not a calendar date (YYYY-MM-DD): ${v}`);
      }
      let d;
      let cal;
      try {
        cal = loadWorkingCalendar({ region: opts.region, extraDirs: opts.holidaysDir });
        d = complaintDeadlines(receivedOn, cal, { verifiedOn: opts.verifiedOn, followedUpOn: opts.followedUpOn });
      } catch (e) {
        reportFileError(e);
      }
      if (opts.format === "json") {
        console.log(JSON.stringify(d, null, 2));
        return;
      }
      const off = holidaysOn(receivedOn, cal).map((h) => h.name);
      const lines = [
        `Diterima: ${longDate(receivedOn)}${off.length > 0 ? ` (${off.join("; ")})` : ""}`,
        `Batas verifikasi: ${longDate(d.verifyBy)} (${LAPOR_DEADLINES.verification.workingDays} hari kerja)`,
        `Batas tindak lanjut: ${longDate(d.followUpBy)} (${LAPOR_DEADLINES.followUp.workingDays} hari kerja sejak ${opts.verifiedOn ? "verifikasi" : "batas verifikasi"})`,
      ];
      if (d.closesOn) lines.push(`Selesai otomatis tanpa tanggapan: ${longDate(d.closesOn)} (${LAPOR_DEADLINES.autoClose.workingDays} hari kerja sejak tindak lanjut)`);
      if (d.provisional) lines.push("Catatan: memakai kalender libur SEMENTARA; periksa lagi setelah SKB tahun itu terbit.");
      console.log(lines.join("\n"));
    });
}
