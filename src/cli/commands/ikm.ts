import type { Command } from "commander";
import {
  IKM_POLICIES,
  IKM_POLICY_NAMES,
  SKM_ELEMENTS,
  addResponse,
  emptyTally,
  ikmFromTally,
  type IkmPolicy,
  readSkmSheet,
  type IkmResult,
  type SheetRow,
} from "../../core";

/** The rows of a CSV (file or stdin) or .xlsx file. */
async function readSheet(file: string, isXlsx: boolean): Promise<SheetRow[]> {
  try {
    return isXlsx ? await readXlsxSheet(file) : await readCsvSheet(readFileOrStdin(file));
  } catch (e) {
    if (e instanceof SheetFileError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
}
import { readCsvSheet, readXlsxSheet, SheetFileError } from "../../lib/skm-sheet-file";
import { CliError } from "../cli-error";
import { readFileOrStdin } from "../read-input";

/** Tallies every row of the sheet (core readSkmSheet: U1…U9 in any order, other columns ignored); all bad cells are reported. */
function tallySheet(rows: SheetRow[], file: string) {
  const { problems, responses } = readSkmSheet(rows);
  const tally = emptyTally();
  for (const r of responses) addResponse(tally, r.answers);
  const headerLine = rows[0]?.line ?? 1;
  const located = problems.map((p) => (p.row === headerLine || p.column === null ? `baris ${p.row}: ${p.message}` : `baris ${p.row}, kolom ${p.column}: ${p.message}`));
  // A header problem (or an empty sheet) is one message, as before: the rows were not read.
  if (problems.length > 0 && problems[0]!.row === headerLine) throw new CliError(`${file}: ${located[0]}`);
  if (problems.length > 0) {
    for (const p of located.slice(0, MAX_REPORTED)) console.error(p);
    if (located.length > MAX_REPORTED) console.error(`… dan ${located.length - MAX_REPORTED} masalah lain`);
    throw new CliError(`${file}: ${problems.length} isian tidak sah; tidak ada yang dihitung`);
  }
  return tally;
}

const MAX_REPORTED = 20;

const num = (n: number, places: number) => new Intl.NumberFormat("id-ID", { minimumFractionDigits: places, maximumFractionDigits: places }).format(n);

/** The result in Indonesian, decimal comma. */
function renderText(r: IkmResult): string {
  const lines = ["Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)", `Jumlah responden: ${num(r.respondents, 0)}`, "", "Unsur  NRR      NRR×25  Nama unsur"];
  for (const [i, e] of r.elements.entries()) {
    lines.push(`${e.code.padEnd(6)} ${(e.nrr === null ? "-" : num(e.nrr, 4)).padEnd(8)} ${(e.nrrConverted === null ? "-" : num(e.nrrConverted, 2)).padEnd(7)} ${SKM_ELEMENTS[i]!.name.id}`);
  }
  lines.push("");
  lines.push(r.ikm === null ? "IKM: tidak dapat dihitung (ada unsur tanpa jawaban)" : `IKM: ${num(r.ikm, 2)} — mutu ${r.mutu} (${r.kinerja!.id})`);
  lines.push(`Kebijakan: ${r.policy} (${IKM_POLICIES[r.policy].description})`);
  if (r.population === null) lines.push("Jumlah minimum responden: populasi tidak diberikan (--population)");
  else lines.push(`Jumlah minimum responden untuk populasi ${num(r.population, 0)}: ${num(r.minimumRespondents!, 0)} — ${r.enough ? "memenuhi" : "belum memenuhi jumlah minimum responden"}`);
  if (r.weakestElements.length > 0) lines.push(`Unsur terendah: ${r.weakestElements.map((c) => `${c} (${SKM_ELEMENTS.find((e) => e.code === c)!.name.id})`).join(", ")}`);
  return lines.join("\n");
}

/** `pandu ikm`: the IKM of a spreadsheet of SKM responses, one row per respondent, columns U1…U9. */
export function registerIkmCommand(program: Command): void {
  program
    .command("ikm")
    .description("compute the IKM (SKM, PermenPANRB 14/2017) of a CSV or XLSX file, one row per respondent, columns U1…U9")
    .argument("<responses>", "a .csv (comma or semicolon) or .xlsx file, or - for CSV on stdin")
    .option("--policy <policy>", `element weight: ${IKM_POLICY_NAMES.join(", ")}`, "exact")
    .option("--population <n>", "service users in the survey period, for the minimum respondents")
    .option("--format <format>", "json or text", "json")
    .action(async (file: string, opts: { policy: string; population?: string; format: string }) => {
      if (!IKM_POLICY_NAMES.includes(opts.policy as IkmPolicy)) throw new CliError(`--policy must be one of ${IKM_POLICY_NAMES.join(", ")}, not ${opts.policy}`);
      if (!["json", "text"].includes(opts.format)) throw new CliError(`--format must be json or text, not ${opts.format}`);
      let population: number | undefined;
      if (opts.population !== undefined) {
        population = /^\d+$/.test(opts.population) ? Number(opts.population) : Number.NaN;
        if (!Number.isSafeInteger(population) || population < 1) throw new CliError(`--population must be a whole number of at least 1, not ${opts.population}`);
      }
      const isXlsx = /\.xlsx$/i.test(file);
      if (!isXlsx && file !== "-" && !/\.(csv|txt)$/i.test(file)) throw new CliError(`${file}: expected a .csv or .xlsx file`);
      const rows = await readSheet(file, isXlsx);
      const result = ikmFromTally(tallySheet(rows, file === "-" ? "stdin" : file), { policy: opts.policy as IkmPolicy, population });
      console.log(opts.format === "text" ? renderText(result) : JSON.stringify(result, null, 2));
    });
}
