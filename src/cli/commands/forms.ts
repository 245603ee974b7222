import type { Command } from "commander";
import { validateApplication, validateForm, type FormField } from "../../core";
import { bundledFormFiles, FormFileError, parseFormText, readFormFile } from "../../lib/form-files";
import { CliError } from "../cli-error";
import { readFileOrStdin, readJson } from "../read-input";

const countFields = (fields: FormField[]): number => fields.reduce((n, f) => n + (f.type === "group" ? countFields(f.fields) : f.type === "section" ? 0 : 1), 0);

/** Today in Western Indonesia (WIB), the day the checks of an application are made on. */
const todayWib = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

/** Reads a form file for `forms check`: unreadable or invalid forms are bad input (exit 2). */
function formFor(file: string) {
  try {
    return readFormFile(file);
  } catch (e) {
    if (!(e instanceof FormFileError)) throw e;
    for (const p of e.problems) console.error(`${p.path}: ${p.message} [${p.code}]`);
    throw new CliError(e.message, 2);
  }
}

/** `pandu forms list|validate|check`. */
export function registerFormCommands(program: Command): void {
  const cmd = program.command("forms").description("application forms as data (forms/*.json)");
  cmd
    .command("list")
    .description("list the bundled forms")
    .action(() => {
      for (const file of bundledFormFiles()) {
        const f = readFormFile(file);
        console.log(`${f.id.padEnd(36)} v${String(f.version).padEnd(3)} ${f.status.padEnd(9)} ${String(countFields(f.fields)).padStart(3)} isian  ${f.title.id}`);
      }
    });
  cmd
    .command("validate <file>")
    .description("check a form file (JSON or YAML, - for stdin); exit 1 listing every problem with its path, 2 when unreadable")
    .option("--format <format>", "text or json", "text")
    .action((file: string, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") throw new CliError("--format must be text or json");
      let input: unknown;
      try {
        input = parseFormText(readFileOrStdin(file), file);
      } catch (e) {
        if (e instanceof FormFileError) throw new CliError(e.message, 2);
        throw e;
      }
      const result = validateForm(input);
      if (opts.format === "json") console.log(JSON.stringify({ file, valid: result.ok, problems: result.problems }, null, 2));
      if (result.ok) {
        if (opts.format === "text") console.log(`${file}: valid (${result.form.id} v${result.form.version}, ${result.form.status}, ${countFields(result.form.fields)} fields)`);
        return;
      }
      if (opts.format === "text") for (const p of result.problems) console.error(`${p.path}: ${p.message} [${p.code}]`);
      throw new CliError(`${file}: ${result.problems.length} problem(s)`, 1);
    });
  cmd
    .command("check <form> <answers>")
    .description("check an application's answers (JSON file, - for stdin) against a form; exit 1 listing every error")
    .option("--today <date>", "the day of checking, YYYY-MM-DD (default: today in WIB)")
    .action((formFile: string, answersFile: string, opts: { today?: string }) => {
      const today = opts.today ?? todayWib();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new CliError("--today must be a date YYYY-MM-DD");
      const form = formFor(formFile);
      const result = validateApplication(form, readJson(answersFile), { today });
      if (result.ok) {
        // The answers as they would be kept: hidden fields' answers dropped.
        console.log(JSON.stringify(result.values, null, 2));
        return;
      }
      for (const e of result.errors) console.error(`${e.path}: ${e.code}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
      throw new CliError(`${answersFile}: ${result.errors.length} error(s) against ${form.id} v${form.version}`, 1);
    });
}
