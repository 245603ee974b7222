import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, loadOrCreateSecretKey, parseSecretKey } from "../../src/lib/secret-box";

describe("secret box (TOTP secrets at rest)", () => {
  it("seals with a fresh IV each time and opens only with the same key", () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal("JBSWY3DPEHPK3PXP");
    const b = box.seal("JBSWY3DPEHPK3PXP");
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => createSecretBox(randomBytes(32)).open(a)).toThrow();
  });

  it("refuses a tampered value and passes an unsealed legacy value through", () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal("SECRET");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => box.open(`v1:${raw.toString("base64")}`)).toThrow();
    expect(box.open("PLAINBASE32")).toBe("PLAINBASE32");
    expect(box.isSealed("PLAINBASE32")).toBe(false);
  });

  it("reads keys as hex or base64 and rejects anything else", () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString("hex"))).toEqual(key);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseSecretKey("kunci-rahasia")).toBeNull();
    expect(parseSecretKey(randomBytes(16).toString("hex"))).toBeNull();
  });

  it("creates a key file once (mode 0600) and reuses it; the environment wins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-key-"));
    try {
      const first = loadOrCreateSecretKey(undefined, dir);
      expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSecretKey(undefined, dir)).toEqual(first);
      const env = randomBytes(32);
      expect(loadOrCreateSecretKey(env.toString("hex"), dir)).toEqual(env);
      expect(() => loadOrCreateSecretKey("zu kurz", dir)).toThrow(/PANDU_SECRET_KEY/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
