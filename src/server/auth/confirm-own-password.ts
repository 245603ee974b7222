import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { attemptSucceeded, reserveLoginAttempt } from "../../db/commands/login-throttle";
import { verifyPassword } from "../../lib/passwords";

/**
 * Checks the signed-in user's own password before a sensitive change (new password, two-factor off)
 * under the same throttle as sign-in: a stolen session must not become an unlimited password oracle.
 * A wrong password counts as a failed sign-in for the account and the address; a right one clears them.
 * Throws 429 `too_many_attempts` (with Retry-After) or 400 `wrong_password` naming `details.field`.
 */
export async function confirmOwnPassword(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; passwordHash: string | null; password: string; field: string },
): Promise<void> {
  const { db } = ctx.database;
  const now = ctx.auth.now ?? (() => new Date());
  const attempt = await reserveLoginAttempt(db, { email: input.email, ip: req.ip }, ctx.auth.throttle, now());
  if (!attempt.allowed) {
    reply.header("retry-after", String(attempt.retryAfterSeconds));
    throw new AppError(429, "too_many_attempts", `too many wrong passwords; try again in ${attempt.retryAfterSeconds} s`);
  }
  const verify = ctx.auth.verifyPassword ?? verifyPassword;
  if (!input.passwordHash || !(await verify(input.passwordHash, input.password))) {
    throw new AppError(400, "wrong_password", `${input.field}: wrong password`, { field: input.field });
  }
  await attemptSucceeded(db, attempt);
}
