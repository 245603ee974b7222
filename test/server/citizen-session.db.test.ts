import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenByEmail, citizenByOidc } from "../../src/db/commands/citizens";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

describe(`citizen sessions on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it("answers the signed-in citizen, and 401 citizen_sign_in_required without one — a staff session is not a citizen's", async () => {
    const c = await citizenSessionFor(t.database, "Warga.Satu@Example.id");
    const me = await call(t.app, "GET", "/api/citizen/me", c);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ citizen: { email: "warga.satu@example.id" }, csrfToken: c.csrf, method: "email_code" });
    expect((await call(t.app, "GET", "/api/citizen/me", null)).json().error).toBe("citizen_sign_in_required");
    const staff = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    expect((await call(t.app, "GET", "/api/citizen/me", staff)).statusCode).toBe(401);
    // …and a citizen's cookie does not sign anyone in as staff.
    expect((await call(t.app, "GET", "/api/me", c)).statusCode).toBe(401);
  });

  it("signs out with the CSRF token only, and the cookie stops working", async () => {
    const c = await citizenSessionFor(t.database);
    const forged = await t.app.inject({ method: "POST", url: "/api/citizen/sign-out", headers: { cookie: c.cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe("csrf_failed");
    expect((await call(t.app, "POST", "/api/citizen/sign-out", c)).statusCode).toBe(204);
    expect((await call(t.app, "GET", "/api/citizen/me", c)).statusCode).toBe(401);
  });

  it("keeps one citizen per verified e-mail, and links an OIDC subject to it only through a verified address", async () => {
    const now = new Date();
    const a = await citizenByEmail(t.database.db, "sama@example.id", now);
    expect((await citizenByEmail(t.database.db, "SAMA@example.id", now)).id).toBe(a.id);
    const unverified = await citizenByOidc(t.database.db, { issuer: "https://idp.test", subject: "s-1", email: "sama@example.id", emailVerified: false }, now);
    expect(unverified.id).not.toBe(a.id);
    expect(unverified.email).toBeNull();
    const verified = await citizenByOidc(t.database.db, { issuer: "https://idp.test", subject: "s-2", email: "sama@example.id", emailVerified: true, name: "Sama" }, now);
    expect(verified.id).toBe(a.id);
    expect((await citizenByOidc(t.database.db, { issuer: "https://idp.test", subject: "s-2" }, now)).id).toBe(a.id);
    // Another subject with the same verified address gets its own account (the address is taken).
    const other = await citizenByOidc(t.database.db, { issuer: "https://idp.test", subject: "s-3", email: "sama@example.id", emailVerified: true }, now);
    expect(other.id).not.toBe(a.id);
  });
});
