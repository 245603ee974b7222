import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh random token (256 bits, base64url) for sessions, API tokens and one-time links. */
export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** SHA-256 hex of a token: what the database stores instead of the token. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
