import type { Command } from "commander";
import { seedDemo } from "../../db/commands/seed-demo";
import { loadConfig } from "../../config/config";
import { CliError } from "../cli-error";
import { openCliDatabase } from "../open-cli-database";

/** `pandu seed demo`: master data, published results and (in demo mode) demo accounts. */
export function registerSeedCommands(program: Command): void {
  program
    .command("seed")
    .description("load data")
    .command("demo")
    .description("load the agency register, published results 2021–2024 and demo accounts (demo mode only)")
    .action(async () => {
      const config = loadConfig();
      const database = await openCliDatabase();
      try {
        const report = await seedDemo(database.db, { demoUsers: config.demo });
        console.log(`${report.agencies} agencies, ${report.results} published results loaded into ${database.kind}`);
        if (!config.demo) console.log("demo accounts not created (not in demo mode; set PANDU_DEMO=true to create them)");
        for (const c of report.credentials) console.log(`${c.role.padEnd(22)} ${c.email.padEnd(42)} ${c.password}`);
      } catch (e) {
        throw e instanceof Error ? new CliError(e.message, 1) : e;
      } finally {
        await database.close();
      }
    });
}
