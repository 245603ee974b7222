import type { Command } from "commander";
import {
  IKM_POLICIES,
  IKM_POLICY_NAMES,
  SKM_ELEMENTS,
  SKM_ELEMENT_CODES,
  addResponse,
  emptyTally,
  ikmFromTally,
  type IkmPolicy,
  type IkmResult,
} from "../../core";
import { CliError } from "../cli-error";
import { readFileOrStdin } from "../read-input";

/** One row of a sheet: its row number as a spreadsheet shows it (header = 1) and its cells. */
interface SheetRow {
  line: number;
  cells: unknown[];
}

/** CSV (comma or semicolon, as Indonesian spreadsheets export), from a file or stdin. csv-parse loads on use. */
async function readCsvRows(file: string): Promise<SheetRow[]> {
  const text = readFileOrStdin(file);
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const { parse } = await import("csv-parse/sync");
  try {
    const records = parse(text, { delimiter, bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (e) {
    throw new CliError(`${file}: bukan CSV yang sah: ${(e as Error).message}`);
  }
}

/** The first worksheet of an .xlsx file, by exceljs (loaded on use). Formula cells give their result. */
async function readXlsxRows(file: string): Promise<SheetRow[]> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new CliError(`${file}: tidak dapat dibaca sebagai berkas .xlsx: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new CliError(`${file}: tidak ada lembar kerja`);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[]; // 1-based: values[0] is empty
    rows.push({ line: row.number, cells: values.slice(1).map(cellValue) });
  });
  return rows;
}

function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("result" in v) return cellValue((v as { result: unknown }).result);
    if ("richText" in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join("");
    if ("text" in v) return (v as { text: unknown }).text;
    if ("error" in v) return String((v as { error: unknown }).error); // #N/A, #VALUE! …
  }
  return v;
}

const isBlank = (v: unknown) => v === "" || (typeof v === "string" && v.trim() === "");

/** The answer in a cell (1–4), or the Indonesian reason it is not one. */
function answerOf(v: unknown): number | string {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v >= 1 && v <= 4 ? v : `nilai ${v} di luar 1–4`;
    return `nilai ${String(v).replace(".", ",")} bukan bilangan bulat 1–4`;
  }
  const s = String(v).trim();
  if (s === "") return "kosong (setiap unsur dijawab 1–4)";
  if (/^[1-4]([.,]0+)?$/.test(s)) return Number(s[0]); // "4", also "4.0" or "4,0" from a spreadsheet
  if (/^-?\d+([.,]0+)?$/.test(s)) return `nilai ${s} di luar 1–4`;
  if (/^-?\d+[.,]\d+$/.test(s)) return `nilai ${s} bukan bilangan bulat 1–4`;
  return `nilai ${JSON.stringify(s)} bukan angka 1–4`;
}

const MAX_REPORTED = 20;

/** Finds U1…U9 in the header (any case, any order, other columns ignored) and tallies every row; all bad cells are reported. */
function tallySheet(rows: SheetRow[], file: string) {
  const header = rows[0];
  if (!header) throw new CliError(`${file}: berkas kosong (baris judul dengan kolom U1–U9 diharapkan)`);
  const columns = SKM_ELEMENT_CODES.map((code) => {
    const at = header.cells.map((c) => String(c ?? "").trim().toUpperCase()).flatMap((c, i) => (c === code ? [i] : []));
    if (at.length === 0) throw new CliError(`${file}: baris ${header.line}: kolom ${code} tidak ada (diharapkan kolom U1–U9)`);
    if (at.length > 1) throw new CliError(`${file}: baris ${header.line}: kolom ${code} muncul ${at.length} kali`);
    return at[0]!;
  });
  const tally = emptyTally();
  const answers = new Array<number>(9);
  const problems: string[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.every(isBlank)) continue;
    let ok = true;
    columns.forEach((col, e) => {
      const a = answerOf(row.cells[col] ?? "");
      if (typeof a === "number") answers[e] = a;
      else {
        ok = false;
        problems.push(`baris ${row.line}, kolom ${SKM_ELEMENT_CODES[e]}: ${a}`);
      }
    });
    if (ok) addResponse(tally, answers);
  }
  if (problems.length === 0 && tally.respondents === 0) throw new CliError(`${file}: tidak ada baris jawaban di bawah baris judul`);
  if (problems.length > 0) {
    for (const p of problems.slice(0, MAX_REPORTED)) console.error(p);
    if (problems.length > MAX_REPORTED) console.error(`… dan ${problems.length - MAX_REPORTED} masalah lain`);
    throw new CliError(`${file}: ${problems.length} isian tidak sah; tidak ada yang dihitung`);
  }
  return tally;
}

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
      const rows = isXlsx ? await readXlsxRows(file) : await readCsvRows(file);
      const result = ikmFromTally(tallySheet(rows, file === "-" ? "stdin" : file), { policy: opts.policy as IkmPolicy, population });
      console.log(opts.format === "text" ? renderText(result) : JSON.stringify(result, null, 2));
    });
}
