import { randomBytes, randomInt } from "node:crypto";
import { safeEqual, sha256Hex } from "./secure-token";

/** A fresh 6-digit one-time code (uniform, leading zeros kept). */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** A fresh salt for one code. */
export function newCodeSalt(): string {
  return randomBytes(16).toString("base64url");
}

/** What is stored instead of the code: SHA-256 of salt, address and code. */
export function signInCodeHash(salt: string, email: string, code: string): string {
  return sha256Hex(`${salt}:${email}:${code}`);
}

/** Whether `code` is the one whose hash is stored (constant time). */
export function signInCodeMatches(stored: string, salt: string, email: string, code: string): boolean {
  return safeEqual(stored, signInCodeHash(salt, email, code));
}
