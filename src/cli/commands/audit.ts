import type { Command } from "commander";
import { verifyAudit } from "../../db/audit/verify-audit";
import { CliError } from "../cli-error";
import { openCliDatabase } from "../open-cli-database";

/** `pandu audit verify`: exit 0 when every chain is intact, 1 naming the first broken link. */
export function registerAuditCommands(program: Command): void {
  program
    .command("audit")
    .description("the audit trail")
    .command("verify")
    .description("check every agency's hash chain for altered, removed or reordered events")
    .action(async () => {
      const database = await openCliDatabase();
      try {
        const r = await verifyAudit(database.db);
        for (const p of r.problems) console.log(p);
        console.log(`${r.events} events in ${r.chains} chains: ${r.ok ? "intact" : `${r.problems.length} chain(s) broken`}`);
        if (!r.ok) throw new CliError("the audit trail has been tampered with", 1);
      } finally {
        await database.close();
      }
    });
}
