import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;

describe(`evaluation periods and the self-assessment workspace on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, entri: Session, entri2: Session, pimpinan: Session, prov: Session, outsider: Session;
  let assessmentId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => sessionFor(t.database, (await makeUser(t.database, role, code, null)).id);
    admin = await s("administrator", null);
    entri = await s("pelaksana_entri", "15.71");
    entri2 = await s("asesor_internal", "15.71");
    pimpinan = await s("pimpinan", "15.71");
    prov = await s("koordinator_provinsi", "15");
    outsider = await s("pelaksana_entri", "15.72");
  });
  afterAll(() => t.close());

  it("an administrator creates a national period; the year's official predicate policy applies", async () => {
    const res = await call(t.app, "POST", "/api/periods", admin, {
      name: "Evaluasi SPBE 2023 (latihan)",
      year: 2023,
      kind: "evaluasi",
      instrument: "permenpanrb-59-2020",
      // The self-assessment stays open (answers outside the dates are refused: stage-schedule.db.test.ts).
      schedule: { mandiri: { opens: "2023-04-28", closes: "2099-12-31" } },
      agencies: ["15.71", "15.72"],
    });
    expect(res.statusCode).toBe(201);
    const periods = (await call(t.app, "GET", "/api/periods", entri)).json().periods;
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ year: 2023, predicatePolicy: "rounded2", kind: "evaluasi" });
    expect(periods[0].assessments.map((a: { agencyCode: string }) => a.agencyCode)).toEqual(["15.71"]); // only their own
    assessmentId = periods[0].assessments[0].id;
    const all = (await call(t.app, "GET", "/api/periods", prov)).json().periods[0].assessments;
    expect(all.map((a: { agencyCode: string }) => a.agencyCode)).toEqual(["15.71", "15.72"]);
  });

  it.each([
    [{ agencies: ["99.99"] }, "agencies: no agency 99.99"],
    [{ instrument: "tidak-ada" }, "instrument: no instrument tidak-ada"],
    [{ kind: "audit" }, "body.kind"],
    [{ schedule: { tahap9: { opens: "2026-01-01", closes: "2026-02-01" } } }, "body.schedule"],
  ])("a bad period %j is a 400", async (patch, message) => {
    const res = await call(t.app, "POST", "/api/periods", admin, { name: "Periode", year: 2026, kind: "pemantauan", instrument: "permenpanrb-59-2020", agencies: ["15.71"], ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it("a Koordinator Provinsi runs an internal period for kab/kota of the province only", async () => {
    const ok = await call(t.app, "POST", "/api/periods", prov, { name: "Gladi penilaian mandiri 2026", year: 2026, kind: "pemantauan", instrument: "pemdi-2026", owner: "15", agencies: ["15.01", "15.09"] });
    expect(ok.statusCode).toBe(201);
    const outside = await call(t.app, "POST", "/api/periods", prov, { name: "Gladi", year: 2026, kind: "pemantauan", instrument: "pemdi-2026", owner: "15", agencies: ["16.71"] });
    expect(outside.statusCode).toBe(403);
    expect((await call(t.app, "POST", "/api/periods", prov, { name: "Nasional", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.01"] })).statusCode).toBe(403);
  });

  it("the workspace lists every indicator with a live partial index", async () => {
    const ws = (await call(t.app, "GET", `/api/assessments/${assessmentId}`, entri)).json();
    expect(ws).toMatchObject({ stage: "mandiri", agency: { code: "15.71" }, period: { stages: ["mandiri", "dokumen", "interviu", "final"] }, abilities: { answer: true } });
    expect(ws.indicators).toHaveLength(47);
    expect(ws.score).toMatchObject({ answered: 0, total: 47, partial: true });
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}`, pimpinan)).json().abilities.answer).toBe(false);
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}`, outsider)).statusCode).toBe(404);
  });

  it("saves answers with versions; a stale write gets 409 with the current answer, so nothing is lost", async () => {
    const url = `/api/assessments/${assessmentId}/answers/11`;
    const first = await call(t.app, "PUT", url, entri, { stage: "mandiri", version: 0, level: 3, explanation: "Arsitektur SPBE Kota Jambi 2022–2026 ditetapkan dengan Perwal" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, level: 3 });
    const second = await call(t.app, "PUT", url, entri2, { stage: "mandiri", version: 1, level: 4 });
    expect(second.json()).toMatchObject({ version: 2, level: 4, explanation: "Arsitektur SPBE Kota Jambi 2022–2026 ditetapkan dengan Perwal" });
    const stale = await call(t.app, "PUT", url, entri, { stage: "mandiri", version: 1, level: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: "conflict", details: { current: { version: 2, level: 4 } } });
  });

  it.each([
    ["pimpinan reads only", () => pimpinan, { stage: "mandiri", version: 0, level: 3 }, "/answers/1", 403],
    ["a closed or future stage", () => entri, { stage: "dokumen", version: 0, level: 3 }, "/answers/1", 403],
    ["a stage the period does not run", () => entri, { stage: "visitasi", version: 0, level: 3 }, "/answers/1", 400],
    ["a level out of range", () => entri, { stage: "mandiri", version: 0, level: 7 }, "/answers/1", 400],
    ["an unknown indicator", () => entri, { stage: "mandiri", version: 0, level: 3 }, "/answers/99", 404],
    ["another agency", () => outsider, { stage: "mandiri", version: 0, level: 3 }, "/answers/1", 404],
  ])("%s is refused", async (_name, who, body, path, status) => {
    const res = await call(t.app, "PUT", `/api/assessments/${assessmentId}${path}`, who(), body);
    expect(res.statusCode).toBe(status);
  });

  it("with every indicator answered the index is complete and official under the period's policy", async () => {
    const ws = (await call(t.app, "GET", `/api/assessments/${assessmentId}`, entri)).json();
    for (const ind of ws.indicators as { code: string; answers: Record<string, { version: number }> }[]) {
      const version = ind.answers.mandiri?.version ?? 0;
      const res = await call(t.app, "PUT", `/api/assessments/${assessmentId}/answers/${ind.code}`, entri, { stage: "mandiri", version, level: 3 });
      expect(res.statusCode).toBe(200);
    }
    const done = (await call(t.app, "GET", `/api/assessments/${assessmentId}`, entri)).json();
    expect(done.score).toEqual({ index: 3, indexRounded: 3, predicate: "Baik", partial: false, answered: 47, total: 47 });
    expect(done.indicators.every((i: { carried: boolean; from: string }) => !i.carried && i.from === "mandiri")).toBe(true);
  }, 60_000);
});
