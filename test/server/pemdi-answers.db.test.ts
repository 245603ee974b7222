import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;

describe(`Pemdi answers with decimal values on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let entri: Session, prov: Session;
  let pemdiId: number, spbeId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => sessionFor(t.database, (await makeUser(t.database, role, code, null)).id);
    entri = await s("pelaksana_entri", "15.01");
    prov = await s("koordinator_provinsi", "15");
    const open = (await call(t.app, "POST", "/api/periods", prov, { name: "Gladi Pemdi 2026", year: 2026, kind: "pemantauan", instrument: "pemdi-2026", owner: "15", agencies: ["15.01"] })).json();
    expect(open).toBeTruthy();
    const spbe = await call(t.app, "POST", "/api/periods", prov, { name: "Gladi SPBE 2025", year: 2025, kind: "pemantauan", instrument: "permenpanrb-59-2020", owner: "15", agencies: ["15.01"] });
    expect(spbe.statusCode).toBe(201);
    const periods = (await call(t.app, "GET", "/api/periods", entri)).json().periods as { instrument: string; assessments: { id: number }[] }[];
    pemdiId = periods.find((p) => p.instrument === "pemdi-2026")!.assessments[0]!.id;
    spbeId = periods.find((p) => p.instrument === "permenpanrb-59-2020")!.assessments[0]!.id;
  });
  afterAll(() => t.close());

  it("stores and scores two-decimal values exactly: the assessor vector gives 1.2415", async () => {
    const values: Record<string, number> = {
      "1": 2.0, "2": 1.5, "3": 1.26, "4": 1.3, "5": 1, "6": 1, "7": 1, "8": 1, "9": 1, "10": 1,
      "11": 1.5, "12": 1.25, "13": 1.17, "14": 1, "15": 1, "16": 1, "17": 2.5, "18": 1, "19": 1, "20": 1.3,
    };
    for (const [code, level] of Object.entries(values)) {
      const res = await call(t.app, "PUT", `/api/assessments/${pemdiId}/answers/${code}`, entri, { stage: "mandiri", version: 0, level });
      expect(res.statusCode, code).toBe(200);
      expect(res.json().level).toBe(level);
    }
    const ws = (await call(t.app, "GET", `/api/assessments/${pemdiId}`, entri)).json();
    expect(ws.indicators.find((i: { code: string }) => i.code === "3").level).toBe(1.26);
    expect(ws.score).toEqual({ index: 1.2415, indexRounded: 1.24, predicate: "Kurang", partial: false, answered: 20, total: 20 });
  });

  it("an indicator fed from Indeks SDI takes its score, source document and year; the server converts it (68.75 → 3.75)", async () => {
    const url = `/api/assessments/${pemdiId}/answers/5`;
    const ws = (await call(t.app, "GET", `/api/assessments/${pemdiId}`, entri)).json();
    const version = ws.indicators.find((i: { code: string }) => i.code === "5").answers.mandiri.version;
    // the client's level is ignored: the value is the conversion of the score
    const res = await call(t.app, "PUT", url, entri, { stage: "mandiri", version, level: 5, externalScore: { score: 68.75, source: "Laporan Evaluasi SDI 2025, Bappenas", year: 2025 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ level: 3.75, externalScore: { score: 68.75, source: "Laporan Evaluasi SDI 2025, Bappenas", year: 2025 } });
    const after = (await call(t.app, "GET", `/api/assessments/${pemdiId}`, entri)).json();
    // 124.15 + (3.75 − 1) × 5 = 137.9
    expect(after.score.index).toBe(1.379);
    const out = await call(t.app, "PUT", url, entri, { stage: "mandiri", version: version + 1, level: null, externalScore: { score: 101, source: "SDI", year: 2025 } });
    expect(out.statusCode).toBe(400);
    expect(out.json().message).toBe("body.externalScore.score: indicator 5: score 101 is outside 0–100 (Indeks Satu Data Indonesia (SDI), Bappenas)");
    const notExternal = await call(t.app, "PUT", `/api/assessments/${pemdiId}/answers/4`, entri, { stage: "mandiri", version: 1, level: null, externalScore: { score: 50, source: "SDI", year: 2025 } });
    expect(notExternal.statusCode).toBe(400);
  });

  it.each([
    ["three decimals", pemdi, 1.255, "body.level: 1.255 is not a value from 1.00 to 5.00 in steps of 0.01"],
    ["below 1.00", pemdi, 0.99, "body.level: 0.99 is not a value from 1.00 to 5.00 in steps of 0.01"],
    ["a decimal on 59/2020", spbe, 2.5, "body.level: 2.5 is not an integer from 1 to 5"],
  ])("%s is a 400 naming the field", async (_name, which, level, message) => {
    const res = await call(t.app, "PUT", `/api/assessments/${which()}/answers/11`, entri, { stage: "mandiri", version: 0, level });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(message);
  });

  function pemdi() {
    return pemdiId;
  }
  function spbe() {
    return spbeId;
  }
});
