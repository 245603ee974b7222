import { Command, CommanderError } from "commander";
import { VERSION } from "../lib/version";
import { CliError } from "./cli-error";

type Register = (program: Command) => void;
/**
 * Each command group is loaded only when it is asked for: `pandu score` never loads the database
 * driver, `pandu --version` loads no command at all. Help and unknown commands load every group.
 * The order of this list is the order of `pandu --help`.
 */
const GROUPS: { names: string[]; load: () => Promise<Register> }[] = [
  { names: ["instruments"], load: () => import("./commands/instruments").then((m) => m.registerInstrumentCommands) },
  { names: ["forms"], load: () => import("./commands/forms").then((m) => m.registerFormCommands) },
  { names: ["workflows"], load: () => import("./commands/workflows").then((m) => m.registerWorkflowCommands) },
  { names: ["score"], load: () => import("./commands/score").then((m) => m.registerScoreCommand) },
  { names: ["lke"], load: () => import("./commands/lke").then((m) => m.registerLkeCommands) },
  { names: ["plan"], load: () => import("./commands/plan").then((m) => m.registerPlanCommand) },
  { names: ["ikm"], load: () => import("./commands/ikm").then((m) => m.registerIkmCommand) },
  { names: ["holidays"], load: () => import("./commands/holidays").then((m) => m.registerHolidayCommands) },
  { names: ["results"], load: () => import("./commands/results").then((m) => m.registerResultsCommands) },
  { names: ["seed"], load: () => import("./commands/seed").then((m) => m.registerSeedCommands) },
  { names: ["users"], load: () => import("./commands/users").then((m) => m.registerUserCommands) },
  { names: ["tokens"], load: () => import("./commands/tokens").then((m) => m.registerTokenCommands) },
  { names: ["audit"], load: () => import("./commands/audit").then((m) => m.registerAuditCommands) },
  { names: ["backup", "restore", "doctor"], load: () => import("./commands/backup").then((m) => m.registerBackupCommands) },
];

/** The groups this command line needs: the one its first word names, none for a bare --version, else all. */
function groupsFor(argv: string[]): typeof GROUPS {
  const first = argv.find((a) => !a.startsWith("-"));
  const named = first === undefined ? undefined : GROUPS.find((g) => g.names.includes(first));
  if (named) return [named];
  if (first === undefined && argv.length > 0 && argv.every((a) => a === "--version" || a === "-V")) return [];
  return GROUPS;
}

const program = new Command("pandu").description("Pandu SPBE command line").version(VERSION).exitOverride();

/** Known failures become one line on stderr; bad input exits 2, failed checks 1. */
async function fail(e: unknown): Promise<never> {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof CliError) {
    console.error(`pandu: ${e.message}`);
    process.exit(e.exitCode);
  }
  // Loaded only on failure, so that `pandu --version` stays light.
  const [{ ScoringError }, { InstrumentFileError }, { describeStartupError }] = await Promise.all([
    import("../core"),
    import("../lib/instrument-files"),
    import("../startup/describe-startup-error"),
  ]);
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
  for (const register of await Promise.all(groupsFor(process.argv.slice(2)).map((g) => g.load()))) register(program);
  await program.parseAsync(process.argv);
} catch (e) {
  await fail(e);
}
