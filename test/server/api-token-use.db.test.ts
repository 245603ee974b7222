import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/db/commands/api-tokens";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { findLiveSession, findLiveToken, loadActor } from "../../src/db/queries/actors";
import { agencies, users } from "../../src/db/schema";
import { sha256Hex } from "../../src/lib/secure-token";
import { TOKEN_TOUCH_INTERVAL_MS, tokenNeedsTouch } from "../../src/server/auth/session-settings";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

describe(`API token use on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = new Date();
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
  });
  afterAll(() => t.close());

  const after = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const bearer = (token: string, method: "GET" | "DELETE" = "GET", url = "/api/me") => t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

  /** A user's session and a new token of theirs; `lastUsed` reads the token list as its owner sees it. */
  async function tokenOfNewUser(scope: "read" | "write" = "read") {
    const u = await makeUser(t.database, "administrator", null);
    const s = await sessionFor(t.database, u.id);
    const created = (await call(t.app, "POST", "/api/tokens", s, { name: "skrip", scope })).json() as { id: number; token: string };
    const lastUsed = async () => {
      const { tokens } = (await call(t.app, "GET", "/api/tokens", s)).json() as { tokens: { id: number; lastUsedAt: string | null }[] };
      return tokens.find((x) => x.id === created.id)!.lastUsedAt;
    };
    return { ...created, userId: u.id, session: s, lastUsed };
  }

  it("shows when a token was last used, to within a minute, without a write on every request", async () => {
    const tok = await tokenOfNewUser();
    expect(await tok.lastUsed()).toBeNull();
    const first = clock.toISOString();
    expect((await bearer(tok.token)).statusCode).toBe(200);
    expect(await tok.lastUsed()).toBe(first);

    // Requests within the minute are served but not recorded again.
    after(TOKEN_TOUCH_INTERVAL_MS - 1000);
    expect((await bearer(tok.token)).statusCode).toBe(200);
    expect(await tok.lastUsed()).toBe(first);

    // The first request a minute or more after the recorded use moves it.
    after(1000);
    const later = clock.toISOString();
    expect((await bearer(tok.token)).statusCode).toBe(200);
    expect(await tok.lastUsed()).toBe(later);
  });

  it("refuses a revoked token on the very next request, even within the minute of its last recorded use", async () => {
    const tok = await tokenOfNewUser();
    expect((await bearer(tok.token)).statusCode).toBe(200);
    after(1000);
    expect((await call(t.app, "DELETE", `/api/tokens/${tok.id}`, tok.session)).statusCode).toBe(204);
    const res = await bearer(tok.token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: "unauthenticated", message: "the API token is invalid, expired or revoked" });
  });

  it("refuses a token whose owner has been disabled", async () => {
    const tok = await tokenOfNewUser();
    expect((await bearer(tok.token)).statusCode).toBe(200);
    await t.database.db.update(users).set({ disabled: true }).where(eq(users.id, tok.userId));
    expect((await bearer(tok.token)).statusCode).toBe(401);
  });

  it("gives a request by cookie and by token the same roles, with the kab/kota of a coordinated province, from one lookup", async () => {
    const u = await makeUser(t.database, "koordinator_provinsi", "15");
    const s = await sessionFor(t.database, u.id);
    const tok = await createApiToken(t.database.db, SYSTEM, { userId: u.id, name: "skrip", scope: "read", days: 1 });
    const bySession = (await findLiveSession(t.database.db, s.sessionId, clock))!.actor;
    const byToken = (await findLiveToken(t.database.db, sha256Hex(tok.token), clock))!.actor;
    const jambi = (await agencyIdsByCode(t.database.db, ["15"])).get("15")!;
    const kabKota = (await t.database.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.parentId, jambi))).map((a) => a.id).sort((a, b) => a - b);
    expect(kabKota.length).toBeGreaterThan(5);
    expect(bySession).toEqual({ userId: u.id, grants: [{ role: "koordinator_provinsi", agencyId: jambi }], provinceChildren: { [jambi]: kabKota }, canWrite: true });
    expect(byToken).toEqual({ ...bySession, canWrite: false });
    expect(await loadActor(t.database.db, u.id, true)).toEqual(bySession);
  });

  it("records a use when none is recorded or the last is a minute old or more", () => {
    const at = new Date("2026-03-02T08:00:00Z");
    const plus = (ms: number) => new Date(at.getTime() + ms);
    expect(tokenNeedsTouch(null, at)).toBe(true);
    expect(tokenNeedsTouch(at, plus(59_999))).toBe(false);
    expect(tokenNeedsTouch(at, plus(60_000))).toBe(true);
  });
});
