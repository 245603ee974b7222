import type { Command } from "commander";
import { CalendarError, describeCase, validateWorkflow, WorkflowError, type Transition, type WorkflowActor, type WorkflowDefinition } from "../../core";
import { HolidayFileError, loadWorkingCalendar } from "../../lib/holiday-files";
import { bundledWorkflowFiles, parseWorkflowText, readWorkflowFile, WorkflowFileError } from "../../lib/workflow-files";
import { CliError } from "../cli-error";
import { readFileOrStdin, readJson } from "../read-input";

const terminalCount = (w: WorkflowDefinition) => w.states.filter((s) => s.terminal).length;
const slaText = (w: WorkflowDefinition) => (w.slaWorkingDays === undefined ? "tanpa SLA" : `${w.slaWorkingDays} hari kerja`);

/** Reads a workflow file for `workflows simulate`: unreadable or invalid workflows are bad input (exit 2). */
function workflowFor(file: string): WorkflowDefinition {
  try {
    return readWorkflowFile(file);
  } catch (e) {
    if (!(e instanceof WorkflowFileError)) throw e;
    for (const p of e.problems) console.error(`${p.path}: ${p.message} [${p.code}]`);
    throw new CliError(e.message, 2);
  }
}

/** "u-12:verifikator,kepala_unit" → the actor whose permissions are shown. */
function parseActor(text: string): WorkflowActor {
  const m = /^([^:]+):(.+)$/.exec(text);
  if (!m) throw new CliError(`--as takes <id>:<role>[,<role>…], not ${JSON.stringify(text)}`);
  return { id: m[1]!, roles: m[2]!.split(",").map((r) => r.trim()).filter(Boolean) };
}

/** `pandu workflows list|validate|simulate`. */
export function registerWorkflowCommands(program: Command): void {
  const cmd = program.command("workflows").description("service and complaint workflows as data (workflows/*.json)");
  cmd
    .command("list")
    .description("list the bundled workflows")
    .action(() => {
      for (const file of bundledWorkflowFiles()) {
        const w = readWorkflowFile(file);
        console.log(`${w.id.padEnd(24)} v${String(w.version).padEnd(3)} ${String(w.states.length).padStart(2)} status (${terminalCount(w)} akhir) ${String(w.actions.length).padStart(2)} aksi  ${slaText(w).padEnd(14)} ${w.title.id}`);
      }
    });
  cmd
    .command("validate <file>")
    .description("check a workflow file (JSON or YAML, - for stdin); exit 1 listing every problem with its path, 2 when unreadable")
    .option("--format <format>", "text or json", "text")
    .action((file: string, opts: { format: string }) => {
      if (opts.format !== "text" && opts.format !== "json") throw new CliError("--format must be text or json");
      let input: unknown;
      try {
        input = parseWorkflowText(readFileOrStdin(file), file);
      } catch (e) {
        if (e instanceof WorkflowFileError) throw new CliError(e.message, 2);
        throw e;
      }
      const result = validateWorkflow(input);
      if (opts.format === "json") console.log(JSON.stringify({ file, valid: result.ok, problems: result.problems }, null, 2));
      if (result.ok) {
        const w = result.workflow;
        if (opts.format === "text") console.log(`${file}: valid (${w.id} v${w.version}, ${w.states.length} states, ${w.actions.length} actions)`);
        return;
      }
      if (opts.format === "text") for (const p of result.problems) console.error(`${p.path}: ${p.message} [${p.code}]`);
      throw new CliError(`${file}: ${result.problems.length} problem(s)`, 1);
    });
  cmd
    .command("simulate <file> <history>")
    .description("replay a case's history (JSON array of transitions, - for stdin) and print its state, claim, actions and deadlines as JSON")
    .option("--now <instant>", "the moment to look from, ISO with a zone (default: now)")
    .option("--as <actor>", "show whether <id>:<role>[,<role>…] may take each action")
    .option("--region <code>", 'Kemendagri code whose regional holidays count ("15.71"), default national only', "ID")
    .option("--holidays-dir <dir...>", "extra folders of holiday files (a pemda's regional holidays)")
    .action((file: string, historyFile: string, opts: { now?: string; as?: string; region: string; holidaysDir?: string[] }) => {
      const def = workflowFor(file);
      const history = readJson(historyFile);
      if (!Array.isArray(history)) throw new CliError(`${historyFile}: expected a JSON array of transitions`);
      try {
        const calendar = loadWorkingCalendar({ region: opts.region, extraDirs: opts.holidaysDir });
        const view = describeCase(def, history as Transition[], { calendar, now: opts.now ?? new Date().toISOString(), actor: opts.as ? parseActor(opts.as) : undefined });
        console.log(JSON.stringify(view, null, 2));
      } catch (e) {
        if (e instanceof HolidayFileError) for (const p of e.problems) console.error(p);
        if (e instanceof WorkflowError || e instanceof CalendarError || e instanceof HolidayFileError) throw new CliError(e.message, 2);
        throw e;
      }
    });
}
