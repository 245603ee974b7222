import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, staffOidcIdentities } from "../../src/db/schema";
import { call, makeUser, sessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const ISSUER = "https://sso.jambiprov.go.id";

describe(`staff SSO identities: list and unlink on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let userId: number;
  let otherId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, throttleBaseMs: 0 });
    userId = (await makeUser(t.database, "petugas_layanan", "15.71")).id;
    otherId = (await makeUser(t.database, "koordinator_spbe", "15.71")).id;
    const at = new Date("2026-11-02T03:00:00Z");
    await t.database.db.insert(staffOidcIdentities).values([
      { userId, issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb", linkedAt: at },
      { userId, issuer: "https://inapas.example", subject: "sub-petugas-0002", linkedAt: at },
      { userId: otherId, issuer: ISSUER, subject: "sub-koordinator-0001", linkedAt: at },
    ]);
  });
  afterAll(() => t.close());
  const linked = async (id: number) => (await t.database.db.select().from(staffOidcIdentities).where(eq(staffOidcIdentities.userId, id))).map((r) => r.subject).sort();

  it("shows a user their own links and unlinks one with the password, audited; a wrong password or someone else's identity changes nothing", async () => {
    const me = await sessionFor(t.database, userId);
    const list = (await call(t.app, "GET", "/api/me/oidc-identities", me)).json();
    expect(list.identities).toMatchObject([{ issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb", linkedAt: "2026-11-02T03:00:00.000Z", lastSignInAt: null }, { issuer: "https://inapas.example" }]);
    expect((await call(t.app, "GET", "/api/me/oidc-identities", null)).statusCode).toBe(401);

    const unlink = (body: Record<string, unknown>) => call(t.app, "POST", "/api/me/oidc-identities/unlink", me, body);
    const wrong = await unlink({ issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb", password: "salah-sekali" });
    expect([wrong.statusCode, wrong.json().error, wrong.json().details.field]).toEqual([400, "wrong_password", "password"]);
    expect((await unlink({ issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb" })).statusCode).toBe(400);
    // Another user's identity is not mine to unlink.
    expect((await unlink({ issuer: ISSUER, subject: "sub-koordinator-0001", password: TEST_PASSWORD })).statusCode).toBe(404);
    expect(await linked(otherId)).toEqual(["sub-koordinator-0001"]);
    expect(await linked(userId)).toHaveLength(2);

    expect((await unlink({ issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb", password: TEST_PASSWORD })).statusCode).toBe(204);
    expect(await linked(userId)).toEqual(["sub-petugas-0002"]);
    expect((await unlink({ issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb", password: TEST_PASSWORD })).statusCode).toBe(404);
    const audit = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.oidc_unlink"))).filter((e) => e.targetId === String(userId));
    expect(audit.map((e) => [e.actorUserId, e.changes.before, e.changes.after])).toEqual([[userId, { issuer: ISSUER, subject: "sub-petugas-0001-aaaa-bbbb" }, { byAdministrator: false }]]);
  });

  it("lets an administrator, and nobody else, list and unlink another user's identity", async () => {
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    const kspbe = await sessionFor(t.database, otherId);
    expect((await call(t.app, "GET", `/api/users/${userId}/oidc-identities`, kspbe)).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/users/${userId}/oidc-identities/unlink`, kspbe, { issuer: "https://inapas.example", subject: "sub-petugas-0002" })).statusCode).toBe(403);
    expect((await call(t.app, "GET", `/api/users/${userId}/oidc-identities`, admin)).json().identities).toMatchObject([{ subject: "sub-petugas-0002" }]);
    expect((await call(t.app, "POST", `/api/users/${userId}/oidc-identities/unlink`, admin, { issuer: ISSUER, subject: "sub-koordinator-0001" })).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/users/${userId}/oidc-identities/unlink`, admin, { issuer: "https://inapas.example", subject: "sub-petugas-0002" })).statusCode).toBe(204);
    expect(await linked(userId)).toEqual([]);
    expect(await linked(otherId)).toEqual(["sub-koordinator-0001"]);
    const audit = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.oidc_unlink"))).filter((e) => e.targetId === String(userId));
    expect(audit.at(-1)!.changes.after).toEqual({ byAdministrator: true });
  });
});
