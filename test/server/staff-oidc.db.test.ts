import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, staffOidcIdentities, userRoles, users } from "../../src/db/schema";
import { makeUser } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { signInAtProvider, startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";

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
    t = await startTestApp({
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
