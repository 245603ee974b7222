import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignToAssessment } from "../../src/db/commands/assign";
import { createPeriod } from "../../src/db/commands/create-period";
import { grantRole } from "../../src/db/commands/users";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { assessmentAssignments, assessments, auditEvents, userRoles } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #13, hole 2: an assessor whose role was revoked kept reading the assessment, saving stage
// answers, writing field notes and advancing the stage through their assignments. Every
// assignment-based permission needs the current grant, and revoking the role ends its assignments.
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
const note = { heldOn: "2026-08-03", participants: "Sekda, Kadis Kominfo, Asesor", place: "Ruang Rapat", summary: "Wawancara aspek kebijakan internal" };

describe(`a revoked assessor loses what their assignments gave, on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof sessionFor>>;
  const agency: Record<string, number> = {};

  /** A fresh national period with one assessment of `code` at the interview stage. */
  const assessmentAt = async (code: string): Promise<number> => {
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Uji", year: 2026, kind: "evaluasi", withVisit: true, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [agency[code]!] });
    const [a] = await t.database.db.update(assessments).set({ stage: "interviu" }).where(eq(assessments.periodId, periodId)).returning();
    return a!.id;
  };
  /** What an assessor does on an assessment: read, answer the open stage, write a note, advance. */
  const attempts = async (as: Awaited<ReturnType<typeof sessionFor>>, id: number) => ({
    read: (await call(t.app, "GET", `/api/assessments/${id}`, as)).statusCode,
    answer: (await call(t.app, "PUT", `/api/assessments/${id}/answers/12`, as, { stage: "interviu", version: 0, level: 3, explanation: "Peta rencana ditetapkan" })).statusCode,
    note: (await call(t.app, "POST", `/api/assessments/${id}/field-notes`, as, { stage: "interviu", ...note })).statusCode,
  });
  const advance = async (as: Awaited<ReturnType<typeof sessionFor>>, id: number) => (await call(t.app, "POST", `/api/assessments/${id}/advance`, as, {})).statusCode;
  const grantOf = async (userId: number, role: string) => (await t.database.db.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, role))))[0]!;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    for (const [code, id] of await agencyIdsByCode(t.database.db, ["15.71", "15.72"])) agency[code] = id;
    admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
  });
  afterAll(() => t.close());

  it("revoking an external assessor's role ends their assignments (audited) and every access they gave", async () => {
    const assessor = await makeUser(t.database, "asesor_eksternal", null);
    const as = await sessionFor(t.database, assessor.id);
    const [first, second] = [await assessmentAt("15.71"), await assessmentAt("15.72")];
    for (const id of [first, second]) await assignToAssessment(t.database.db, SYSTEM, { assessmentId: id, agencyId: agency[id === first ? "15.71" : "15.72"]!, userId: assessor.id, role: "asesor_eksternal", indicatorCodes: null });
    expect(await attempts(as, first)).toEqual({ read: 200, answer: 200, note: 201 });

    const grant = await grantOf(assessor.id, "asesor_eksternal");
    expect((await call(t.app, "DELETE", `/api/users/${assessor.id}/roles/${grant.id}`, admin)).statusCode).toBe(204);

    expect(await t.database.db.select().from(assessmentAssignments).where(eq(assessmentAssignments.userId, assessor.id))).toEqual([]);
    const ended = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "assessment.unassign"));
    expect(ended.map((e) => [e.targetId, e.agencyId, e.changes.before?.userId])).toEqual(
      expect.arrayContaining([[String(first), agency["15.71"], assessor.id], [String(second), agency["15.72"], assessor.id]]),
    );
    for (const id of [first, second]) {
      expect(await attempts(as, id)).toEqual({ read: 404, answer: 404, note: 404 });
      expect(await advance(as, id)).toBe(404);
    }
  });

  it("an assignment that outlived its grant gives nothing: every assignment-based permission needs the current role", async () => {
    const assessor = await makeUser(t.database, "asesor_eksternal", null);
    const as = await sessionFor(t.database, assessor.id);
    const id = await assessmentAt("15.71");
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: id, agencyId: agency["15.71"]!, userId: assessor.id, role: "asesor_eksternal", indicatorCodes: null });
    // The grant row goes without the command (as rows revoked before this fix did): the assignment stays.
    await t.database.db.delete(userRoles).where(eq(userRoles.userId, assessor.id));
    expect(await t.database.db.select().from(assessmentAssignments).where(eq(assessmentAssignments.userId, assessor.id))).toHaveLength(1);
    expect(await attempts(as, id)).toEqual({ read: 404, answer: 404, note: 404 });
    expect(await advance(as, id)).toBe(404);
  });

  it("revoking an internal assessor's role in one agency ends only that agency's assignments", async () => {
    const assessor = await makeUser(t.database, "asesor_internal", "15.71");
    await grantRole(t.database.db, SYSTEM, { userId: assessor.id, role: "asesor_internal", agencyId: agency["15.72"]! });
    const [here, there] = [await assessmentAt("15.71"), await assessmentAt("15.72")];
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: here, agencyId: agency["15.71"]!, userId: assessor.id, role: "asesor_internal", indicatorCodes: ["21"] });
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: there, agencyId: agency["15.72"]!, userId: assessor.id, role: "asesor_internal", indicatorCodes: ["21"] });
    const [grant] = await t.database.db.select().from(userRoles).where(and(eq(userRoles.userId, assessor.id), eq(userRoles.agencyId, agency["15.71"]!)));
    expect((await call(t.app, "DELETE", `/api/users/${assessor.id}/roles/${grant!.id}`, admin)).statusCode).toBe(204);
    const left = await t.database.db.select().from(assessmentAssignments).where(eq(assessmentAssignments.userId, assessor.id));
    expect(left.map((a) => a.assessmentId)).toEqual([there]);
    expect(await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "assessment.unassign"), eq(auditEvents.targetId, String(here))))).toHaveLength(1);
  });
});
