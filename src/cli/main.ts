import { Command, CommanderError } from "commander";
import { ScoringError } from "../core";
import { InstrumentFileError } from "../lib/instrument-files";
import { describeStartupError } from "../startup/describe-startup-error";
import { VERSION } from "../lib/version";
import { CliError } from "./cli-error";
import { registerInstrumentCommands } from "./commands/instruments";
import { registerResultsCommands } from "./commands/results";
import { registerScoreCommand } from "./commands/score";
import { registerPlanCommand } from "./commands/plan";
import { registerSeedCommands } from "./commands/seed";
import { registerUserCommands } from "./commands/users";
import { registerTokenCommands } from "./commands/tokens";
import { registerAuditCommands } from "./commands/audit";
import { registerBackupCommands } from "./commands/backup";

const program = new Command("pandu").description("Pandu SPBE command line").version(VERSION).exitOverride();
registerInstrumentCommands(program);
registerScoreCommand(program);
registerPlanCommand(program);
registerResultsCommands(program);
registerSeedCommands(program);
registerUserCommands(program);
registerTokenCommands(program);
registerAuditCommands(program);
registerBackupCommands(program);

/** Known failures become one line on stderr; bad input exits 2, failed checks 1. */
function fail(e: unknown): never {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof CliError) {
    console.error(`pandu: ${e.message}`);
    process.exit(e.exitCode);
  }
  if (e instanceof InstrumentFileError) {
    for (const p of e.problems) console.error(p);
    console.error(`pandu: ${e.message}`);
    process.exit(2);
  }
  if (e instanceof ScoringError) {
    console.error(`pandu: ${e.message}`);
    process.exit(2);
  }
  const line = describeStartupError(e, { dataDir: process.env.PANDU_DATA_DIR, databaseUrl: process.env.DATABASE_URL });
  console.error(`pandu: ${line ?? (e as Error)?.message ?? String(e)}`);
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  fail(e);
}
