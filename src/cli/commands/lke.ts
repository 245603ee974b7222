import fs from "node:fs";
import type { Command } from "commander";
import { stagesFor, type PeriodKind } from "../../core";
import { findAssessment } from "../../db/queries/assessments";
import { findUserForLogin } from "../../db/queries/actors";
import { lkeWorkbookModel } from "../../db/queries/lke-export";
import { importLke } from "../../db/commands/import-lke";
import { bundledInstrument } from "../../lib/instrument-files";
import { LkeWorkbookError, readLkeWorkbook, writeLkeWorkbook } from "../../lib/lke-workbook";
import { CliError } from "../cli-error";
import { cliAuditContext } from "../cli-audit";
import { openCliDatabase } from "../open-cli-database";

const assessmentIdOf = (text: string) => {
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new CliError(`assessment id ${text} is not a positive integer`);
  return Number(text);
};

/** `pandu lke export|import`: the LKE worksheet (Excel) of an assessment, as the web offers it. */
export function registerLkeCommands(program: Command): void {
  const cmd = program.command("lke").description("the LKE worksheet (Excel) of an assessment: export it, import it back");
  cmd
    .command("export")
    .description("write an assessment's LKE workbook (.xlsx)")
    .argument("<assessmentId>")
    .option("-o, --output <file>", "the file to write (default lke-<agency>-<year>-<id>-<stage>.xlsx here)")
    .action(async (idText: string, opts: { output?: string }) => {
      const id = assessmentIdOf(idText);
      const database = await openCliDatabase();
      try {
        const found = await findAssessment(database.db, id);
        if (!found) throw new CliError(`no assessment ${id}`, 1);
        const compiled = bundledInstrument(found.period.instrumentId);
        if (!compiled) throw new CliError(`instrument ${found.period.instrumentId} is not available`, 1);
        const model = await lkeWorkbookModel(database.db, found, compiled, new Date());
        const file = opts.output ?? `lke-${found.agencyCode}-${found.period.year}-${id}-${model.meta.stage}.xlsx`;
        fs.writeFileSync(file, await writeLkeWorkbook(model));
        console.log(`${file}: ${model.rows.length} indicators, stage ${model.meta.stage}`);
      } finally {
        await database.close();
      }
    });
  cmd
    .command("import")
    .description("import a filled LKE workbook into the assessment's open stage (all rows or none)")
    .argument("<assessmentId>")
    .argument("<file>")
    .option("--as <email>", "record the answers and the audit events as this user's")
    .action(async (idText: string, file: string, opts: { as?: string }) => {
      const id = assessmentIdOf(idText);
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new CliError(`cannot read ${file}`);
      }
      let parsed;
      try {
        parsed = await readLkeWorkbook(bytes);
      } catch (e) {
        if (e instanceof LkeWorkbookError) throw new CliError(`${file}: ${e.message}`);
        throw e;
      }
      const database = await openCliDatabase();
      try {
        const found = await findAssessment(database.db, id);
        if (!found) throw new CliError(`no assessment ${id}`, 1);
        const compiled = bundledInstrument(found.period.instrumentId);
        if (!compiled) throw new CliError(`instrument ${found.period.instrumentId} is not available`, 1);
        const stage = found.assessment.stage;
        if (stage === "final") throw new CliError(`assessment ${id} is final: no stage is open`);
        const user = opts.as ? await findUserForLogin(database.db, opts.as) : undefined;
        if (opts.as && !user) throw new CliError(`--as: no user with e-mail ${opts.as}`);
        const cli = cliAuditContext();
        const ctx = user ? { ...cli, actorUserId: user.id, actorLabel: `${user.email} (${cli.actorLabel})` } : cli;
        const outcome = await importLke(database.db, ctx, {
          assessmentId: id,
          agencyId: found.assessment.agencyId,
          stage,
          stages: stagesFor(found.period.kind as PeriodKind, found.period.withVisit),
          compiled,
          parsed,
          authorUserId: user?.id ?? null,
          mayAnswer: () => true,
          fileName: file,
        });
        if (outcome.ok) {
          console.log(`${file}: ${outcome.rows} rows read, ${outcome.changed.length} answers changed${outcome.changed.length ? `: ${outcome.changed.join(", ")}` : ""}`);
          return;
        }
        if (outcome.kind === "problems") {
          for (const p of outcome.problems) console.error(`${p.sheet}${p.column || p.row ? "!" : ""}${p.column ?? ""}${p.row ?? ""}: ${p.message} [${p.code}]`);
          throw new CliError(`${file}: ${outcome.problems.length} problem(s); nothing was imported`);
        }
        throw new CliError(`${file}: answers changed since the export: ${outcome.indicators.join(", ")}; export again and redo these rows (nothing was imported)`, 1);
      } finally {
        await database.close();
      }
    });
}
