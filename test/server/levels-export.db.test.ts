import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { runCliAsync } from "../helpers/run-cli";
import { seedDemoNationalRound } from "../../src/db/commands/seed-demo-national";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

type Session = Awaited<ReturnType<typeof sessionFor>>;
interface Workspace {
  id: number;
  stage: string;
  period: { instrument: string; predicatePolicy: string };
  indicators: { code: string; level: number | null }[];
  score: { index: number; indexRounded: number; predicate: string; partial: boolean };
}

describe(`an assessment's levels.json for pandu score and pandu plan on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, entri: Session, outsider: Session;
  let assessmentId: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-levels-"));

  /** Downloads levels.json as `who`, writes it to a file and scores it with the real `pandu score`. */
  async function scoreExport(who: Session, id: number, partial: boolean) {
    const res = await call(t.app, "GET", `/api/assessments/${id}/levels.json`, who);
    expect(res.statusCode).toBe(200);
    const ws = (await call(t.app, "GET", `/api/assessments/${id}`, who)).json<Workspace>();
    // Exactly the levels the workspace shows and scores, one entry per indicator.
    expect(res.json()).toEqual(Object.fromEntries(ws.indicators.map((i) => [i.code, i.level])));
    const file = path.join(dir, `levels-${id}.json`);
    fs.writeFileSync(file, res.body);
    const cli = await runCliAsync(["score", "--instrument", ws.period.instrument, "--levels", file, "--policy", ws.period.predicatePolicy, ...(partial ? ["--partial"] : [])]);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    return { res, ws, file, score: JSON.parse(cli.stdout) as { index: number; indexRounded: number; predicate: string } };
  }

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    // The demo's finalised national round: assessments with a result revision.
    await seedDemoNationalRound(t.database.db);
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => sessionFor(t.database, (await makeUser(t.database, role, code, null)).id);
    admin = await s("administrator", null);
    entri = await s("pelaksana_entri", "15.71");
    outsider = await s("pelaksana_entri", "15.72");
    const created = await call(t.app, "POST", "/api/periods", admin, {
      name: "Evaluasi SPBE 2024 (latihan ekspor)",
      year: 2024,
      kind: "evaluasi",
      instrument: "permenpanrb-59-2020",
      schedule: { mandiri: { opens: "2024-01-01", closes: "2099-12-31" } },
      agencies: ["15.71"],
    });
    expect(created.statusCode).toBe(201);
    const periods = (await call(t.app, "GET", "/api/periods", entri)).json<{ periods: { id: number; assessments: { id: number }[] }[] }>().periods;
    assessmentId = periods.find((p) => p.id === created.json<{ id: number }>().id)!.assessments[0]!.id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a partly answered self-assessment: the file holds every indicator (null when unanswered) and pandu score --partial gives the server's index", async () => {
    for (let n = 1; n <= 40; n++) {
      const res = await call(t.app, "PUT", `/api/assessments/${assessmentId}/answers/${n}`, entri, { stage: "mandiri", version: 0, level: (n % 5) + 1 });
      expect(res.statusCode).toBe(200);
    }
    const { res, ws, score } = await scoreExport(entri, assessmentId, true);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="levels-15.71-2024-${assessmentId}.json"`);
    const levels = res.json<Record<string, number | null>>();
    expect(Object.values(levels).filter((v) => v === null)).toHaveLength(7);
    expect(ws.score.partial).toBe(true);
    expect(score).toMatchObject({ index: ws.score.index, indexRounded: ws.score.indexRounded, predicate: ws.score.predicate });
  });

  it("once complete, pandu score (without --partial) and pandu plan read the same file", async () => {
    for (let n = 41; n <= 47; n++) await call(t.app, "PUT", `/api/assessments/${assessmentId}/answers/${n}`, entri, { stage: "mandiri", version: 0, level: 2 });
    const { ws, file, score } = await scoreExport(entri, assessmentId, false);
    expect(ws.score.partial).toBe(false);
    expect(score).toMatchObject({ index: ws.score.index, indexRounded: ws.score.indexRounded, predicate: ws.score.predicate });
    const plan = await runCliAsync(["plan", "--instrument", ws.period.instrument, "--levels", file, "--target", "Sangat Baik"]);
    expect(plan.stderr).toBe("");
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ feasible: true });
  });

  it("a final assessment exports its result's levels, scored as the workspace scores them", async () => {
    const periods = (await call(t.app, "GET", "/api/periods", admin)).json<{ periods: { assessments: { id: number; stage: string }[] }[] }>().periods;
    const final = periods.flatMap((p) => p.assessments).find((a) => a.stage === "final");
    expect(final).toBeDefined();
    const { ws, score } = await scoreExport(admin, final!.id, true);
    expect(ws.stage).toBe("final");
    expect(score).toMatchObject({ index: ws.score.index, predicate: ws.score.predicate });
  });

  it("another agency's assessment is a 404, and no session is a 401", async () => {
    expect((await call(t.app, "GET", `/api/assessments/${assessmentId}/levels.json`, outsider)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/assessments/${assessmentId}/levels.json` })).statusCode).toBe(401);
  });
});
