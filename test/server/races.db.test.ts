import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessmentResults, assessments, auditEvents, indicatorUnits, regionalTargets, sectoralServices, units, users } from "../../src/db/schema";
import { createPeriod } from "../../src/db/commands/create-period";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { overlapping } from "../helpers/race";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

/**
 * Check-then-insert races (issue #13 item 5): two requests whose transactions overlap — lined up on
 * PostgreSQL by a barrier on the audit chain head (test/helpers/race.ts) — end in a success and a
 * documented 409, or in two successes; never in a 500 (a unique violation before the fix).
 */
describe(`concurrent writes on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  const ids = new Map<string, number>();
  const two = async (role: Parameters<typeof makeUser>[1], agency: string | null): Promise<[Session, Session]> => [
    await sessionFor(t.database, (await makeUser(t.database, role, agency, null)).id),
    await sessionFor(t.database, (await makeUser(t.database, role, agency, null)).id),
  ];
  const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode).sort();
  const auditCount = async (action: string) => (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action))).length;
  const newAssessment = async (year: number) => {
    const periodId = await createPeriod(t.database.db, SYSTEM, {
      name: `Uji ${year}`, year, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [ids.get("15.71")!],
    });
    const [a] = await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId));
    return a!.id;
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    for (const [code, id] of await agencyIdsByCode(t.database.db, ["15", "15.71"])) ids.set(code, id);
  });
  afterAll(() => t.close());

  it("two first saves of an unanswered indicator: one is saved, the other gets 409 with the winner's answer", async () => {
    const id = await newAssessment(2030);
    const [a, b] = await two("pelaksana_entri", "15.71");
    const save = (who: Session, level: number) => () => call(t.app, "PUT", `/api/assessments/${id}/answers/7`, who, { stage: "mandiri", version: 0, level });
    const res = await overlapping(t.database, "15.71", [save(a, 2), save(b, 4)]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([200, 409]);
    const winner = res.find((r) => r.statusCode === 200)!.json();
    const loser = res.find((r) => r.statusCode === 409)!.json();
    expect(loser).toMatchObject({ error: "conflict", details: { current: { level: winner.level, version: 1 } } });
  });

  it("two adds of the same unit name: one unit, one 409", async () => {
    const [a, b] = await two("koordinator_spbe", "15.71");
    const add = (who: Session) => () => call(t.app, "POST", "/api/agencies/15.71/units", who, { name: "Dinas Pendidikan" });
    const res = await overlapping(t.database, "15.71", [add(a), add(b)]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([201, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json()).toMatchObject({ error: expect.stringMatching(/^(unit_name_taken|conflict)$/), message: expect.stringContaining("name:") });
    expect(await t.database.db.select().from(units).where(and(eq(units.agencyId, ids.get("15.71")!), eq(units.name, "Dinas Pendidikan")))).toHaveLength(1);
  });

  it("two creations of one e-mail address: one user, one 409", async () => {
    const [a, b] = await two("administrator", null);
    const create = (who: Session, name: string) => () =>
      call(t.app, "POST", "/api/users", who, { email: "kembar@jambikota.go.id", name, roles: [{ role: "pelaksana_entri", agencyCode: "15.71" }] });
    const res = await overlapping(t.database, "15.71", [create(a, "Pertama"), create(b, "Kedua")]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([201, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json()).toMatchObject({ error: expect.stringMatching(/^(email_taken|conflict)$/), message: expect.stringContaining("email:") });
    expect(await t.database.db.select().from(users).where(eq(users.email, "kembar@jambikota.go.id"))).toHaveLength(1);
  });

  it("two replacements of a province's regional targets: both succeed, one after the other, each audited", async () => {
    const [a, b] = await two("koordinator_provinsi", "15");
    const before = await auditCount("regional_targets.set");
    const put = (who: Session, target: number) => () => call(t.app, "PUT", "/api/cockpit/provinces/15/targets", who, { targets: [{ year: 2027, target, source: "RPJMD 2025-2029" }] });
    const res = await overlapping(t.database, "15", [put(a, 3.2), put(b, 3.5)]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([200, 200]);
    const stored = await t.database.db.select().from(regionalTargets).where(eq(regionalTargets.agencyId, ids.get("15")!));
    expect(stored).toHaveLength(1);
    expect([320, 350]).toContain(stored[0]!.targetHundredths);
    expect(await auditCount("regional_targets.set")).toBe(before + 2);
  });

  it("two saves of an assessment's sectoral services: both succeed, the last one wins", async () => {
    const id = await newAssessment(2031);
    const [a, b] = await two("koordinator_spbe", "15.71");
    const put = (who: Session, name: string) => () => call(t.app, "PUT", `/api/assessments/${id}/sectoral-services`, who, { services: [{ indicatorCode: "45", name, unitName: "DPMPTSP" }] });
    const res = await overlapping(t.database, "15.71", [put(a, "Perizinan Daring"), put(b, "Pengaduan Daring")]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([200, 200]);
    expect(await t.database.db.select().from(sectoralServices).where(eq(sectoralServices.assessmentId, id))).toHaveLength(1);
  });

  it("two assignments of an indicator to units: both succeed, the last one wins", async () => {
    const id = await newAssessment(2033);
    const [a, b] = await two("koordinator_spbe", "15.71");
    const unitIds: number[] = [];
    for (const name of ["Bagian Organisasi", "Dinas Kesehatan"]) unitIds.push((await call(t.app, "POST", "/api/agencies/15.71/units", a, { name })).json().id);
    const put = (who: Session, unitId: number) => () => call(t.app, "PUT", `/api/assessments/${id}/indicator-units`, who, { assignments: [{ indicatorCode: "21", unitId }] });
    const res = await overlapping(t.database, "15.71", [put(a, unitIds[0]!), put(b, unitIds[1]!)]);
    expect(statuses(res), res.map((r) => r.body).join("\n")).toEqual([204, 204]);
    expect(await t.database.db.select().from(indicatorUnits).where(eq(indicatorUnits.assessmentId, id))).toHaveLength(1);
  });

  it("two corrections of a final result: one becomes revision 2, the other gets 409 (it would undo the first)", async () => {
    const id = await newAssessment(2032);
    await t.database.db.update(assessments).set({ stage: "final" }).where(eq(assessments.id, id));
    const all3 = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 3]));
    await t.database.db.insert(assessmentResults).values({ assessmentId: id, revision: 1, levels: all3, index10k: 30000, predicate: "Baik", predicatePolicy: "exact" });
    const [a, b] = await two("administrator", null);
    const revise = (who: Session, code: string) => () => call(t.app, "POST", `/api/assessments/${id}/revisions`, who, { reason: "Koreksi setelah sanggahan", levels: { [code]: 4 } });
    const res = await overlapping(t.database, "15.71", [revise(a, "1"), revise(b, "2")]);
    // Overlapping (PostgreSQL): the second was built on revision 1 and is refused. On PGlite the
    // requests serialize, and the second may read revision 2 first and become revision 3.
    const codes = statuses(res);
    expect(codes, res.map((r) => r.body).join("\n")).toEqual(TEST_DB_KIND === "postgres" ? [201, 409] : codes[1] === 409 ? [201, 409] : [201, 201]);
    for (const r of res.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ error: "conflict" });
    const revisions = await t.database.db.select().from(assessmentResults).where(eq(assessmentResults.assessmentId, id));
    expect(revisions.map((r) => r.revision).sort()).toEqual(codes[1] === 409 ? [1, 2] : [1, 2, 3]);
  });
});
