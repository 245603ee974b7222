import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, citizenSessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { CITIZEN_EXPORT_SECTIONS } from "../../src/server/citizens/citizen-export";

describe(`a citizen's own data on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ context: { demo: true } });
  });
  afterAll(() => t.close());

  it("edits name and phone (CSRF required) and exports everything held about them, nothing of others, no secrets", async () => {
    const me = await citizenSessionFor(t.database, "ekspor.saya@example.id");
    const other = await citizenSessionFor(t.database, "orang.lain@example.id");
    await call(t.app, "PATCH", "/api/citizen/me", other, { name: "Orang Lain", phone: "0812-9999-0000" });
    const forged = await t.app.inject({ method: "PATCH", url: "/api/citizen/me", headers: { cookie: me.cookie }, payload: { name: "X" } });
    expect(forged.statusCode).toBe(403);
    const edited = await call(t.app, "PATCH", "/api/citizen/me", me, { name: "Siti Aminah", phone: "+62 812 3456 7890" });
    expect(edited.json().citizen).toMatchObject({ name: "Siti Aminah", phone: "+62 812 3456 7890" });
    expect((await call(t.app, "PATCH", "/api/citizen/me", me, { phone: "bukan nomor" })).statusCode).toBe(400);
    await t.app.inject({ method: "POST", url: "/api/citizen/sign-in/code", payload: { email: "ekspor.saya@example.id" } });

    const res = await call(t.app, "GET", "/api/citizen/me/export", me);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="data-saya-pandu-/);
    const body = res.json();
    expect(Object.keys(body.sections)).toEqual(CITIZEN_EXPORT_SECTIONS.map((s) => s.key));
    expect(body.sections.account.data.account).toMatchObject({ email: "ekspor.saya@example.id", name: "Siti Aminah", phone: "+62 812 3456 7890" });
    expect(body.sections.account.data.sessions).toHaveLength(1);
    expect(body.sections.account.data.signInCodes).toHaveLength(1);
    const text = res.body;
    expect(text).not.toContain("orang.lain@example.id");
    expect(text).not.toContain("Orang Lain");
    expect(text).not.toContain(me.csrf);
    expect(text).not.toContain(me.sessionId);
    expect(text).not.toMatch(/code_?hash|salt/i);
    expect((await call(t.app, "GET", "/api/citizen/me/export", null)).statusCode).toBe(401);
    // The probe the SPA makes on every page: signed out is an answer, not a 401.
    expect((await call(t.app, "GET", "/api/citizen/session", null)).json()).toEqual({ citizen: null });
    expect((await call(t.app, "GET", "/api/citizen/session", me)).json()).toMatchObject({ citizen: { email: "ekspor.saya@example.id" }, csrfToken: me.csrf });
  });
});
