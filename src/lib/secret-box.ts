import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Encrypts small secrets kept in the database (TOTP secrets) with AES-256-GCM, so a copy of the
 * database alone does not let anyone produce sign-in codes. Sealed values read
 * `v1:<base64 of iv(12) | tag(16) | ciphertext>`; a value without the prefix is a secret stored before
 * encryption existed and is returned as is (start-up re-seals those).
 */
export interface SecretBox {
  seal(plain: string): string;
  open(stored: string): string;
  isSealed(stored: string): boolean;
}

const PREFIX = "v1:";

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("the secret key must be 32 bytes");
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

/** Reads a key given as 64 hex digits or base64 of 32 bytes; null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  const b = Buffer.from(t, "base64");
  return b.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(t) ? b : null;
}

/**
 * The key from PANDU_SECRET_KEY, or else from `<data dir>/secret.key`, created (mode 0600) on the
 * first start. Several app instances must share PANDU_SECRET_KEY (the README says so).
 */
export function loadOrCreateSecretKey(envValue: string | undefined, dataDir: string): Buffer {
  const existing = readSecretKey(envValue, dataDir);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(path.join(dataDir, "secret.key"), key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return key;
}

/** The key from PANDU_SECRET_KEY or `<data dir>/secret.key` without creating one; null when there is none. */
export function readSecretKey(envValue: string | undefined, dataDir: string): Buffer | null {
  if (envValue) {
    const key = parseSecretKey(envValue);
    if (!key) throw new Error("PANDU_SECRET_KEY: must be 32 bytes as 64 hex digits or base64");
    return key;
  }
  const file = path.join(dataDir, "secret.key");
  if (!fs.existsSync(file)) return null;
  const key = parseSecretKey(fs.readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file}: not a 32-byte key (64 hex digits or base64)`);
  return key;
}

/** The SHA-256 of a key (hex): tells two keys apart without revealing either (backups record it). */
export function secretKeyFingerprint(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex");
}
