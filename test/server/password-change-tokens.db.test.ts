import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/db/commands/api-tokens";
import { auditEvents } from "../../src/db/schema";
import { call, makeUser, sessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #13, item 9: an API token kept working after its owner's password changed or was reset, so
// whoever had taken it (or the account) kept access. A new password ends sessions and tokens alike.
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
const NEW_PASSWORD = "Pempek-Kapal-Selam-2027";

describe(`a new password revokes API tokens on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());
  const me = (token: string) => t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer ${token}` } });
  const tokenFor = async (userId: number) => (await createApiToken(t.database.db, SYSTEM, { userId, name: "sinkronisasi", scope: "write", days: 30 })).token;
  const lastEvent = async (action: string, userId: number) =>
    (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, String(userId))))).at(-1)?.changes.after;

  it("changing one's own password", async () => {
    const u = await makeUser(t.database, "tim_reviu", null);
    const token = await tokenFor(u.id);
    expect((await me(token)).statusCode).toBe(200);
    const res = await call(t.app, "POST", "/api/me/password", await sessionFor(t.database, u.id), { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect((await me(token)).statusCode).toBe(401);
    expect((await call(t.app, "GET", "/api/tokens", await sessionFor(t.database, u.id))).json().tokens[0].revokedAt).not.toBeNull();
    expect(await lastEvent("user.password_change", u.id)).toMatchObject({ passwordChanged: true, tokensRevoked: 1 });
  });

  it("setting a password with a reset link an administrator made", async () => {
    const u = await makeUser(t.database, "tim_reviu", null);
    const token = await tokenFor(u.id);
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    const link = (await call(t.app, "POST", `/api/users/${u.id}/reset-link`, admin)).json();
    expect(link.delivery).toBe("shown");
    expect((await call(t.app, "POST", "/api/auth/set-password", null, { token: link.token, password: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await me(token)).statusCode).toBe(401);
    expect(await lastEvent("user.reset_redeemed", u.id)).toMatchObject({ passwordSet: true, tokensRevoked: 1 });
  });
});
