import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/db/audit/record-audit";
import { verifyAudit } from "../../src/db/audit/verify-audit";
import { auditEvents } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

describe(`users, roles and the audit trail on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof sessionFor>>;
  let kspbe: Awaited<ReturnType<typeof sessionFor>>;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
  });
  afterAll(() => t.close());

  it("an administrator invites a user; the one-time link sets the password once", async () => {
    const res = await call(t.app, "POST", "/api/users", admin, {
      email: "Sekda.Kota@jambikota.go.id",
      name: "Sekretaris Daerah Kota Jambi",
      nip: "197501012000031002",
      roles: [{ role: "koordinator_spbe", agencyCode: "15.71" }],
    });
    expect(res.statusCode).toBe(201);
    const { user, invitation } = res.json();
    expect(user).toMatchObject({ email: "sekda.kota@jambikota.go.id", nip: "197501012000031002", roles: [{ role: "koordinator_spbe", agency: { code: "15.71" } }] });
    expect(invitation).toMatchObject({ delivery: "shown", path: `/atur-sandi/${invitation.token}` });
    expect((await t.app.inject({ method: "GET", url: `/api/auth/links/${invitation.token}` })).json()).toEqual({
      email: "sekda.kota@jambikota.go.id",
      name: "Sekretaris Daerah Kota Jambi",
      purpose: "invitation",
    });
    const weak = await t.app.inject({ method: "POST", url: "/api/auth/set-password", payload: { token: invitation.token, password: "jambi12345" } });
    expect(weak.json().error).toBe("password_too_weak");
    const set = await t.app.inject({ method: "POST", url: "/api/auth/set-password", payload: { token: invitation.token, password: "Pempek-Kapal-Selam-9" } });
    expect(set.statusCode).toBe(204);
    const again = await t.app.inject({ method: "POST", url: "/api/auth/set-password", payload: { token: invitation.token, password: "Pempek-Kapal-Selam-10" } });
    expect(again.statusCode).toBe(404);
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "sekda.kota@jambikota.go.id", password: "Pempek-Kapal-Selam-9" } });
    expect(login.statusCode).toBe(200);
    const dup = await call(t.app, "POST", "/api/users", admin, { email: "sekda.kota@jambikota.go.id", name: "Lagi", roles: [{ role: "pimpinan", agencyCode: "15.71" }] });
    expect(dup.statusCode).toBe(409);
  });

  it.each([
    [{ nip: "12345" }, "body.nip: must be 18 digits"],
    [{ nip: "197513012000031002" }, "body.nip: digits 1–8 must be a birth date YYYYMMDD"],
    [{ nip: "197501012000033002" }, "body.nip: digit 15 must be 1 or 2"],
    [{ roles: [{ role: "pimpinan" }] }, "roles[0].agencyCode: required for pimpinan"],
    [{ roles: [{ role: "tim_reviu", agencyCode: "15.71" }] }, "roles[0].agencyCode: not allowed for the national role tim_reviu"],
    [{ roles: [{ role: "pimpinan", agencyCode: "99.99" }] }, "roles[0].agencyCode: no agency 99.99"],
    [{ roles: [{ role: "bupati", agencyCode: "15.71" }] }, "body.roles.0.role"],
    [{ email: "bukan-email" }, "body.email"],
  ])("creating a user with %j is a 400: %s", async (patch, message) => {
    const res = await call(t.app, "POST", "/api/users", admin, { email: "baru@test.pandu.local", name: "Pengguna Baru", roles: [{ role: "pimpinan", agencyCode: "15.71" }], ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it("a Koordinator SPBE manages agency roles in their own agency only", async () => {
    const ok = await call(t.app, "POST", "/api/users", kspbe, { email: "entri@jambikota.go.id", name: "Operator Entri", roles: [{ role: "pelaksana_entri", agencyCode: "15.71" }] });
    expect(ok.statusCode).toBe(201);
    const elsewhere = await call(t.app, "POST", "/api/users", kspbe, { email: "entri@sungaipenuhkota.go.id", name: "Operator", roles: [{ role: "pelaksana_entri", agencyCode: "15.72" }] });
    expect(elsewhere.statusCode).toBe(403);
    const national = await call(t.app, "POST", "/api/users", kspbe, { email: "x@test.pandu.local", name: "Admin Palsu", roles: [{ role: "administrator" }] });
    expect(national.statusCode).toBe(403);
    const list = (await call(t.app, "GET", "/api/users", kspbe)).json().users as { email: string; roles: { agency: { code: string } | null }[] }[];
    expect(list.every((u) => u.roles.some((r) => r.agency?.code === "15.71"))).toBe(true);
    expect(list.map((u) => u.email)).toContain("entri@jambikota.go.id");

    const outsider = await makeUser(t.database, "pelaksana_entri", "15.72");
    expect((await call(t.app, "POST", `/api/users/${outsider.id}/reset-link`, kspbe)).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/users/${outsider.id}/roles`, kspbe, { role: "asesor_internal", agencyCode: "15.72" })).statusCode).toBe(404);

    const insider = ok.json().user;
    const granted = await call(t.app, "POST", `/api/users/${insider.id}/roles`, kspbe, { role: "asesor_internal", agencyCode: "15.71" });
    expect(granted.json().roles.map((r: { role: string }) => r.role)).toEqual(["pelaksana_entri", "asesor_internal"]);
    const roleId = granted.json().roles[1].id;
    expect((await call(t.app, "DELETE", `/api/users/${insider.id}/roles/${roleId}`, kspbe)).statusCode).toBe(204);
    const reset = await call(t.app, "POST", `/api/users/${insider.id}/reset-link`, kspbe);
    expect(reset.statusCode).toBe(201);
  });

  it("the role pickers get only the roles the caller may grant, each accepted; anything else is still refused", async () => {
    type Grantable = { role: string; scope: string; agencies: { code: string; name: string }[] };
    const grantable = async (session: Awaited<ReturnType<typeof sessionFor>>) => {
      const res = await call(t.app, "GET", "/api/users/grantable-roles", session);
      expect(res.statusCode).toBe(200);
      return res.json().roles as Grantable[];
    };
    // A Koordinator SPBE of Kabupaten Merangin (15.02) who is also Pimpinan of another agency (15.03).
    const coordinator = await makeUser(t.database, "koordinator_spbe", "15.02");
    await call(t.app, "POST", `/api/users/${coordinator.id}/roles`, admin, { role: "pimpinan", agencyCode: "15.03" });
    const mine = await sessionFor(t.database, coordinator.id);
    const offered = await grantable(mine);
    expect(offered.map((g) => g.role)).toEqual(["penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan", "petugas_layanan", "pejabat_layanan"]);
    expect(offered.every((g) => g.scope === "agencies" && g.agencies.length === 1 && g.agencies[0]!.code === "15.02" && g.agencies[0]!.name.length > 0)).toBe(true);
    // Every role offered is one the server then grants.
    const user = (await call(t.app, "POST", "/api/users", mine, { email: "tim.merangin@test.pandu.local", name: "Tim Merangin", roles: [{ role: "pelaksana_entri", agencyCode: "15.02" }] })).json().user as { id: number };
    for (const g of offered.filter((x) => x.role !== "pelaksana_entri")) {
      expect((await call(t.app, "POST", `/api/users/${user.id}/roles`, mine, { role: g.role, agencyCode: g.agencies[0]!.code })).statusCode).toBe(201);
    }
    // What is not offered stays refused by the server.
    for (const role of ["koordinator_spbe", "administrator", "tim_reviu"]) {
      const res = await call(t.app, "POST", `/api/users/${user.id}/roles`, mine, role === "koordinator_spbe" ? { role, agencyCode: "15.02" } : { role });
      expect([res.statusCode, res.json().error]).toEqual([403, "role_not_grantable"]);
    }

    const all = await grantable(admin);
    expect(all.map((g) => g.role).sort()).toEqual(["administrator", "asesor_eksternal", "asesor_internal", "koordinator_provinsi", "koordinator_spbe", "pejabat_layanan", "pelaksana_entri", "penanggung_jawab", "petugas_layanan", "pimpinan", "tim_reviu"]);
    expect(all.find((g) => g.role === "administrator")).toEqual({ role: "administrator", scope: "national", agencies: [] });
    expect(all.find((g) => g.role === "pimpinan")).toEqual({ role: "pimpinan", scope: "any_agency", agencies: [] });

    const reader = await sessionFor(t.database, (await makeUser(t.database, "pimpinan", "15.02")).id);
    expect((await call(t.app, "GET", "/api/users/grantable-roles", reader)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/users/grantable-roles", null)).statusCode).toBe(401);
  });

  it("every write left an audit event in the right agency's trail, and the API filters and exports them", async () => {
    const res = await call(t.app, "GET", "/api/audit?agency=15.71&limit=100", kspbe);
    expect(res.statusCode).toBe(200);
    const actions = (res.json().events as { action: string; agencyCode: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.create", "role.grant", "role.revoke", "user.reset_link"]));
    expect(res.json().events.every((e: { agencyCode: string }) => e.agencyCode === "15.71")).toBe(true);
    const grant = res.json().events.find((e: { action: string }) => e.action === "role.grant");
    expect(grant.changes).toEqual({ before: { role: null }, after: { role: "asesor_internal" } });
    expect(grant.actor).toMatch(/^koordinator_spbe\.15\.71/);

    expect((await call(t.app, "GET", "/api/audit?agency=15.72", kspbe)).statusCode).toBe(404);
    const national = (await call(t.app, "GET", "/api/audit?action=auth.login", admin)).json().events;
    expect(national.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(national)).not.toMatch(/argon2|password_hash|Pempek-Kapal/);

    const csv = await call(t.app, "GET", "/api/audit?agency=15.71&format=csv", admin);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(res.json().events.length);
    expect(Object.keys(rows[0]!)).toEqual(["id", "at", "agency_code", "actor", "action", "target_type", "target_id", "before", "after", "ip", "user_agent"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(t.app, "GET", `/api/audit?from=${today}&to=${today}&agency=15.71`, admin)).json().events.length).toBe(rows.length);
    expect((await call(t.app, "GET", "/api/audit?from=2001-01-01&to=2001-01-02&agency=15.71", admin)).json().events).toEqual([]);
    expect((await call(t.app, "GET", "/api/audit?from=kemarin", admin)).statusCode).toBe(400);
  });

  it("concurrent writers of one agency, including the first ones that create its chain, leave one unbroken chain", async () => {
    const { db } = t.database;
    const [agency] = (await db.execute(sql`select id, code from agencies where code = '15.02'`) as unknown as { rows: { id: number; code: string }[] }).rows;
    await db.delete(auditEvents).where(eq(auditEvents.chain, agency!.code));
    await db.execute(sql`delete from audit_chains where chain = ${agency!.code}`);
    const ctx = { actorUserId: null, actorLabel: "uji", ip: null, userAgent: null };
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => db.transaction((tx) => recordAudit(tx, ctx, { agencyId: agency!.id, action: "uji.serentak", targetType: "uji", targetId: i }))),
    );
    const seqs = (await db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.chain, agency!.code))).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it("the hash chains verify, and tampering is detected and named", async () => {
    expect((await verifyAudit(t.database.db)).ok).toBe(true);
    const [victim] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "role.grant"));
    await t.database.db.update(auditEvents).set({ changes: { before: { role: null }, after: { role: "administrator" } } }).where(eq(auditEvents.id, victim!.id));
    const altered = await verifyAudit(t.database.db);
    expect(altered.ok).toBe(false);
    expect(altered.problems).toEqual([`chain 15.71: event #${victim!.id} (seq ${victim!.seq}, role.grant) was altered: its content no longer matches its hash`]);
    await t.database.db.update(auditEvents).set({ changes: victim!.changes }).where(eq(auditEvents.id, victim!.id));
    expect((await verifyAudit(t.database.db)).ok).toBe(true);

    // remove an event in the middle of the chain
    await t.database.db.delete(auditEvents).where(eq(auditEvents.id, victim!.id));
    const removed = await verifyAudit(t.database.db);
    expect(removed.problems[0]).toMatch(/^chain 15\.71: event #\d+ has sequence \d+, expected \d+/);
  });

  it("removing the newest event of a chain is detected through the chain head", async () => {
    const result = (await t.database.db.execute(sql`select id from audit_events where chain = 'national' order by seq desc limit 1`)) as unknown as { rows: { id: number }[] };
    const last = result.rows[0];
    await t.database.db.delete(auditEvents).where(eq(auditEvents.id, Number(last!.id)));
    const r = await verifyAudit(t.database.db);
    expect(r.problems.some((p) => p.startsWith("chain national: the chain head expects"))).toBe(true);
  });
});
