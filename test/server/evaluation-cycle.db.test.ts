import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const codes = Array.from({ length: 47 }, (_, i) => String(i + 1));

// The cycle through the API: self-assessment → verification → submit → document review by the
// assigned external assessor → interview (untouched indicators carry forward) → final.
describe(`the evaluation cycle through the API on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, kspbe: Session, pj: Session, entri: Session, internal: Session, external: Session, otherExternal: Session;
  let internalEmail: string, externalEmail: string;
  let id: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => {
      const u = await makeUser(t.database, role, code, null);
      return { session: await sessionFor(t.database, u.id), email: u.email };
    };
    admin = (await s("administrator", null)).session;
    kspbe = (await s("koordinator_spbe", "15.71")).session;
    pj = (await s("penanggung_jawab", "15.71")).session;
    entri = (await s("pelaksana_entri", "15.71")).session;
    const i = await s("asesor_internal", "15.71");
    internal = i.session;
    internalEmail = i.email;
    const e = await s("asesor_eksternal", null);
    external = e.session;
    externalEmail = e.email;
    otherExternal = (await s("asesor_eksternal", null)).session;
    await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2024 (simulasi)", year: 2024, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    id = (await call(t.app, "GET", "/api/periods", kspbe)).json().periods[0].assessments[0].id;
  });
  afterAll(() => t.close());

  const ws = async (who: Session) => (await call(t.app, "GET", `/api/assessments/${id}`, who)).json();
  const put = (who: Session, code: string, stage: string, version: number, level: number) =>
    call(t.app, "PUT", `/api/assessments/${id}/answers/${code}`, who, { stage, version, level, explanation: `Level ${level} untuk indikator ${code}` });

  it("an internal assessor assigned to some indicators answers only those", async () => {
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, kspbe, { email: internalEmail, role: "asesor_internal", indicators: ["21", "22"] })).statusCode).toBe(204);
    expect((await put(internal, "21", "mandiri", 0, 2)).statusCode).toBe(200);
    expect((await put(internal, "1", "mandiri", 0, 2)).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, kspbe, { email: externalEmail, role: "asesor_eksternal" })).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, kspbe, { email: externalEmail, role: "asesor_internal" })).json().message).toContain("does not hold the role asesor_internal");
  });

  it("the self-assessment: filled, verified, then submitted by the Koordinator SPBE", async () => {
    // 4 everywhere except the service domain at 3: (54.5 × 4 + 45.5 × 3) / 100 = 3.545
    for (const c of codes) {
      const v = (await ws(entri)).indicators.find((i: { code: string }) => i.code === c).answers.mandiri?.version ?? 0;
      expect((await put(entri, c, "mandiri", v, Number(c) >= 32 ? 3 : 4)).statusCode).toBe(200);
    }
    let w = await ws(kspbe);
    expect(w.score).toMatchObject({ index: 3.545, predicate: "Sangat Baik", partial: false });
    expect(w.abilities).toMatchObject({ submit: true, verify: false });
    const early = await call(t.app, "POST", `/api/assessments/${id}/submit`, kspbe, {});
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/^indicators not verified by the Penanggung Jawab: 1, 2, 3/);
    expect((await call(t.app, "POST", `/api/assessments/${id}/answers/1/verify`, entri, { verified: true, version: 1 })).statusCode).toBe(403);
    for (const i of w.indicators as { code: string; answers: { mandiri: { version: number } } }[]) {
      const r = await call(t.app, "POST", `/api/assessments/${id}/answers/${i.code}/verify`, pj, { verified: true, version: i.answers.mandiri.version });
      expect(r.statusCode).toBe(200);
    }
    expect((await call(t.app, "POST", `/api/assessments/${id}/submit`, pj, {})).statusCode).toBe(403);
    const submitted = await call(t.app, "POST", `/api/assessments/${id}/submit`, kspbe, { note: "Ditandatangani Sekda" });
    expect(submitted.json()).toEqual({ stage: "dokumen", reviewStatus: null });
    w = await ws(entri);
    expect(w.stage).toBe("dokumen");
    expect(w.abilities.answer).toBe(false);
    expect((await put(entri, "1", "mandiri", 2, 5)).statusCode).toBe(403); // the self-assessment is locked
    expect(w.indicators.every((i: { carried: boolean; from: string }) => i.carried && i.from === "mandiri")).toBe(true);
    expect(w.score.index).toBe(3.545);
  }, 120_000);

  it("only the assigned external assessor reviews the documents; untouched levels carry forward", async () => {
    expect((await call(t.app, "GET", `/api/assessments/${id}`, external)).statusCode).toBe(404);
    const listed = async (who: Session) => ((await call(t.app, "GET", "/api/periods", who)).json().periods as { assessments: { id: number }[] }[]).flatMap((p) => p.assessments.map((a) => a.id));
    expect(await listed(external)).toEqual([]);
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, admin, { email: externalEmail, role: "asesor_eksternal" })).statusCode).toBe(204);
    expect((await call(t.app, "GET", `/api/assessments/${id}`, otherExternal)).statusCode).toBe(404);
    // The assessment list (/penilaian) shows the assigned assessor this assessment, and nobody else's.
    expect(await listed(external)).toEqual([id]);
    expect(await listed(otherExternal)).toEqual([]);
    // the assessor lowers indicator 11 (2.5 %) from 4 to 2 and raises 42 (3 %) from 3 to 4: 3.545 − 0.05 + 0.03 = 3.525
    expect((await put(external, "11", "dokumen", 0, 2)).statusCode).toBe(200);
    expect((await put(external, "42", "dokumen", 0, 4)).statusCode).toBe(200);
    let w = await ws(external);
    expect(w.score.index).toBe(3.525);
    const i11 = w.indicators.find((i: { code: string }) => i.code === "11");
    expect(i11).toMatchObject({ level: 2, carried: false, from: "dokumen" });
    expect(w.indicators.find((i: { code: string }) => i.code === "12")).toMatchObject({ level: 4, carried: true, from: "mandiri" });

    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, kspbe, {})).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, { note: "Penilaian dokumen selesai" })).json()).toEqual({ stage: "interviu", reviewStatus: null });
    // at the interview the assessor changes nothing: everything carries forward from the document review
    w = await ws(external);
    expect(w.score.index).toBe(3.525);
    expect(w.indicators.find((i: { code: string }) => i.code === "11")).toMatchObject({ level: 2, carried: true, from: "dokumen" });
    expect((await put(external, "13", "interviu", 0, 5)).statusCode).toBe(200); // + 2.5 % → 3.55
    // after the last external stage the assessment goes to the review team; nothing can change meanwhile
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, {})).json()).toEqual({ stage: "interviu", reviewStatus: "pending" });
    expect((await put(external, "14", "interviu", 0, 5)).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, {})).statusCode).toBe(403);
  });

  it("the review team returns it (Tidak Valid), the assessor corrects, then Valid finalises an immutable result", async () => {
    const reviewer = await sessionFor(t.database, (await makeUser(t.database, "tim_reviu", null, null)).id);
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, external, { decision: "valid" })).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviewer, { decision: "tidak_valid" })).json().message).toBe("body.notes: say what must be corrected");
    const returned = await call(t.app, "POST", `/api/assessments/${id}/review`, reviewer, { decision: "tidak_valid", notes: "Indikator 13: bukti integrasi anggaran belum cukup untuk level 5" });
    expect(returned.json()).toEqual({ stage: "interviu", reviewStatus: "returned" });
    let w = await ws(external);
    expect(w.review).toEqual({ status: "returned", notes: "Indikator 13: bukti integrasi anggaran belum cukup untuk level 5" });
    // correction: 13 back to 4 → 3.525, then hand it back
    const v13 = w.indicators.find((i: { code: string }) => i.code === "13").answers.interviu.version;
    expect((await put(external, "13", "interviu", v13, 4)).statusCode).toBe(200);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, { note: "Sudah dikoreksi" })).json().reviewStatus).toBe("pending");
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviewer, { decision: "valid", notes: "Valid" })).json()).toEqual({ stage: "final", reviewStatus: null });
    w = await ws(admin);
    expect(w.stage).toBe("final");
    expect(w.score).toMatchObject({ index: 3.525, indexRounded: 3.53, predicate: "Sangat Baik", partial: false });
    expect(w.results).toEqual([{ revision: 1, index: 3.525, indexRounded: 3.53, predicate: "Sangat Baik", levels: expect.objectContaining({ "11": 2, "13": 4 }), reason: null, createdBy: "Uji tim_reviu", createdAt: expect.any(String) }]);
    expect(Object.keys(w.results[0].levels)).toHaveLength(47);
    expect((await put(external, "14", "final", 0, 5)).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, admin, {})).statusCode).toBe(403);
  });

  it("a later correction is a new revision with a reason; the first stays", async () => {
    expect((await call(t.app, "POST", `/api/assessments/${id}/revisions`, external, { reason: "Koreksi hasil banding", levels: { "11": 3 } })).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/revisions`, admin, { reason: "singkat", levels: { "11": 3 } })).statusCode).toBe(400);
    expect((await call(t.app, "POST", `/api/assessments/${id}/revisions`, admin, { reason: "Koreksi setelah sanggahan instansi", levels: { "11": 9 } })).statusCode).toBe(400);
    const rev = await call(t.app, "POST", `/api/assessments/${id}/revisions`, admin, { reason: "Koreksi setelah sanggahan instansi", levels: { "11": 3 } });
    expect(rev.statusCode).toBe(201);
    expect(rev.json()).toEqual({ revision: 2, index: 3.55, indexRounded: 3.55, predicate: "Sangat Baik" }); // 11: 2 → 3, + 2.5 %
    const results = (await ws(admin)).results;
    expect(results.map((r: { revision: number; index: number; reason: string | null }) => [r.revision, r.index, r.reason])).toEqual([
      [1, 3.525, null],
      [2, 3.55, "Koreksi setelah sanggahan instansi"],
    ]);
    // the correction names who made it and carries the changed level over the others
    expect(results[1]).toMatchObject({ createdBy: "Uji administrator", levels: { ...results[0].levels, "11": 3 } });
    // the workspace shows the corrected result in force: its index, and the corrected level marked with its revision
    const after = await ws(admin);
    expect(after.score).toMatchObject({ index: 3.55, indexRounded: 3.55, predicate: "Sangat Baik", partial: false });
    const byCode = (code: string) => after.indicators.find((i: { code: string }) => i.code === code);
    expect(byCode("11")).toMatchObject({ level: 3, revision: 2, carried: false });
    expect(byCode("13")).toMatchObject({ level: 4, revision: null });
  });

  it("each transition and answer is in the agency's audit trail", async () => {
    const events = (await call(t.app, "GET", "/api/audit?agency=15.71&limit=1000", admin)).json().events as { action: string }[];
    const actions = new Set(events.map((e) => e.action));
    for (const a of ["assessment.assign", "answer.save", "answer.verify", "assessment.submit", "assessment.advance", "assessment.review_request", "assessment.review_invalid", "assessment.finalise", "assessment.revise"]) expect(actions.has(a), a).toBe(true);
    // a national period belongs to the platform-wide trail
    const national = (await call(t.app, "GET", "/api/audit?action=period.create", admin)).json().events as { agencyCode: string | null }[];
    expect(national.map((e) => e.agencyCode)).toEqual([null]);
  });
});
