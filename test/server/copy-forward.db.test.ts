import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEvidence, evidence } from "../../src/db/schema";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

describe(`copy forward on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it("starts a self-assessment from an earlier one, never overwriting answers, carrying recent evidence links; another instrument's codes alone do not map", async () => {
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null, null)).id);
    const kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    const entri = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    const create = (year: number, instrument: string) => call(t.app, "POST", "/api/periods", admin, { name: `Periode ${year}`, year, kind: "pemantauan", instrument, agencies: ["15.71", "15.72"] });
    await create(2020, "permenpanrb-5-2018");
    await create(2021, "permenpanrb-59-2020");
    await create(2022, "permenpanrb-59-2020");
    const periods = (await call(t.app, "GET", "/api/periods", kspbe)).json().periods as { year: number; assessments: { id: number }[] }[];
    const [p2020, from, to] = [2020, 2021, 2022].map((y) => periods.find((p) => p.year === y)!.assessments[0]!.id) as [number, number, number];
    const answer = async (assessment: number, code: string, level: number) =>
      expect((await call(t.app, "PUT", `/api/assessments/${assessment}/answers/${code}`, entri, { stage: "mandiri", version: 0, level })).statusCode).toBe(200);
    const agencyId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const doc = async (title: string, reviewDate: string | null) => (await t.database.db.insert(evidence).values({ agencyId, title, reviewDate }).returning())[0]!.id;
    const recent = await doc("Reviu Peta Rencana SPBE 2026", "2026-02-01");
    const old = await doc("Reviu Pengadaan 2020", "2020-02-01");
    const undated = await doc("SK Tim Koordinasi SPBE", null);

    // 2020 used PermenPANRB 5/2018, whose "2" (Kebijakan Internal Inovasi Proses Bisnis) and "35"
    // (Layanan Publik Instansi Pemerintah) are other indicators than 59/2020's "2" and "35".
    for (const [code, level] of [["1", 0], ["2", 3], ["35", 2]] as const) await answer(p2020, code, level);
    await t.database.db.insert(answerEvidence).values({ assessmentId: p2020, indicatorCode: "2", evidenceId: recent });
    const across = await call(t.app, "POST", `/api/assessments/${from}/copy-forward`, kspbe, { fromAssessmentId: p2020 });
    expect(across.json()).toEqual({
      copied: [],
      unmapped: Array.from({ length: 35 }, (_, i) => String(i + 1)),
      notCarried: [],
      newHere: Array.from({ length: 47 }, (_, i) => String(i + 1)),
      family: "spbe",
      skipped: [],
      evidence: { linked: [], tooOld: [] },
    });
    expect(await t.database.db.select().from(answerEvidence).where(eq(answerEvidence.assessmentId, from))).toEqual([]);

    // 2021 → 2022, both 59/2020: every indicator maps by code.
    for (const [code, level] of [["2", 3], ["20", 4], ["35", 2]] as const) await answer(from, code, level);
    await answer(to, "20", 5); // already answered this year
    await t.database.db.insert(answerEvidence).values([
      { assessmentId: from, indicatorCode: "2", evidenceId: recent },
      { assessmentId: from, indicatorCode: "2", evidenceId: undated },
      { assessmentId: from, indicatorCode: "35", evidenceId: old },
      { assessmentId: from, indicatorCode: "20", evidenceId: recent }, // 20 is not copied: its link stays behind
    ]);

    expect((await call(t.app, "POST", `/api/assessments/${to}/copy-forward`, entri, { fromAssessmentId: from })).statusCode).toBe(403);
    const res = await call(t.app, "POST", `/api/assessments/${to}/copy-forward`, kspbe, { fromAssessmentId: from });
    expect(res.json()).toEqual({
      copied: ["2", "35"],
      unmapped: [],
      notCarried: [],
      newHere: [],
      family: "spbe",
      skipped: ["20"],
      evidence: {
        linked: [
          { indicatorCode: "2", evidenceId: recent, title: "Reviu Peta Rencana SPBE 2026" },
          { indicatorCode: "2", evidenceId: undated, title: "SK Tim Koordinasi SPBE" },
        ],
        tooOld: [{ indicatorCode: "35", evidenceId: old, title: "Reviu Pengadaan 2020" }],
      },
    });
    const links = await t.database.db.select().from(answerEvidence).where(eq(answerEvidence.assessmentId, to));
    expect(links.map((l) => [l.indicatorCode, l.evidenceId]).sort()).toEqual([["2", recent], ["2", undated]].sort());
    const ws = (await call(t.app, "GET", `/api/assessments/${to}`, kspbe)).json();
    const level = (c: string) => ws.indicators.find((i: { code: string }) => i.code === c).level;
    expect([level("1"), level("2"), level("20"), level("35")]).toEqual([null, 3, 5, 2]);

    const other = (await call(t.app, "GET", "/api/periods", admin)).json().periods.find((p: { year: number }) => p.year === 2021).assessments[1].id;
    expect((await call(t.app, "POST", `/api/assessments/${to}/copy-forward`, kspbe, { fromAssessmentId: other })).statusCode).toBe(404); // another agency's
    expect((await call(t.app, "POST", `/api/assessments/${to}/copy-forward`, kspbe, { fromAssessmentId: to })).statusCode).toBe(400);
  });

  it("a period without an instrument gets the one in force for its year, and copying 59/2020 onto Pemdi 2026 carries nothing and lists every Pemdi indicator as new", async () => {
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null, null)).id);
    const kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.05", null)).id);
    for (const year of [2025, 2026, 2027]) {
      expect((await call(t.app, "POST", "/api/periods", admin, { name: `Periode berlaku ${year}`, year, kind: "pemantauan", agencies: ["15.05"] })).statusCode).toBe(201);
    }
    const periods = (await call(t.app, "GET", "/api/periods", kspbe)).json().periods as { year: number; name: string; instrument: string; assessments: { id: number }[] }[];
    const mine = periods.filter((p) => p.name.startsWith("Periode berlaku"));
    // 2027 is listed nowhere: Pemdi 2026 stays in force
    expect(mine.map((p) => [p.year, p.instrument]).sort()).toEqual([[2025, "permenpanrb-59-2020"], [2026, "pemdi-2026"], [2027, "pemdi-2026"]]);
    const id = (year: number) => mine.find((p) => p.year === year)!.assessments[0]!.id;
    const res = await call(t.app, "POST", `/api/assessments/${id(2026)}/copy-forward`, kspbe, { fromAssessmentId: id(2025) });
    expect(res.statusCode).toBe(200);
    // no Pemdi indicator declares itself the same as a 59/2020 one (pemdi-2026.md: only evidence is reusable)
    expect(res.json()).toMatchObject({ copied: [], notCarried: [], family: "pemdi", newHere: Array.from({ length: 20 }, (_, i) => String(i + 1)) });
    expect(res.json().unmapped).toHaveLength(47);
    expect((await call(t.app, "POST", "/api/periods", admin, { name: "Periode tanpa instrumen", year: 2026, kind: "pemantauan", instrument: "tidak-ada", agencies: ["15.05"] })).statusCode).toBe(400);
  });
});
