import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { computeIkm, SKM_ELEMENT_CODES } from "../../src/core";
import { auditEvents, publicServices, skmResponses } from "../../src/db/schema";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { deviceHashOf } from "../../src/server/features/skm/public-skm.routes";

type Session = Awaited<ReturnType<typeof sessionFor>>;

/** The survey day every test runs on (the server's clock is injected; no wall clock). */
const NOW = new Date("2026-06-15T03:00:00Z");
const answers = (...v: number[]) => Object.fromEntries(SKM_ELEMENT_CODES.map((c, i) => [c, v[i % v.length]]));
let deviceSeq = 0;
const device = () => `perangkat-uji-${String(++deviceSeq).padStart(6, "0")}`;

function multipart(filename: string, content: string | Buffer, contentType = "text/csv") {
  const boundary = "----skmuji";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    typeof content === "string" ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`SKM surveys on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let kspbe: Session;
  let otherKspbe: Session;
  let serviceId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => NOW } });
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    otherKspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.72", null)).id);
    await seedDemoServices(t.database.db);
    const cityId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    [{ id: serviceId }] = await t.database.db.select({ id: publicServices.id }).from(publicServices).where(eq(publicServices.agencyId, cityId)).limit(1) as [{ id: number }];
  });
  afterAll(() => t.close());

  const newSurvey = async (body: Record<string, unknown> = {}, open = true) => {
    const r = await call(t.app, "POST", "/api/agencies/15.71/surveys", kspbe, { serviceId, title: "SKM Semester I 2026", periodStart: "2026-01-01", periodEnd: "2026-12-31", population: 100, counters: ["Loket 1", "MPP"], ...body });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().survey.id as number;
    if (open) expect((await call(t.app, "POST", `/api/agencies/15.71/surveys/${id}/open`, kspbe)).statusCode).toBe(200);
    return id;
  };
  const submit = (id: number, body: Record<string, unknown>) => call(t.app, "POST", `/api/public/surveys/${id}/responses`, null, { answers: answers(4, 3), deviceToken: device(), ...body });
  const count = async (id: number) => (await t.database.db.select({ id: skmResponses.id }).from(skmResponses).where(eq(skmResponses.surveyId, id))).length;

  it("a survey is created as a draft, opened, answered from the public page, and its result equals the core's on the same rows", async () => {
    const id = await newSurvey({}, false);
    // A draft is not public.
    expect((await call(t.app, "GET", `/api/public/surveys/${id}`, null)).statusCode).toBe(404);
    expect((await submit(id, {})).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/agencies/15.71/surveys/${id}/close`, kspbe)).json()).toMatchObject({ error: "survey_bad_transition", details: { status: "draft" } });
    expect((await call(t.app, "POST", `/api/agencies/15.71/surveys/${id}/open`, kspbe)).json().survey.status).toBe("open");

    const page = (await call(t.app, "GET", `/api/public/surveys/${id}`, null)).json();
    expect(page).toMatchObject({ id, accepting: true, agency: { code: "15.71" }, counters: ["Loket 1", "MPP"] });
    expect(page.elements.map((e: { code: string }) => e.code)).toEqual([...SKM_ELEMENT_CODES]);
    expect(page.elements[8].answers[3].id).toBe("Dikelola dengan baik");

    const rows = [
      [4, 4, 3, 4, 3, 4, 4, 3, 2],
      [3, 3, 3, 4, 3, 3, 4, 3, 3],
      [4, 3, 2, 4, 4, 4, 4, 4, 3],
      [2, 3, 3, 4, 3, 3, 3, 3, 1],
    ];
    for (const [i, r] of rows.entries()) {
      const res = await submit(id, { answers: answers(...r), sex: i % 2 ? "L" : "P", ageBand: "30-39", education: "D4-S1", occupation: "SWASTA", counter: "Loket 1" });
      expect(res.statusCode, res.body).toBe(201);
    }
    const detail = (await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}`, kspbe)).json();
    const core = computeIkm(rows, { population: 100 });
    expect(detail.result).toMatchObject({ respondents: 4, ikm: core.ikm, mutu: core.mutu, nrr: core.nrr, minimumRespondents: 80, enough: false, weakestElements: core.weakestElements });
    expect(detail.suggestedElements[0]).toBe("U9");
    const legacy = (await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}?policy=legacy-0111`, kspbe)).json();
    expect(legacy.result.ikm).toBe(computeIkm(rows, { policy: "legacy-0111" }).ikm);
    // Stored: the counter, the profile, a hash of the device (never the token).
    const stored = await t.database.db.select().from(skmResponses).where(eq(skmResponses.surveyId, id));
    expect(stored[0]).toMatchObject({ channel: "counter", counter: "Loket 1", ageBand: "30-39" });
    expect(stored[0]!.deviceHash).toMatch(/^[0-9a-f]{64}$/);
    // A counter the survey does not offer is not stored; a survey that does not exist is 404.
    const token = device();
    expect((await submit(id, { deviceToken: token, counter: "Loket Palsu" })).statusCode).toBe(201);
    const odd = await t.database.db.select().from(skmResponses).where(eq(skmResponses.deviceHash, deviceHashOf(id, token)));
    expect(odd[0]).toMatchObject({ channel: "counter", counter: null });
    expect((await submit(id + 10_000, {})).statusCode).toBe(404);

    // QR codes per counter.
    const svg = await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}/qr?loket=Loket%201`, kspbe);
    expect([svg.statusCode, svg.headers["content-type"]]).toEqual([200, "image/svg+xml"]);
    expect(svg.body).toContain("<svg");
    const png = await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}/qr?format=png`, kspbe);
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");

    // Closed: 409, nothing stored.
    expect((await call(t.app, "POST", `/api/agencies/15.71/surveys/${id}/close`, kspbe)).json().survey.status).toBe("closed");
    const closed = await submit(id, {});
    expect([closed.statusCode, closed.json().error]).toEqual([409, "survey_closed"]);
    expect(await count(id)).toBe(5);
  });

  it("bad answers and missing elements are 400s naming the field; nothing is stored", async () => {
    const id = await newSurvey();
    for (const [bad, field] of [
      [{ answers: { ...answers(3), U3: 5 } }, "body.answers.U3"],
      [{ answers: { ...answers(3), U7: 0 } }, "body.answers.U7"],
      [{ answers: { ...answers(3), U2: 2.5 } }, "body.answers.U2"],
      [{ answers: Object.fromEntries(Object.entries(answers(3)).filter(([k]) => k !== "U9")) }, "body.answers.U9"],
      [{ sex: "X" }, "body.sex"],
      [{ deviceToken: "x" }, "body.deviceToken"],
    ] as const) {
      const r = await submit(id, bad);
      expect([r.statusCode, r.json().error, r.json().details.field], JSON.stringify(bad)).toEqual([400, "validation_error", field]);
    }
    expect(await count(id)).toBe(0);
  });

  it("a survey not yet open answers 409 survey_not_open; the same device twice answers 409 duplicate_response", async () => {
    const later = await newSurvey({ periodStart: "2026-07-01" });
    expect((await submit(later, {})).json().error).toBe("survey_not_open");
    expect((await call(t.app, "GET", `/api/public/surveys/${later}`, null)).json().accepting).toBe(false);
    const id = await newSurvey();
    const token = device();
    expect((await submit(id, { deviceToken: token })).statusCode).toBe(201);
    const again = await submit(id, { deviceToken: token, answers: answers(1) });
    expect([again.statusCode, again.json().error]).toEqual([409, "duplicate_response"]);
    // Two at once from one device: one stored, one 409.
    const twin = device();
    const both = await Promise.all([submit(id, { deviceToken: twin }), submit(id, { deviceToken: twin })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count(id)).toBe(2);
  });

  it("the honeypot stores nothing but answers like a success; the rate limit answers 429 per IP and survey", async () => {
    const id = await newSurvey();
    const caught = await submit(id, { website: "http://spam.example" });
    expect(caught.statusCode).toBe(201);
    expect(await count(id)).toBe(0);
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await submit(id, {})).statusCode);
    expect(codes.slice(0, 19).every((c) => c === 201)).toBe(true); // the honeypot request counted as one of 20
    expect(codes[20]).toBe(429);
    const refused = await submit(id, {});
    expect(refused.json()).toMatchObject({ error: "too_many_requests" });
    // Another survey from the same IP still takes answers.
    expect((await submit(await newSurvey(), {})).statusCode).toBe(201);
  });

  it("imports a CSV all or nothing: every bad cell named, nothing stored; a good file adds its rows with one audit event", async () => {
    const id = await newSurvey();
    const bad = multipart("kertas.csv", "No;U1;U2;U3;U4;U5;U6;U7;U8;U9;Jenis Kelamin\n1;4;4;4;4;4;4;4;4;4;P\n2;4;5;4;4;4;4;4;4;;L\n3;3;3;3;3;3;3;3;3;3;Z\n");
    const r = await t.app.inject({ method: "POST", url: `/api/agencies/15.71/surveys/${id}/responses/import`, headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "content-type": bad.contentType }, payload: bad.body });
    expect([r.statusCode, r.json().error]).toEqual([400, "responses_invalid"]);
    expect(r.json().details.problems).toEqual([
      { row: 3, column: "U2", message: "nilai 5 di luar 1–4" },
      { row: 3, column: "U9", message: "kosong (setiap unsur dijawab 1–4)" },
      { row: 4, column: "Jenis Kelamin", message: expect.stringContaining("bukan salah satu dari L, P") },
    ]);
    expect(await count(id)).toBe(0);
    const noColumn = multipart("x.csv", "U1,U2,U3\n1,2,3\n");
    const r2 = await t.app.inject({ method: "POST", url: `/api/agencies/15.71/surveys/${id}/responses/import`, headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "content-type": noColumn.contentType }, payload: noColumn.body });
    expect(r2.json().details.problems.map((p: { column: string }) => p.column)).toEqual(["U4", "U5", "U6", "U7", "U8", "U9"]);

    const good = multipart("kertas.csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9,Usia,Pendidikan,Pekerjaan\n4,4,4,4,4,4,4,4,4,20-29,SMA,PELAJAR\n3,3,3,3,3,3,3,3,2,,,\n");
    const ok = await t.app.inject({ method: "POST", url: `/api/agencies/15.71/surveys/${id}/responses/import`, headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "content-type": good.contentType }, payload: good.body });
    expect(ok.json()).toEqual({ imported: 2, respondents: 2 });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "skm.responses_import"));
    expect(events.at(-1)!.changes).toMatchObject({ after: { rows: 2, batch: 1 } });
  });

  it("follow-up actions on the weakest elements; another agency's survey is 404; a foreign improvement action is refused", async () => {
    const id = await newSurvey();
    await submit(id, { answers: answers(4, 4, 4, 4, 4, 4, 4, 2, 1) });
    const d = (await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}`, kspbe)).json();
    expect(d.suggestedElements.slice(0, 2)).toEqual(["U9", "U8"]);
    const f = await call(t.app, "POST", `/api/agencies/15.71/surveys/${id}/follow-ups`, kspbe, { element: "U9", action: "Membuka kanal pengaduan WhatsApp", dueDate: "2026-09-30" });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json().followUps).toMatchObject([{ element: "U9", status: "planned", dueDate: "2026-09-30" }]);
    expect(f.json().suggestedElements[0]).toBe("U8");
    const fid = f.json().followUps[0].id;
    expect((await call(t.app, "PUT", `/api/agencies/15.71/surveys/${id}/follow-ups/${fid}`, kspbe, { element: "U9", action: "Membuka kanal pengaduan WhatsApp", status: "done" })).json().followUps[0].status).toBe("done");
    expect((await call(t.app, "PUT", `/api/agencies/15.71/surveys/${id}/follow-ups/${fid}`, kspbe, { element: "U9", action: "x x x", improvementActionId: 2_000_000 })).json().error).toBe("foreign_action");

    // Another agency: 404 for everything of this survey.
    expect((await call(t.app, "GET", `/api/agencies/15.71/surveys/${id}`, otherKspbe)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/agencies/15.72/surveys/${id}`, otherKspbe)).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/agencies/15.72/surveys/${id}/close`, otherKspbe)).statusCode).toBe(404);
    // A service of another agency cannot be surveyed.
    expect((await call(t.app, "POST", "/api/agencies/15.72/surveys", otherKspbe, { serviceId, title: "Curang", periodStart: "2026-01-01", periodEnd: "2026-12-31" })).json().error).toBe("foreign_service");
  });

  it("aggregation pools respondents per service, unit, agency and province and equals the core on the same rows; open data as JSON and CSV", async () => {
    const summary = (await call(t.app, "GET", "/api/agencies/15.71/skm-summary?year=2026", kspbe)).json();
    await seedDemoServices(t.database.db);
    const cityId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const all = await t.database.db.select().from(skmResponses);
    const { skmSurveys } = await import("../../src/db/schema");
    const surveys = await t.database.db.select().from(skmSurveys).where(eq(skmSurveys.agencyId, cityId));
    const ids = new Set(surveys.filter((s) => s.status !== "draft").map((s) => s.id));
    const rows = all.filter((r) => ids.has(r.surveyId)).map((r) => [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9]);
    expect(summary.agency.result.respondents).toBe(rows.length);
    expect(summary.agency.result.ikm).toBe(computeIkm(rows).ikm);
    expect(summary.byService.length).toBeGreaterThan(0);
    expect(summary.province).toBeNull();

    const provinceUser = await sessionFor(t.database, (await makeUser(t.database, "koordinator_provinsi", "15", null)).id);
    const prov = (await call(t.app, "GET", "/api/agencies/15/skm-summary?year=2026", provinceUser)).json();
    expect(prov.province.result.respondents).toBeGreaterThanOrEqual(rows.length);
    expect(prov.byAgency.find((g: { key: string }) => g.key === "15.71").result.ikm).toBe(summary.agency.result.ikm);
    // A kab/kota officer does not read the province.
    expect((await call(t.app, "GET", "/api/agencies/15/skm-summary", kspbe)).statusCode).toBe(404);

    const open = await call(t.app, "GET", "/api/public/skm?province=15&year=2026", null);
    expect(open.headers["access-control-allow-origin"]).toBe("*");
    const mine = open.json().surveys.filter((s: { agencyCode: string }) => s.agencyCode === "15.71");
    expect(mine.length).toBe(ids.size);
    expect(mine[0]).toHaveProperty("enough");
    const csv = await call(t.app, "GET", "/api/public/skm?province=15&year=2026&format=csv", null);
    const parsed = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(parsed.length).toBe(open.json().surveys.length);
    expect(Object.keys(parsed[0]!)).toEqual(expect.arrayContaining(["serviceName", "respondents", "ikm", "mutu", "enough"]));
  });
});
