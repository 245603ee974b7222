import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, sessions, users } from "../../src/db/schema";
import { sealPlainTotpSecrets, useTotpStep } from "../../src/db/commands/two-factor";
import { secretBoxOf } from "../../src/server/context";
import { call, makeUser, sessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { currentTotp } from "../../src/lib/totp";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

/**
 * The test's clock: only Date is faked (timers and the database stay real), so the app in this
 * process throttles and checks authenticator codes at the moment the test sets, not the wall clock.
 */
const freezeClock = (at = Date.now()) => vi.useFakeTimers({ toFake: ["Date"], now: at });
const advanceClock = (ms: number) => vi.setSystemTime(Date.now() + ms);
/** 10 s into a 30-second TOTP step: the codes of this step and the next do not depend on when the test runs. */
const midTotpStep = () => (Math.floor(Date.now() / 30_000) + 1) * 30_000 + 10_000;

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = ([] as string[]).concat((res.headers["set-cookie"] as string | string[]) ?? []);
  return raw.find((c) => c.startsWith("pandu_session="));
};

describe(`sign-in and sessions on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, throttleBaseMs: 300 });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  const login = (email: string, password: string) => t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });

  it("signs in with an httpOnly SameSite cookie and answers with roles, abilities and a CSRF token", async () => {
    const u = await makeUser(t.database, "koordinator_spbe", "15.71");
    const res = await login(u.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; Secure behind TLS
    const body = res.json();
    expect(body.user.email).toBe(u.email);
    expect(body.roles).toEqual([{ id: expect.any(Number), role: "koordinator_spbe", agency: { code: "15.71", name: "Pemerintah Kota Jambi" } }]);
    expect(body.abilities).toMatchObject({ manageUsers: true, readAudit: true });
    expect(body.csrfToken).toHaveLength(43);
    // only the hash of the token is stored
    const token = cookie.split(";")[0]!.split("=")[1]!;
    const rows = await t.database.db.select().from(sessions);
    expect(rows.some((r) => r.id === token)).toBe(false);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: `pandu_session=${token}` } });
    expect(me.json().user.email).toBe(u.email);
    const probe = await t.app.inject({ method: "GET", url: "/api/session", headers: { cookie: `pandu_session=${token}` } });
    expect(probe.json()).toEqual(me.json());
  });

  it("a wrong password and an unknown e-mail get the same 401", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const a = await login(u.email, "Salah-Sandi-12345");
    const b = await login("tidak.ada@test.pandu.local", "Salah-Sandi-12345");
    expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    expect(a.json()).toEqual(b.json());
    expect(a.json()).toEqual({ error: "invalid_credentials", message: "wrong e-mail or password" });
  });

  it("the session probe answers 200 { user: null } without a session, so anonymous pages log no error", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/session" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: null });
  });

  it("/api/me without a session is 401", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe("unauthenticated");
  });

  it("rejects a cookie-authenticated write without the CSRF header", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const s = await sessionFor(t.database, u.id);
    const noHeader = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error).toBe("csrf_failed");
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    const ok = await call(t.app, "POST", "/api/auth/logout", s);
    expect(ok.statusCode).toBe(204);
    expect((await call(t.app, "GET", "/api/me", s)).statusCode).toBe(401);
  });

  it("ends a session after the idle time and after the absolute lifetime", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const idle = await sessionFor(t.database, u.id);
    await t.database.db.update(sessions).set({ lastSeenAt: sql`now() - interval '62 minutes'` }).where(eq(sessions.id, idle.sessionId));
    expect((await call(t.app, "GET", "/api/me", idle)).statusCode).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.id, idle.sessionId))).toHaveLength(0);
    const old = await sessionFor(t.database, u.id);
    await t.database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, old.sessionId));
    expect((await call(t.app, "GET", "/api/me", old)).statusCode).toBe(401);
  });

  it("updates the own profile with validation and an audit trail of the changed fields", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const s = await sessionFor(t.database, u.id);
    const bad = await call(t.app, "PATCH", "/api/me", s, { nip: "1975" });
    expect(bad.json()).toMatchObject({ error: "validation_error", message: "body.nip: must be 18 digits" });
    expect((await call(t.app, "PATCH", "/api/me", s, { role: "administrator" })).statusCode).toBe(400);
    const ok = await call(t.app, "PATCH", "/api/me", s, { name: "Wali Kota Jambi", nip: "197501012000031002", language: "en" });
    expect(ok.json().user).toMatchObject({ name: "Wali Kota Jambi", nip: "197501012000031002", language: "en" });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "user.profile_update"));
    const mine = events.find((e) => e.targetId === String(u.id))!;
    expect(mine.changes.after).toEqual({ name: "Wali Kota Jambi", nip: "197501012000031002", language: "en" });
    expect(Object.keys(mine.changes.before!).sort()).toEqual(["language", "name", "nip"]);
  });

  it("logs out everywhere", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const a = await sessionFor(t.database, u.id);
    const b = await sessionFor(t.database, u.id);
    const res = await call(t.app, "POST", "/api/auth/logout-all", a);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await call(t.app, "GET", "/api/me", b)).statusCode).toBe(401);
  });

  it("changing the password checks the policy, ends every session and opens a new one", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const a = await sessionFor(t.database, u.id);
    const b = await sessionFor(t.database, u.id);
    const weak = await call(t.app, "POST", "/api/me/password", a, { currentPassword: TEST_PASSWORD, newPassword: "jambi12345" });
    expect(weak.json().error).toBe("password_too_weak");
    const short = await call(t.app, "POST", "/api/me/password", a, { currentPassword: TEST_PASSWORD, newPassword: "Ab1!x" });
    expect(short.json()).toEqual({ error: "password_too_short", message: "newPassword: use at least 10 characters", details: { field: "newPassword" } });
    freezeClock();
    const wrong = await call(t.app, "POST", "/api/me/password", a, { currentPassword: "bukan-sandinya-123", newPassword: "Durian-Montong-Manis-7" });
    expect(wrong.statusCode).toBe(400);
    advanceClock(1000); // a wrong current password counts as a failed sign-in: the next try waits
    const ok = await call(t.app, "POST", "/api/me/password", a, { currentPassword: TEST_PASSWORD, newPassword: "Durian-Montong-Manis-7" });
    expect(ok.statusCode).toBe(200);
    expect((await call(t.app, "GET", "/api/me", a)).statusCode).toBe(401);
    expect((await call(t.app, "GET", "/api/me", b)).statusCode).toBe(401);
    const fresh = cookieOf(ok)!.split(";")[0]!;
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: fresh } })).statusCode).toBe(200);
    expect((await login(u.email, "Durian-Montong-Manis-7")).statusCode).toBe(200);
  });
});

describe(`two-factor sign-in on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, throttleBaseMs: 10 });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it("sets up with a QR code, is confirmed by a code, then sign-in needs a code", async () => {
    const u = await makeUser(t.database, "administrator", null);
    const s = await sessionFor(t.database, u.id);
    freezeClock(midTotpStep());
    const setup = await call(t.app, "POST", "/api/me/2fa/setup", s);
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrDataUrl } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Pandu%20SPBE:/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // still off until confirmed
    expect((await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD } })).statusCode).toBe(200);
    expect((await call(t.app, "POST", "/api/me/2fa/enable", s, { code: "000000" })).json().error).toBe("invalid_totp");
    expect((await call(t.app, "POST", "/api/me/2fa/enable", s, { code: currentTotp(secret) })).statusCode).toBe(204);
    expect((await call(t.app, "GET", "/api/me", s)).json().user.twoFactor).toBe(true);
    // The secret is stored encrypted: the database row alone does not reveal it.
    const [stored] = await t.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, u.id));
    expect(stored!.secret).toMatch(/^v1:/);
    expect(stored!.secret).not.toContain(secret);

    const noCode = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD } });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error).toBe("totp_required");
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: "123456" === currentTotp(secret) ? "654321" : "123456" } });
    expect(wrong.json().error).toBe("invalid_totp");
    advanceClock(2000); // the pause after that failure
    // the code that confirmed the setup is spent; the next step's code (clock drift allowance) works once
    const spent = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: currentTotp(secret) } });
    expect(spent.json().error).toBe("invalid_totp");
    advanceClock(2000);
    const next = currentTotp(secret, Date.now() + 30_000);
    const ok = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: next } });
    expect(ok.statusCode).toBe(200);
    const replay = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: next } });
    expect(replay.json()).toEqual({ error: "invalid_totp", message: "the authenticator code is wrong, expired or already used" });
    // Two requests spending one newer step at the same moment: only one of them gets it.
    const [{ lastStep }] = (await t.database.db.select({ lastStep: users.totpLastStep }).from(users).where(eq(users.id, u.id))) as [{ lastStep: number }];
    const spends = await Promise.all([useTotpStep(t.database.db, u.id, lastStep + 1), useTotpStep(t.database.db, u.id, lastStep + 1)]);
    expect(spends.sort()).toEqual([false, true]);
    // Bound to the last spent step (a pending SSO sign-in): of two newer codes sent at once, one wins.
    const bound = await Promise.all([useTotpStep(t.database.db, u.id, lastStep + 2, lastStep + 1), useTotpStep(t.database.db, u.id, lastStep + 3, lastStep + 1)]);
    expect(bound.sort()).toEqual([false, true]);

    advanceClock(2000); // the pause after the replayed code: turning two-factor off checks the password under the sign-in throttle
    expect((await call(t.app, "POST", "/api/me/2fa/disable", s, { password: "bukan-sandinya" })).statusCode).toBe(400);
    advanceClock(4000);
    expect((await call(t.app, "POST", "/api/me/2fa/disable", s, { password: TEST_PASSWORD })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD } })).statusCode).toBe(200);
  });

  it("a secret stored in plain text by an earlier version keeps working and is encrypted at start-up", async () => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    freezeClock(midTotpStep());
    await t.database.db.update(users).set({ totpSecret: plain, totpEnabled: true }).where(eq(users.id, u.id));
    const first = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: currentTotp(plain) } });
    expect(first.statusCode).toBe(200);
    const box = secretBoxOf(t.context);
    expect(await sealPlainTotpSecrets(t.database.db, box)).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, u.id));
    expect(row!.secret).toMatch(/^v1:/);
    expect(box.open(row!.secret!)).toBe(plain);
    expect(await sealPlainTotpSecrets(t.database.db, box)).toBe(0);
    const next = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: u.email, password: TEST_PASSWORD, totp: currentTotp(plain, Date.now() + 30_000) } });
    expect(next.statusCode).toBe(200);
  });
});

