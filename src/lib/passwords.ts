import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { zxcvbn } from "./zxcvbn-setup";

/** argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Verifies without throwing on malformed hashes. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * An argon2id hash of a random secret, made once per process with the same cost as real hashes.
 * Sign-in verifies against it when the e-mail is unknown (or has no password yet), so that answer
 * takes as long as a wrong password and does not reveal which e-mails have accounts.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummy;
}

/**
 * The password policy: at least 10 characters and a zxcvbn score of 3 or more (Indonesian and
 * common dictionaries; the user's own name and e-mail count as guessable). Returns the problem as
 * a message code, or null when the password is acceptable.
 */
export async function passwordProblem(password: string, userInputs: string[] = []): Promise<"password_too_short" | "password_too_weak" | null> {
  if (password.length < 10) return "password_too_short";
  return (await zxcvbn(password, userInputs)).score < 3 ? "password_too_weak" : null;
}
