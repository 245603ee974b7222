import type { Command } from "commander";
import { indicatorsOf, validateInstrument } from "../../core";
import { bundledInstrument, bundledInstrumentIds, parseInstrumentText, resolveInstrument } from "../../lib/instrument-files";
import { CliError } from "../cli-error";
import { readFileOrStdin } from "../read-input";

/** `pandu instruments list|show|validate`. */
export function registerInstrumentCommands(program: Command): void {
  const cmd = program.command("instruments").description("bundled evaluation instruments");
  cmd
    .command("list")
    .description("list bundled instruments")
    .option("--format <format>", "table or json", "table")
    .action((opts: { format: string }) => {
      const rows = bundledInstrumentIds().map((id) => {
        const i = bundledInstrument(id)!.instrument;
        return { id, status: i.status ?? "-", indicators: indicatorsOf(i.tree).length, levels: `${i.levels.min}-${i.levels.max}`, name: i.name };
      });
      if (opts.format === "json") return console.log(JSON.stringify(rows, null, 2));
      for (const r of rows) console.log(`${r.id.padEnd(22)} ${r.status.padEnd(12)} ${String(r.indicators).padStart(3)} indikator  level ${r.levels}  ${r.name}`);
    });
  cmd
    .command("show <id>")
    .description("print an instrument (bundled id or file) as JSON")
    .action((id: string) => {
      console.log(JSON.stringify(resolveInstrument(id).instrument, null, 2));
    });
  cmd
    .command("validate <file>")
    .description("check an instrument file (JSON or YAML); exit 1 listing every problem")
    .action((file: string) => {
      const result = validateInstrument(parseInstrumentText(readFileOrStdin(file), file));
      if (result.ok) {
        console.log(`${file}: valid (${indicatorsOf(result.instrument.tree).length} indicators)`);
        return;
      }
      for (const p of result.problems) console.error(p);
      throw new CliError(`${file}: ${result.problems.length} problem(s)`, 1);
    });
}