describe(`API tokens on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());
  const bearer = (token: string, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it("are shown once, stored hashed, scoped, revocable and per user", async () => {
    const u = await makeUser(t.database, "administrator", null);
    const other = await makeUser(t.database, "tim_reviu", null);
    const s = await sessionFor(t.database, u.id);
    const read = (await call(t.app, "POST", "/api/tokens", s, { name: "laporan", scope: "read", days: 30 })).json();
    const write = (await call(t.app, "POST", "/api/tokens", s, { name: "sinkronisasi", scope: "write" })).json();
    expect(read.token).toMatch(/^pandu_/);
    const listed = (await call(t.app, "GET", "/api/tokens", s)).json().tokens;
    expect(listed.map((x: { name: string }) => x.name)).toEqual(["sinkronisasi", "laporan"]);
    expect(JSON.stringify(listed)).not.toContain(read.token);

    const me = await bearer(read.token, "GET", "/api/me");
    expect(me.json()).toMatchObject({ via: "token", user: { email: u.email }, abilities: { write: false }, csrfToken: null });
    const denied = await bearer(read.token, "DELETE", `/api/tokens/${write.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toBe("token_read_only");
    expect((await bearer(write.token, "POST", "/api/tokens", { name: "x" })).statusCode).toBe(403);

    const os = await sessionFor(t.database, other.id);
    expect((await call(t.app, "DELETE", `/api/tokens/${read.id}`, os)).statusCode).toBe(404); // another user's token
    expect((await bearer(write.token, "DELETE", `/api/tokens/${read.id}`)).statusCode).toBe(204); // no CSRF for bearer
    expect((await bearer(read.token, "GET", "/api/me")).statusCode).toBe(401);
    expect((await bearer("pandu_not-a-real-token", "GET", "/api/me")).json()).toEqual({ error: "unauthenticated", message: "the API token is invalid, expired or revoked" });
  });

  it.each([
    [{ name: "" }, "body.name"],
    [{ name: "x", scope: "admin" }, "body.scope"],
    [{ name: "x", days: 1000 }, "body.days"],
  ])("bad input %j is a 400 naming the field", async (payload, field) => {
    const u = await makeUser(t.database, "pimpinan", "15.71");
    const res = await call(t.app, "POST", "/api/tokens", await sessionFor(t.database, u.id), payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(field);
  });
});
