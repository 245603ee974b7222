import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignToAssessment } from "../../src/db/commands/assign";
import { createPeriod } from "../../src/db/commands/create-period";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { assessmentAssignments, assessments, auditEvents } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

// An assessor named by mistake, or moved elsewhere, is taken off one assessment without revoking their role:
// the list shows each caller the assignments of the roles they may assign; ending one is audited.
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

describe(`listing and ending assessor assignments, on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  const agency: Record<string, number> = {};
  let assessmentId = 0;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    for (const [code, id] of await agencyIdsByCode(t.database.db, ["15.71", "15.72"])) agency[code] = id;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Uji penugasan", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [agency["15.71"]!] });
    const [a] = await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId));
    assessmentId = a!.id;
  });
  afterAll(() => t.close());

  it("the coordinator sees and ends internal assignments; the administrator both kinds; others 403/404", async () => {
    const coordinator = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    const otherCoordinator = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.72")).id);
    const internal = await makeUser(t.database, "asesor_internal", "15.71");
    const external = await makeUser(t.database, "asesor_eksternal", null);
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId, agencyId: agency["15.71"]!, userId: internal.id, role: "asesor_internal", indicatorCodes: ["1", "2"] });
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId, agencyId: agency["15.71"]!, userId: external.id, role: "asesor_eksternal", indicatorCodes: null });

    const mine = await call(t.app, "GET", `/api/assessments/${assessmentId}/assignments`, coordinator);
    expect([mine.statusCode, mine.body]).toEqual([200, expect.any(String)]);
    expect(mine.json().assignments.map((a: { userId: number; role: string; indicators: string[] | null }) => [a.userId, a.role, a.indicators])).toEqual([[internal.id, "asesor_internal", ["1", "2"]]]);
    const all = await call(t.app, "GET", `/api/assessments/${assessmentId}/assignments`, admin);
    expect(all.json().assignments.map((a: { userId: number }) => a.userId).sort()).toEqual([internal.id, external.id].sort());

    // The coordinator may not end the external assessor's assignment; another agency's coordinator sees nothing.
    expect((await call(t.app, "DELETE", `/api/assessments/${assessmentId}/assignments/${external.id}?role=asesor_eksternal`, coordinator)).statusCode).toBe(403);
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}/assignments`, otherCoordinator)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `/api/assessments/${assessmentId}/assignments/${internal.id}?role=asesor_internal`, otherCoordinator)).statusCode).toBe(404);

    const ended = await call(t.app, "DELETE", `/api/assessments/${assessmentId}/assignments/${internal.id}?role=asesor_internal`, coordinator);
    expect(ended.statusCode).toBe(204);
    expect(await t.database.db.select().from(assessmentAssignments).where(and(eq(assessmentAssignments.assessmentId, assessmentId), eq(assessmentAssignments.userId, internal.id)))).toEqual([]);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "assessment.unassign"), eq(auditEvents.targetId, String(assessmentId))));
    expect(audit).toMatchObject({ agencyId: agency["15.71"], changes: { before: { userId: internal.id, role: "asesor_internal", indicators: ["1", "2"] }, after: { reason: "ended" } } });

    // Ending it twice: the assignment is gone, with its own code; a bad role is a validation error.
    const again = await call(t.app, "DELETE", `/api/assessments/${assessmentId}/assignments/${internal.id}?role=asesor_internal`, coordinator);
    expect([again.statusCode, again.json().error]).toEqual([404, "assignment_not_found"]);
    expect((await call(t.app, "DELETE", `/api/assessments/${assessmentId}/assignments/${internal.id}?role=pimpinan`, coordinator)).statusCode).toBe(400);

    // The external assessor still holds the other assignment and can read the assessment.
    const asExternal = await sessionFor(t.database, external.id);
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}`, asExternal)).statusCode).toBe(200);
    // An assessor (who assigns nobody) may not list assignments.
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}/assignments`, asExternal)).statusCode).toBe(403);
  });
});
