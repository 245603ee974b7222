import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

describe(`units (OPD) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it("the Koordinator SPBE adds and removes units; staff and the province coordinator see them", async () => {
    const kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    const staff = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    const prov = await sessionFor(t.database, (await makeUser(t.database, "koordinator_provinsi", "15", null)).id);
    const a = await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Dinas Komunikasi dan Informatika" });
    expect(a.statusCode).toBe(201);
    await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Badan Perencanaan Pembangunan Daerah" });
    const dup = await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Dinas Komunikasi dan Informatika" });
    expect(dup.statusCode).toBe(409);
    expect((await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "  " })).statusCode).toBe(400);
    for (const who of [staff, prov]) {
      const list = (await call(t.app, "GET", "/api/agencies/15.71/units", who)).json().units.map((u: { name: string }) => u.name);
      expect(list).toEqual(["Badan Perencanaan Pembangunan Daerah", "Dinas Komunikasi dan Informatika"]);
    }
    expect((await call(t.app, "DELETE", `/api/agencies/15.72/units/${a.json().id}`, kspbe)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `/api/agencies/15.71/units/${a.json().id}`, kspbe)).statusCode).toBe(204);
    expect((await call(t.app, "GET", "/api/agencies/15.71/units", staff)).json().units).toHaveLength(1);
  });
});
