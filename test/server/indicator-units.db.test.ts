import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditEvents } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;

// The Koordinator SPBE divides the self-assessment among the agency's units (OPD); the workspace
// shows each indicator's unit (the cached workspace follows at once).
describe(`indicators given to units on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let kspbe: Session, entri: Session, palembang: Session;
  let id: number;
  let diskominfo: number, bappeda: number, foreign: number;
  const unitsOf = async (who: Session) => Object.fromEntries(((await call(t.app, "GET", `/api/assessments/${id}`, who)).json().indicators as { code: string; unitId: number | null }[]).map((i) => [i.code, i.unitId]));
  const assign = (who: Session, assignments: unknown) => call(t.app, "PUT", `/api/assessments/${id}/indicator-units`, who, { assignments });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null, null)).id);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    entri = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
    const created = await call(t.app, "POST", "/api/periods", admin, { name: "Pemantauan Unit 2026", year: 2026, kind: "pemantauan", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    id = (await t.database.db.select().from(assessments).where(eq(assessments.periodId, created.json().id)))[0]!.id;
    diskominfo = (await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Dinas Komunikasi dan Informatika" })).json().id;
    bappeda = (await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Bappeda" })).json().id;
    foreign = (await call(t.app, "POST", "/api/agencies/16.71/units", palembang, { name: "Diskominfo Palembang" })).json().id;
  });
  afterAll(() => t.close());

  it("the Koordinator SPBE gives indicators to units; the workspace shows them; null takes one back", async () => {
    expect((await unitsOf(entri))["1"]).toBeNull(); // cached before the change
    const res = await assign(kspbe, [{ indicatorCode: "1", unitId: diskominfo }, { indicatorCode: "2", unitId: diskominfo }, { indicatorCode: "10", unitId: bappeda }]);
    expect(res.statusCode, res.body).toBe(204);
    expect(await unitsOf(entri)).toMatchObject({ "1": diskominfo, "2": diskominfo, "10": bappeda, "3": null });
    expect((await assign(kspbe, [{ indicatorCode: "2", unitId: null }, { indicatorCode: "1", unitId: bappeda }])).statusCode).toBe(204);
    expect(await unitsOf(kspbe)).toMatchObject({ "1": bappeda, "2": null, "10": bappeda });
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "assessment.units"));
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.changes.after)).toContainEqual({ "1": bappeda, "2": null });
  });

  it("refuses other roles, other agencies, foreign units, unknown indicators, and a closed self-assessment", async () => {
    expect((await assign(entri, [{ indicatorCode: "1", unitId: diskominfo }])).statusCode).toBe(403);
    expect((await assign(palembang, [{ indicatorCode: "1", unitId: foreign }])).statusCode).toBe(404);
    const foreignUnit = await assign(kspbe, [{ indicatorCode: "3", unitId: foreign }]);
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().message).toMatch(/not a unit of this agency/);
    expect((await assign(kspbe, [{ indicatorCode: "99", unitId: diskominfo }])).statusCode).toBe(400);
    expect((await assign(kspbe, [{ indicatorCode: "3", unitId: diskominfo }, { indicatorCode: "3", unitId: bappeda }])).statusCode).toBe(400);
    expect((await assign(kspbe, [])).statusCode).toBe(400);
    expect((await unitsOf(kspbe))["3"]).toBeNull(); // nothing half-written
    await t.database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
    expect((await assign(kspbe, [{ indicatorCode: "3", unitId: diskominfo }])).statusCode).toBe(409);
  });
});
