import type { Command } from "commander";
import { ROLES, roleNeedsAgency, type Role } from "../../core";
import { createUser, DuplicateEmailError } from "../../db/commands/users";
import { issueResetLink } from "../../db/commands/one-time-links";
import { agencyIdsByCode } from "../../db/queries/agency-ids";
import { findUserForLogin } from "../../db/queries/actors";
import { hashPassword, passwordProblem } from "../../lib/passwords";
import { CliError } from "../cli-error";
import { cliAuditContext } from "../cli-audit";
import { openCliDatabase } from "../open-cli-database";
import { readFileOrStdin } from "../read-input";

/** `pandu users create|reset-password`. */
export function registerUserCommands(program: Command): void {
  const cmd = program.command("users").description("user accounts");
  cmd
    .command("create")
    .description("create a user with one role; the password is read from standard input")
    .requiredOption("--email <email>")
    .requiredOption("--name <name>")
    .requiredOption("--role <role>", `one of: ${ROLES.join(", ")}`)
    .option("--instansi <code>", "agency code for agency and province roles (e.g. 15.71)")
    .option("--password-stdin", "read the password from standard input (otherwise an invitation link is printed)")
    .action(async (opts: { email: string; name: string; role: string; instansi?: string; passwordStdin?: boolean }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new CliError(`--role must be one of ${ROLES.join(", ")}`);
      const role = opts.role as Role;
      if (roleNeedsAgency(role) !== Boolean(opts.instansi)) throw new CliError(roleNeedsAgency(role) ? `--instansi is required for ${role}` : `--instansi is not allowed for the national role ${role}`);
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.email)) throw new CliError(`--email ${opts.email} is not an e-mail address`);
      let passwordHash: string | null = null;
      if (opts.passwordStdin) {
        const password = readFileOrStdin("-").replace(/\r?\n$/, "");
        const problem = await passwordProblem(password, [opts.email, opts.name]);
        if (problem) throw new CliError(problem === "password_too_short" ? "password: use at least 10 characters" : "password: too easy to guess; use a longer passphrase");
        passwordHash = await hashPassword(password);
      }
      const database = await openCliDatabase();
      try {
        const agencyId = opts.instansi ? (await agencyIdsByCode(database.db, [opts.instansi])).get(opts.instansi) : null;
        if (agencyId === undefined) throw new CliError(`--instansi: no agency ${opts.instansi}`);
        const created = await createUser(database.db, cliAuditContext(), { email: opts.email, name: opts.name, passwordHash, roles: [{ role, agencyId }] });
        console.log(`user ${opts.email.toLowerCase()} created (id ${created.id}, ${role}${opts.instansi ? ` in ${opts.instansi}` : ""})`);
        if (created.invitation) console.log(`invitation link (valid until ${created.invitation.expiresAt.toISOString()}): /atur-sandi/${created.invitation.token}`);
      } catch (e) {
        if (e instanceof DuplicateEmailError) throw new CliError(`a user with e-mail ${opts.email.toLowerCase()} already exists`, 1);
        throw e;
      } finally {
        await database.close();
      }
    });
  cmd
    .command("reset-password")
    .description("print a one-time password reset link for a user")
    .requiredOption("--email <email>")
    .action(async (opts: { email: string }) => {
      const database = await openCliDatabase();
      try {
        const user = await findUserForLogin(database.db, opts.email);
        if (!user) throw new CliError(`no user with e-mail ${opts.email}`, 1);
        const ctx = cliAuditContext();
        const link = await issueResetLink(database.db, ctx, { userId: user.id, agencyId: null, delivery: "shown", issuerName: ctx.actorLabel });
        console.log(`reset link for ${user.email} (valid until ${link.expiresAt.toISOString()}): /atur-sandi/${link.token}`);
      } finally {
        await database.close();
      }
    });
}
