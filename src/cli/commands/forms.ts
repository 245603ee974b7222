import type { Command } from "commander";
import { validateForm, type FormField } from "../../core";
import { bundledFormFiles, FormFileError, parseFormText, readFormFile } from "../../lib/form-files";
import { CliError } from "../cli-error";
import { readFileOrStdin } from "../read-input";

const countFields = (fields: FormField[]): number => fields.reduce((n, f) => n + (f.type === "group" ? countFields(f.fields) : f.type === "section" ? 0 : 1), 0);

/** `pandu forms list|validate`. */
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
}
