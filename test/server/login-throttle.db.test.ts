import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema";
import { addressOf } from "../../src/db/commands/login-throttle";
import { verifyPassword } from "../../src/lib/passwords";
import { makeUser, sessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const argon2Parameters = (hash: string) => /^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$/.exec(hash)?.[0];

describe(`sign-in throttling on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = new Date("2026-03-02T08:00:00Z");
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  /** Every password verification at sign-in, by hash; `gate` (when set) holds each one. */
  const verified: string[] = [];
  let gate: Promise<void> | null = null;

  beforeAll(async () => {
    t = await startTestApp({
      seed: true,
      auth: {
        now: () => clock,
        throttle: { baseDelayMs: 1000, maxFailures: 5, lockMinutes: 15, addressMaxFailures: 10, addressLockMinutes: 15 },
        verifyPassword: async (hash, password) => {
          verified.push(hash);
          await gate;
          return verifyPassword(hash, password);
        },
      },
    });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) => t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: ip });

  it("a parallel burst for one account checks at most two passwords; the owner still signs in from another address", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const burst = 30;
    verified.length = 0;
    let settled = 0;
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    // Barrier: no verification finishes before every attempt has been either admitted or refused.
    const check = () => verified.length + settled === burst && open();
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        login(u.email, `Salah-Sandi-${1000 + i}`, "203.0.113.10").then((r) => {
          settled++;
          check();
          return r;
        }),
      ),
    );
    gate = null;
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(2);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(burst - 2);
    expect(verified.length).toBeLessThanOrEqual(2);
    // the attacking address is held back even with the right password; the owner's own address is not
    expect((await login(u.email, TEST_PASSWORD, "203.0.113.10")).statusCode).toBe(429);
    expect((await login(u.email, TEST_PASSWORD, "198.51.100.20")).statusCode).toBe(200);
  });

  it("growing delays, then a 15-minute lock with Retry-After — which an address without failures passes with the right password", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.72");
    const attacker = "203.0.113.30";
    expect((await login(u.email, "Salah-Sandi-00001", attacker)).statusCode).toBe(401);
    const early = await login(u.email, TEST_PASSWORD, attacker); // even the right password waits
    expect(early.statusCode).toBe(429);
    expect(early.headers["retry-after"]).toBe("1");
    for (let i = 0; i < 4; i++) {
      advance(1000 * 2 ** i);
      expect((await login(u.email, `Salah-Sandi-0000${i + 2}`, attacker)).statusCode).toBe(401);
    }
    advance(60_000);
    const locked = await login(u.email, TEST_PASSWORD, attacker);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe("too_many_attempts");
    expect(Number(locked.headers["retry-after"])).toBe(14 * 60);
    // an address with no failed attempt gets one try despite the lock: the owner is not locked out
    expect((await login(u.email, TEST_PASSWORD, "198.51.100.31")).statusCode).toBe(200);
    advance(15 * 60_000);
    expect((await login(u.email, TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it("fresh addresses pass a lock only until the account has twice its failure limit", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.72");
    for (let i = 0; i < 10; i++) {
      // a different address each time: neither the delays nor the lock hold any of these
      expect((await login(u.email, `Salah-Sandi-1${i}`, `192.0.2.${100 + i}`)).statusCode).toBe(401);
    }
    expect((await login(u.email, TEST_PASSWORD, "192.0.2.120")).statusCode).toBe(429);
    advance(15 * 60_000);
    expect((await login(u.email, TEST_PASSWORD, "192.0.2.121")).statusCode).toBe(200);
  });

  it("one address is blocked after 10 failed attempts over any accounts", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const sprayer = "2001:db8:7:8:1::1";
    for (let i = 0; i < 10; i++) {
      // the same /64 counts as one address
      expect((await login(`tidak.ada.${i}@test.pandu.local`, "Salah-Sandi-12345", `2001:db8:7:8::${i + 2}`)).statusCode).toBe(401);
    }
    const blocked = await login(u.email, TEST_PASSWORD, sprayer);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBe(15 * 60);
    expect((await login(u.email, TEST_PASSWORD, "2001:db8:7:9::1")).statusCode).toBe(200);
    advance(15 * 60_000 + 1000);
    expect((await login(u.email, TEST_PASSWORD, sprayer)).statusCode).toBe(200);
  });

  it("an unknown e-mail and an account without a password verify an argon2id hash of the same cost as a real one", async () => {
    const real = await makeUser(t.database, "pimpinan", "15.71");
    const invited = await makeUser(t.database, "pimpinan", "15.71", null);
    const [row] = await t.database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, real.id));
    verified.length = 0;
    const unknown = await login("tidak.terdaftar@test.pandu.local", "Salah-Sandi-12345", "198.51.100.40");
    const noPassword = await login(invited.email, "Salah-Sandi-12345", "198.51.100.41");
    const wrong = await login(real.email, "Salah-Sandi-12345", "198.51.100.42");
    expect([unknown.statusCode, noPassword.statusCode, wrong.statusCode]).toEqual([401, 401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    expect(verified).toHaveLength(3);
    expect(verified.map(argon2Parameters)).toEqual(Array(3).fill(argon2Parameters(row!.hash!)));
    expect(verified[0]).not.toBe(row!.hash);
  });

  it("keys an IPv6 client by its /64 and an IPv4-mapped address as IPv4", () => {
    expect(addressOf("2001:db8:7:8:1::1")).toBe("2001:db8:7:8::/64");
    expect(addressOf("2001:0db8:0007:0008:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:7:8::/64");
    expect(addressOf("::1")).toBe("0:0:0:0::/64");
    expect(addressOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressOf("192.0.2.1")).toBe("192.0.2.1");
  });
  it("a stolen session cannot guess the current password: changing it and turning two-factor off are throttled like sign-in", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.73");
    const s = await sessionFor(t.database, u.id);
    const as = (url: string, payload: object) =>
      t.app.inject({ method: "POST", url, payload, remoteAddress: "203.0.113.40", headers: { cookie: s.cookie, "x-csrf-token": s.csrf } });
    const wrong = await as("/api/me/password", { currentPassword: "Salah-Sandi-10001", newPassword: "Sandi-Baru-Yang-Panjang-77" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual({ field: "currentPassword" });
    // the next guess waits, as a second failed sign-in would, even when it is right
    const early = await as("/api/me/2fa/disable", { password: TEST_PASSWORD });
    expect(early.statusCode).toBe(429);
    expect(early.headers["retry-after"]).toBe("1");
    for (let i = 0; i < 4; i++) {
      advance(1000 * 2 ** i);
      expect((await as("/api/me/2fa/disable", { password: `Salah-Sandi-1000${i + 2}` })).statusCode).toBe(400);
    }
    advance(60_000);
    expect((await as("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: "Sandi-Baru-Yang-Panjang-77" })).statusCode).toBe(429);
    // the lock ends; the right password is accepted and the account's failures are forgotten
    advance(15 * 60_000 + 1000);
    expect((await as("/api/me/password", { currentPassword: TEST_PASSWORD, newPassword: "Sandi-Baru-Yang-Panjang-77" })).statusCode).toBe(200);
  });
});
