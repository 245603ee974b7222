import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/db/commands/users";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { auditEvents, notifications, oneTimeLinks, userRoles } from "../../src/db/schema";
import { buildApp } from "../../src/server/app";
import type { Mailer } from "../../src/lib/mailer";
import { hashPassword } from "../../src/lib/passwords";
import { call, makeUser, sessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #13, hole 1: a Koordinator SPBE of a province agency "sees" everyone holding a grant there —
// the Koordinator Provinsi, an Administrator with a role in the agency — and a reset link shown in
// the answer (no SMTP, the default) let them sign in as that person. Nobody may act for someone
// whose roles they could not grant, and a link for an account with a password is shown only to an
// Administrator (audited); the owner of the account is told.
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

describe(`reset links and role changes only for users one could have made, on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let province: number;
  const users: Record<string, number> = {};
  let kspbe: Awaited<ReturnType<typeof sessionFor>>;
  let admin: Awaited<ReturnType<typeof sessionFor>>;

  /** A user with the given grants (in Provinsi Jambi, code 15, unless national) and a password unless `invited`. */
  const person = async (name: string, roles: { role: "administrator" | "koordinator_provinsi" | "koordinator_spbe" | "penanggung_jawab" | "pelaksana_entri" | "pimpinan"; national?: boolean }[], invited = false) => {
    const { id } = await createUser(t.database.db, SYSTEM, {
      email: `${name}@jambiprov.go.id`,
      name,
      passwordHash: invited ? null : await hashPassword(TEST_PASSWORD),
      roles: roles.map((r) => ({ role: r.role, agencyId: r.national ? null : province })),
    });
    users[name] = id;
    return id;
  };
  const linksOf = async (userId: number) => (await t.database.db.select().from(oneTimeLinks).where(eq(oneTimeLinks.userId, userId))).length;
  const resetLink = (as: Awaited<ReturnType<typeof sessionFor>>, name: string, app: FastifyInstance = t.app) => call(app, "POST", `/api/users/${users[name]}/reset-link`, as);

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    province = (await agencyIdsByCode(t.database.db, ["15"])).get("15")!;
    kspbe = await sessionFor(t.database, await person("kspbe", [{ role: "koordinator_spbe" }]));
    admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    await person("kprov", [{ role: "koordinator_provinsi" }]);
    await person("adminInAgency", [{ role: "administrator", national: true }, { role: "pimpinan" }]);
    await person("peer", [{ role: "koordinator_spbe" }]);
    await person("pj", [{ role: "penanggung_jawab" }]);
    await person("invited", [{ role: "pelaksana_entri" }], true);
  });
  afterAll(() => t.close());

  it.each(["kprov", "adminInAgency", "peer"])("a Koordinator SPBE gets no reset link for %s (403, nothing issued)", async (name) => {
    const res = await resetLink(kspbe, name);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe("forbidden");
    expect(res.body).not.toContain("atur-sandi");
    expect(await linksOf(users[name]!)).toBe(0);
  });

  it("a Koordinator SPBE neither grants to nor revokes from someone above them", async () => {
    expect((await call(t.app, "POST", `/api/users/${users.kprov}/roles`, kspbe, { role: "pelaksana_entri", agencyCode: "15" })).statusCode).toBe(403);
    const [pimpinan] = await t.database.db.select().from(userRoles).where(and(eq(userRoles.userId, users.adminInAgency!), eq(userRoles.role, "pimpinan")));
    expect((await call(t.app, "DELETE", `/api/users/${users.adminInAgency}/roles/${pimpinan!.id}`, kspbe)).statusCode).toBe(403);
    expect(await t.database.db.select().from(userRoles).where(eq(userRoles.userId, users.adminInAgency!))).toHaveLength(2);
  });

  it("the user list says which users the caller may act for", async () => {
    const list = (await call(t.app, "GET", "/api/users", kspbe)).json().users as { email: string; abilities: { manageRoles: boolean; resetLink: boolean } }[];
    const of = (name: string) => list.find((u) => u.email === `${name.toLowerCase()}@jambiprov.go.id`)!.abilities;
    expect(of("kprov")).toEqual({ manageRoles: false, resetLink: false });
    expect(of("adminInAgency")).toEqual({ manageRoles: false, resetLink: false });
    expect(of("peer")).toEqual({ manageRoles: false, resetLink: false });
    // Without SMTP a link for an account with a password could only be shown: not to a coordinator.
    expect(of("pj")).toEqual({ manageRoles: true, resetLink: false });
    expect(of("invited")).toEqual({ manageRoles: true, resetLink: true });
  });

  it("without SMTP a Koordinator SPBE gets no link for an account with a password (409), and none is issued", async () => {
    const res = await resetLink(kspbe, "pj");
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe("link_needs_email");
    expect(await linksOf(users.pj!)).toBe(0);
  });

  it("an invitation not yet taken up may be shown again to the coordinator, and its owner is told", async () => {
    const res = await resetLink(kspbe, "invited");
    expect(res.statusCode).toBe(201);
    expect(res.json().delivery).toBe("shown");
    const [n] = await t.database.db.select().from(notifications).where(eq(notifications.userId, users.invited!));
    expect(n).toMatchObject({ kind: "account.reset_link", params: { by: "kspbe" }, link: "/profil" });
  });

  it("an Administrator sees the link for the Koordinator Provinsi; the event is audited and the owner notified", async () => {
    const res = await resetLink(admin, "kprov");
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ delivery: "shown", path: expect.stringMatching(/^\/atur-sandi\//) });
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.reset_link"), eq(auditEvents.targetId, String(users.kprov))));
    expect(events).toHaveLength(1);
    expect(events[0]!.changes.after).toMatchObject({ delivery: "shown" });
    expect((await t.database.db.select().from(notifications).where(eq(notifications.userId, users.kprov!))).map((n) => n.kind)).toEqual(["account.reset_link"]);
  });

  it("with SMTP the link goes to the owner only; a failed e-mail never falls back to showing it to a coordinator", async () => {
    const sent: { to: string; text: string }[] = [];
    let fail = false;
    const mailer: Mailer = {
      publicUrl: "https://spbe.jambiprov.go.id",
      send: async (m) => {
        if (fail) throw new Error("smtp down");
        sent.push(m);
      },
    };
    const app = await buildApp({ context: { ...t.context, mailer }, webDir: null });
    try {
      const listed = (await call(app, "GET", "/api/users", kspbe)).json().users as { email: string; abilities: { resetLink: boolean } }[];
      expect(listed.find((u) => u.email === "pj@jambiprov.go.id")!.abilities.resetLink).toBe(true);
      const ok = await resetLink(kspbe, "pj", app);
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toEqual({ delivery: "email", expiresAt: expect.any(String) });
      expect(sent.map((m) => m.to)).toEqual(["pj@jambiprov.go.id"]);
      expect((await resetLink(kspbe, "kprov", app)).statusCode).toBe(403);

      fail = true;
      const failed = await resetLink(kspbe, "pj", app);
      expect(failed.statusCode).toBe(503);
      expect(failed.json().error).toBe("email_failed");
      expect(failed.body).not.toContain("atur-sandi");
      // An Administrator is shown it instead, and that is audited.
      const shown = await resetLink(admin, "pj", app);
      expect(shown.json().delivery).toBe("shown");
      expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.reset_link_shown"), eq(auditEvents.targetId, String(users.pj))))).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
