import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, staffOidcIdentities, userRoles, users } from "../../src/db/schema";
import { makeUser } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { currentTotp, newTotpSecret } from "../../src/lib/totp";
import { secretBoxOf } from "../../src/server/context";

const PUBLIC_URL = "http://pandu.test";
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers["set-cookie"] as string | string[] | undefined) ?? [])
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("pandu_session="));

describe(`staff sign-in through OpenID Connect on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startTestOidcProvider([CALLBACK]);
    // No growing delay between failed codes here (the throttle itself is tested with the password sign-in).
    t = await startTestApp({
      throttleBaseMs: 0,
      context: { publicUrl: PUBLIC_URL, staffOidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: "openid email profile", label: "SSO Pemprov" } },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const signIn = async (sub: string, returnTo = "/beranda") => {
    const start = await t.app.inject({ method: "GET", url: `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}` });
    expect(start.statusCode).toBe(302);
    const back = await signInAtProvider(start.headers.location as string, sub, CALLBACK);
    return t.app.inject({ method: "GET", url: back.slice(PUBLIC_URL.length) });
  };

  it("says SSO is on, with its label", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/auth/oidc/options" })).json()).toEqual({ oidc: { label: "SSO Pemprov" } });
  });

  it("links a subject to the enabled account with the provider's verified e-mail, then signs in by the subject alone; audited; no role granted", async () => {
    const user = await makeUser(t.database, "administrator", null);
    const rolesBefore = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, user.id));
    idp.accounts.set("pegawai-1", { sub: "pegawai-1", email: user.email.toUpperCase(), emailVerified: true });
    const res = await signIn("pegawai-1");
    expect([res.statusCode, res.headers.location]).toEqual([302, "/beranda"]);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: sessionCookie(res)! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(user.email);
    const links = await t.database.db.select().from(staffOidcIdentities).where(eq(staffOidcIdentities.userId, user.id));
    expect(links.map((l) => [l.issuer, l.subject])).toEqual([[idp.issuer, "pegawai-1"]]);
    const actions = (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, String(user.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.oidc_link", "auth.login"]));
    expect(await t.database.db.select().from(userRoles).where(eq(userRoles.userId, user.id))).toEqual(rolesBefore);

    // The link holds even when the provider's e-mail changes later.
    idp.accounts.set("pegawai-1", { sub: "pegawai-1", email: "lain@example.id", emailVerified: true });
    expect((await signIn("pegawai-1")).headers.location).toBe("/beranda");
  });

  it("an account with two-factor on still needs its authenticator code after the provider: no session until then; forged, missing, expired or wrong answers are refused", async () => {
    const user = await makeUser(t.database, "administrator", null);
    const secret = newTotpSecret();
    const box = secretBoxOf(t.context);
    await t.database.db.update(users).set({ totpSecret: box.seal(secret), totpEnabled: true }).where(eq(users.id, user.id));
    idp.accounts.set("pegawai-2fa", { sub: "pegawai-2fa", email: user.email, emailVerified: true });
    const back = await signIn("pegawai-2fa", "/katalog-layanan");
    expect([back.statusCode, back.headers.location, sessionCookie(back)]).toEqual([302, "/masuk?sso=kode", undefined]);
    const pendingCookie = ([] as string[]).concat((back.headers["set-cookie"] as string | string[]) ?? []).find((c) => c.startsWith("pandu_sso_2fa="))!;
    expect(pendingCookie).toMatch(/HttpOnly/i);
    expect(pendingCookie).toMatch(/Path=\/api\/auth\/oidc/);
    const pending = pendingCookie.split(";")[0]!;
    const logins = async () => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, String(user.id)), eq(auditEvents.action, "auth.login")))).length;
    expect(await logins()).toBe(0);

    const answer = (cookie: string | null, totp: string) => t.app.inject({ method: "POST", url: "/api/auth/oidc/totp", payload: { totp }, headers: cookie ? { cookie } : {} });
    const code = currentTotp(secret);
    expect((await answer(null, code)).json().error).toBe("sso_second_factor_invalid");
    const forged = `pandu_sso_2fa=${encodeURIComponent(JSON.stringify({ userId: user.id, issuer: "x", returnTo: "/beranda", expiresAt: Date.now() + 60_000 }))}`;
    expect((await answer(forged, code)).json().error).toBe("sso_second_factor_invalid");
    const old = `pandu_sso_2fa=${encodeURIComponent(box.seal(JSON.stringify({ userId: user.id, issuer: "x", returnTo: "/beranda", expiresAt: Date.now() - 1000, afterStep: null })))}`;
    expect((await answer(old, code)).json().error).toBe("sso_second_factor_expired");
    const wrong = await answer(pending, code === "123456" ? "654321" : "123456");
    expect([wrong.statusCode, wrong.json().error, sessionCookie(wrong)]).toEqual([401, "invalid_totp", undefined]);
    expect((await answer(pending, "12")).json()).toMatchObject({ error: "validation_error", details: { field: "body.totp" } });

    const done = await answer(pending, code);
    expect([done.statusCode, done.json()]).toEqual([200, { returnTo: "/katalog-layanan" }]);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: sessionCookie(done)! } });
    expect(me.json().user.email).toBe(user.email);
    const [login] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, String(user.id)), eq(auditEvents.action, "auth.login")));
    expect(login!.changes).toMatchObject({ after: { method: "oidc", secondFactor: "totp" } });
    // The pending sign-in was good for one code: a copy of the cookie is refused with the same code
    // once more, and with the next, still unused one.
    expect((await answer(pending, code)).json().error).toBe("sso_second_factor_invalid");
    const reused = await answer(pending, currentTotp(secret, Date.now() + 30_000));
    expect([reused.statusCode, reused.json().error, sessionCookie(reused)]).toEqual([401, "sso_second_factor_invalid", undefined]);
    expect(await logins()).toBe(1);
  });

  it("refuses an unknown person, an unverified e-mail and a disabled account — and never creates an account", async () => {
    const before = (await t.database.db.select({ id: users.id }).from(users)).length;
    idp.accounts.set("orang-asing", { sub: "orang-asing", email: "asing@example.id", emailVerified: true });
    expect((await signIn("orang-asing")).headers.location).toBe("/masuk?galat=oidc_no_account");

    const unverified = await makeUser(t.database, "pimpinan", null);
    idp.accounts.set("belum-verifikasi", { sub: "belum-verifikasi", email: unverified.email, emailVerified: false });
    const r = await signIn("belum-verifikasi");
    expect([r.headers.location, sessionCookie(r)]).toEqual(["/masuk?galat=oidc_no_account", undefined]);

    const disabled = await makeUser(t.database, "administrator", null);
    idp.accounts.set("nonaktif", { sub: "nonaktif", email: disabled.email, emailVerified: true });
    expect((await signIn("nonaktif")).statusCode).toBe(302);
    await t.database.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
    const refused = await signIn("nonaktif");
    expect([refused.headers.location, sessionCookie(refused)]).toEqual(["/masuk?galat=oidc_account_disabled", undefined]);
    expect((await t.database.db.select({ id: users.id }).from(users)).length).toBe(before + 2);
    expect(await t.database.db.select().from(staffOidcIdentities).where(and(eq(staffOidcIdentities.subject, "orang-asing")))).toEqual([]);
  });

  it("a citizen's state cannot finish a staff sign-in", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/citizen/oidc/start" })).statusCode).toBe(404);
    const res = await t.app.inject({ method: "GET", url: "/api/auth/oidc/callback?code=x&state=tidak-ada" });
    expect(res.headers.location).toBe("/masuk?galat=oidc_state_invalid");
  });
});
