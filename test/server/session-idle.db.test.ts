import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../src/db/schema";
import { sessionActivity, touchIntervalMs } from "../../src/server/auth/session-settings";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

describe(`session idle limit on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = new Date();
  const settings = { idleMinutes: 1, maxHours: 12 };
  beforeAll(async () => {
    t = await startTestApp({ seed: false, auth: { sessions: settings, now: () => clock } });
  });
  afterAll(() => t.close());

  /** A session whose last recorded activity is the test clock's present. */
  async function freshSession() {
    const u = await makeUser(t.database, "administrator", null);
    const s = await sessionFor(t.database, u.id);
    await t.database.db.update(sessions).set({ lastSeenAt: clock }).where(eq(sessions.id, s.sessionId));
    return s;
  }
  const after = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const me = (s: { cookie: string; csrf: string }) => call(t.app, "GET", "/api/me", s).then((r) => r.statusCode);

  it("keeps a user who makes a request every 50 seconds under a 1-minute idle limit signed in", async () => {
    const s = await freshSession();
    for (let i = 0; i < 10; i++) {
      after(50_000);
      expect(await me(s)).toBe(200);
    }
  });

  it("keeps a session whose last, unrecorded request was less than the idle limit ago", async () => {
    const s = await freshSession();
    after(touchIntervalMs(settings) - 1000); // too soon after the last write to be recorded
    expect(await me(s)).toBe(200);
    after(60_000); // exactly the idle limit since that request
    expect(await me(s)).toBe(200);
  });

  it("ends the session once it has been idle longer than the limit and the touch interval", async () => {
    const s = await freshSession();
    after(60_000 + touchIntervalMs(settings) + 1);
    expect(await me(s)).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.id, s.sessionId))).toHaveLength(0);
  });

  it("writes the last activity at most once a minute and at least four times per idle period", () => {
    const at = new Date("2026-03-02T08:00:00Z");
    const plus = (ms: number) => new Date(at.getTime() + ms);
    expect(touchIntervalMs({ idleMinutes: 1, maxHours: 12 })).toBe(15_000);
    expect(touchIntervalMs({ idleMinutes: 60, maxHours: 12 })).toBe(60_000);
    expect(sessionActivity(at, plus(14_999), settings)).toBe("fresh");
    expect(sessionActivity(at, plus(15_000), settings)).toBe("touch");
    expect(sessionActivity(at, plus(75_000), settings)).toBe("touch");
    expect(sessionActivity(at, plus(75_001), settings)).toBe("expired");
  });
});
