import type { Command } from "commander";
import { checkPublishedResult, PREDICATE_POLICIES, type PredicatePolicy, type ResultCheck } from "../../core";
import { importOfficialResults } from "../../db/commands/import-official-results";
import { officialPeriod, resolveInstrument } from "../../lib/instrument-files";
import { officialInstrumentOfYear, readCheckedResultsCsv, ResultsCsvError, type ResultsCsvRow } from "../../lib/results-csv";
import { CliError } from "../cli-error";
import { openCliDatabase } from "../open-cli-database";

/**
 * Reads a results CSV and checks each row's node columns against its year's instrument. Every
 * problem goes to stderr, one line each, and the command stops (exit 2) before anything is written.
 */
function readRows(file: string, action: string): ResultsCsvRow[] {
  try {
    return readCheckedResultsCsv(file);
  } catch (e) {
    if (!(e instanceof ResultsCsvError)) throw e;
    for (const p of e.problems) console.error(p);
    throw new CliError(`${file}: ${e.message}${e.problems.length ? `; nothing ${action}` : ""}`);
  }
}

/** Checks every row against its year's instrument and predicate policy (or a forced policy). */
export function verifyRows(rows: ResultsCsvRow[], forcedPolicy?: PredicatePolicy): { checks: ResultCheck[]; policies: Set<string> } {
  const policies = new Set<string>();
  const checks = rows.map((row) => {
    const period = officialPeriod(row.year);
    if (!period) throw new CliError(`line ${row.line}: no official period for year ${row.year}`);
    const policy = forcedPolicy ?? period.predicatePolicy;
    policies.add(`${row.year}: ${policy}`);
    return checkPublishedResult(resolveInstrument(period.instrument), row, policy);
  });
  return { checks, policies };
}

/** `pandu results import|verify` for files in the national results CSV format. */
export function registerResultsCommands(program: Command): void {
  const cmd = program.command("results").description("published national results (CSV as in seed/official-results)");
  cmd
    .command("verify <csv>")
    .description("recompute each row from its node values (the columns of its year's instrument) and check index (±0.01) and predicate")
    .option("--policy <policy>", "force a predicate policy instead of each year's official one")
    .action((file: string, opts: { policy?: string }) => {
      if (opts.policy && !PREDICATE_POLICIES.includes(opts.policy as PredicatePolicy)) throw new CliError(`--policy must be exact or rounded2`);
      const { checks, policies } = verifyRows(readRows(file, "checked"), opts.policy as PredicatePolicy | undefined);
      const bad = checks.filter((c) => !c.indexOk || !c.predicateOk);
      for (const c of bad) {
        const what = [!c.indexOk ? `index ${c.row.index} vs recomputed ${c.recomputedIndex}` : "", !c.predicateOk ? `predicate ${c.row.predicate} vs ${c.recomputedPredicate} (index ${c.recomputedIndex})` : ""].filter(Boolean).join("; ");
        console.log(`line ${c.row.line}: ${c.row.agencyName} (${c.row.year}): ${what}`);
      }
      console.log(`${checks.length} rows checked, ${bad.length} disagree (policy ${[...policies].join(", ")})`);
      if (bad.length) process.exitCode = 1;
    });
  cmd
    .command("import <csv>")
    .description("import published results into the database (all rows or none)")
    .action(async (file: string) => {
      const rows = readRows(file, "imported");
      const database = await openCliDatabase();
      try {
        const outcome = await importOfficialResults(database.db, rows, (year) => officialInstrumentOfYear(year)!);
        if (outcome.unmatched.length) {
          for (const u of outcome.unmatched) console.error(`line ${u.line}: no ${u.category} agency named "${u.name}"`);
          throw new CliError(`${outcome.unmatched.length} row(s) match no agency; nothing imported`, 1);
        }
        console.log(`${outcome.imported} results imported into ${database.kind}`);
      } finally {
        await database.close();
      }
    });
}
