import type { Command } from "commander";
import { createApiToken } from "../../db/commands/api-tokens";
import { findUserForLogin } from "../../db/queries/actors";
import { CliError } from "../cli-error";
import { cliAuditContext } from "../cli-audit";
import { openCliDatabase } from "../open-cli-database";

/** `pandu tokens create`: prints the token once. */
export function registerTokenCommands(program: Command): void {
  program
    .command("tokens")
    .description("API tokens")
    .command("create")
    .description("create an API token for a user and print it once")
    .requiredOption("--email <email>")
    .requiredOption("--name <name>")
    .option("--scope <scope>", "read or write", "read")
    .option("--days <days>", "days until it expires (1–365)", "90")
    .action(async (opts: { email: string; name: string; scope: string; days: string }) => {
      if (opts.scope !== "read" && opts.scope !== "write") throw new CliError("--scope must be read or write");
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1 || days > 365) throw new CliError("--days must be a whole number from 1 to 365");
      const database = await openCliDatabase();
      try {
        const user = await findUserForLogin(database.db, opts.email);
        if (!user) throw new CliError(`no user with e-mail ${opts.email}`, 1);
        const t = await createApiToken(database.db, cliAuditContext(), { userId: user.id, name: opts.name, scope: opts.scope, days });
        console.log(t.token);
        console.error(`token "${t.name}" (${t.scope}) for ${user.email}, expires ${t.expiresAt.toISOString()}; it is shown only now`);
      } finally {
        await database.close();
      }
    });
}
