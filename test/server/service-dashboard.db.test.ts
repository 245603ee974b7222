import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeIkm, SKM_ELEMENT_CODES } from "../../src/core";
import { answerEvidence, applications, auditEvents, citizens, evidence, evidenceVersions, formVersions, publicServices } from "../../src/db/schema";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { createPeriod } from "../../src/db/commands/create-period";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
/** WIB wall-clock time → the instant. */
const wib = (dayTime: string) => new Date(`${dayTime}:00+07:00`);
const complaint = (title: string, serviceId: number) => ({ category: "waktu", title, description: "Sudah tiga minggu sejak perekaman, dokumen saya belum juga selesai tanpa penjelasan.", name: "Siti Rahma", email: "siti@example.id", serviceId });
const answers = (v: number[]) => Object.fromEntries(SKM_ELEMENT_CODES.map((c, i) => [c, v[i]]));

describe(`service dashboard and "Simpan sebagai bukti" on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = wib("2026-01-14T10:00");
  let kspbe: Session;
  let petugas: Session;
  let pejabat: Session;
  let otherAgency: Session;
  let provinceCoordinator: Session;
  let provinceKspbe: Session;
  let serviceId: number;
  let cityId: number;
  let surveyId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
    petugas = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    pejabat = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15.71")).id);
    otherAgency = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.72")).id);
    provinceCoordinator = await sessionFor(t.database, (await makeUser(t.database, "koordinator_provinsi", "15")).id);
    provinceKspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15")).id);
    await seedDemoServices(t.database.db);
    cityId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    [{ id: serviceId }] = (await t.database.db.select({ id: publicServices.id }).from(publicServices).where(eq(publicServices.agencyId, cityId)).limit(1)) as [{ id: number }];
  });
  afterAll(() => t.close());

  const dashboard = (who: Session, code = "15.71", query = "year=2026") => call(t.app, "GET", `/api/agencies/${code}/service-dashboard?${query}`, who);
  const service = (body: { agency: { byService: { key: string; figures: unknown }[] } }) => body.agency.byService.find((g) => g.key === String(serviceId))!.figures as Record<string, Record<string, unknown>>;

  it("counts surveys, complaints (SLA kept, missed, overdue on an injected clock) and applications of seeded data", async () => {
    // A survey with two respondents, population 100: IKM from the core, below the minimum.
    const created = await call(t.app, "POST", "/api/agencies/15.71/surveys", kspbe, { serviceId, title: "SKM 2026", periodStart: "2026-01-01", periodEnd: "2026-12-31", population: 100, counters: [] });
    surveyId = created.json().survey.id as number;
    expect((await call(t.app, "POST", `/api/agencies/15.71/surveys/${surveyId}/open`, kspbe)).statusCode).toBe(200);
    const rows = [
      [4, 4, 3, 4, 3, 4, 4, 3, 2],
      [3, 3, 3, 4, 3, 3, 4, 3, 3],
    ];
    for (const [i, r] of rows.entries()) expect((await call(t.app, "POST", `/api/public/surveys/${surveyId}/responses`, null, { answers: answers(r), deviceToken: `perangkat-dasbor-${i}` })).statusCode).toBe(201);
    const expected = computeIkm(rows, { population: 100 });

    // Three complaints filed on Wednesday 14 January (verification due Tuesday 20: Friday 16 is a holiday).
    const file = async (title: string) => (await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint(title, serviceId))).json() as { trackingNumber: string; checkValue: string };
    const filed = [await file("Pengaduan tepat waktu"), await file("Pengaduan terlambat"), await file("Pengaduan belum ditangani")];
    const inbox = (await call(t.app, "GET", "/api/agencies/15.71/complaints", petugas)).json().complaints as { id: number; trackingNumber: string }[];
    const idOf = (n: number) => inbox.find((c) => c.trackingNumber === filed[n]!.trackingNumber)!.id;
    const act = (n: number, who: Session, body: Record<string, unknown>) => call(t.app, "POST", `/api/agencies/15.71/complaints/${idOf(n)}/actions`, who, body);
    const finish = async (n: number) => {
      expect((await act(n, petugas, { action: "verify" })).statusCode).toBe(200);
      expect((await act(n, pejabat, { action: "claim" })).statusCode).toBe(200);
      expect((await act(n, pejabat, { action: "post_answer", answer: "Dokumen Anda sudah selesai dan dapat diambil." })).statusCode).toBe(200);
      const done = await call(t.app, "POST", "/api/public/complaints/track/actions", null, { trackingNumber: filed[n]!.trackingNumber, checkValue: filed[n]!.checkValue, action: "accept_answer" });
      expect(done.json().state).toBe("finished");
    };
    clock = wib("2026-01-15T09:00");
    await finish(0);
    clock = wib("2026-01-19T09:00");
    let d = (await dashboard(kspbe)).json();
    expect(d.agency.figures.complaints).toEqual({ received: 3, closed: 1, closedWithinDeadline: 1, slaCompliance: 100, open: 2, overdue: 0 });
    clock = wib("2026-01-22T09:00"); // verification of the second one is two working days late
    await finish(1);

    // Applications: one closed on time, one late, one open past its deadline.
    const [{ id: formVersionId }] = (await t.database.db.insert(formVersions).values({ agencyId: cityId, formId: "uji-dasbor", version: 1, status: "published", serviceId, definition: {} }).returning({ id: formVersions.id })) as [{ id: number }];
    const [{ id: citizenId }] = (await t.database.db.insert(citizens).values({ email: "dasbor@example.id" }).returning({ id: citizens.id })) as [{ id: string }];
    const app = (state: string, terminal: boolean, submittedAt: string, closedAt: string | null, caseDeadline: string) => ({ agencyId: cityId, serviceId, formVersionId, citizenId, workflowId: "uji", workflowVersion: 1, state, terminal, submittedAt: wib(submittedAt), closedAt: closedAt ? wib(closedAt) : null, caseDeadline });
    await t.database.db.insert(applications).values([
      app("approved", true, "2026-01-05T10:00", "2026-01-08T10:00", "2026-01-10"),
      app("rejected", true, "2026-01-05T10:00", "2026-01-20T10:00", "2026-01-12"),
      app("verification", false, "2026-01-06T10:00", null, "2026-01-16"),
      { ...app("draft", false, "2026-01-06T10:00", null, "2026-01-16"), submittedAt: null },
    ]);

    clock = wib("2026-01-23T09:00");
    const res = await dashboard(petugas);
    expect(res.statusCode, res.body).toBe(200);
    d = res.json();
    expect(d.asOf).toBe("2026-01-23");
    expect(d.agency.figures.complaints).toEqual({ received: 3, closed: 2, closedWithinDeadline: 1, slaCompliance: 50, open: 1, overdue: 1 });
    expect(d.agency.figures.surveys).toMatchObject({ surveys: 1, respondents: 2, ikm: expected.ikm, mutu: expected.mutu, minimumRespondents: expected.minimumRespondents, enough: false });
    expect(d.agency.figures.applications).toEqual({ submitted: 3, closed: 2, closedOnTime: 1, slaCompliance: 50, medianDays: 9, open: 1, overdue: 1 });
    expect(service(d).complaints).toMatchObject({ received: 3, overdue: 1 });
    expect(d.agency.trend).toHaveLength(4);
    expect(d.agency.trend[0]).toMatchObject({ period: "2026-Q1", respondents: 2, ikm: expected.ikm, complaints: 3, applications: 3 });
    expect(d.agency.trend[1]).toMatchObject({ period: "2026-Q2", respondents: 0, ikm: null, complaints: 0 });
    expect((await dashboard(petugas, "15.71", "year=2026&granularity=month")).json().agency.trend.map((p: { period: string }) => p.period)).toHaveLength(12);
    // Another year has none of it.
    expect((await dashboard(petugas, "15.71", "year=2025")).json().agency.figures.complaints.received).toBe(0);
  });

  it("answers 404 to another agency and 400 to a bad year; the province team sees the province with its kab/kota", async () => {
    expect((await dashboard(otherAgency)).statusCode).toBe(404);
    expect((await dashboard(kspbe, "99.99")).statusCode).toBe(404);
    expect((await dashboard(kspbe, "15.71", "year=20x6")).statusCode).toBe(400);
    expect((await call(t.app, "GET", "/api/agencies/15.71/service-dashboard", null)).statusCode).toBe(401);
    expect((await dashboard(kspbe, "15")).statusCode).toBe(404);
    const own = (await dashboard(provinceKspbe, "15")).json();
    expect(own.province).toBeNull();
    const prov = await dashboard(provinceCoordinator, "15");
    expect(prov.statusCode, prov.body).toBe(200);
    expect(prov.json().province.figures.complaints.received).toBe(3);
    expect(prov.json().province.byAgency.find((g: { key: string }) => g.key === "15.71").figures.applications.submitted).toBe(3);
    // The coordinator reads a kab/kota of the province too.
    expect((await dashboard(provinceCoordinator, "15.71")).statusCode).toBe(200);
  });

  it("saves the dashboard as evidence once, links it to the Pemdi service indicators, deduplicates a second save, refuses others", async () => {
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi Pemdi 2026", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "pemdi-2026", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [cityId] });
    expect(periodId).toBeGreaterThan(0);
    const count = async () => ({
      evidence: (await t.database.db.select().from(evidence).where(eq(evidence.agencyId, cityId))).length,
      versions: (await t.database.db.select().from(evidenceVersions).where(eq(evidenceVersions.agencyId, cityId))).length,
      uploads: (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "evidence.upload"))).length,
      links: (await t.database.db.select().from(answerEvidence)).length,
    });
    const before = await count();
    const save = (who: Session) => call(t.app, "POST", "/api/agencies/15.71/service-dashboard/evidence", who, { year: 2026 });

    expect((await save(pejabat)).statusCode).toBe(403);
    expect((await save(otherAgency)).statusCode).toBe(404);
    expect(await count()).toEqual(before);

    const first = await save(kspbe);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ deduplicated: false, title: "Bukti dari Pandu: Kepuasan dan pengaduan layanan 2026", documentDate: "2026-01-23", notLinked: null });
    expect(first.json().links.map((l: { indicatorCode: string }) => l.indicatorCode).sort()).toEqual(["15", "17", "19", "20"]);
    expect(await count()).toEqual({ evidence: before.evidence + 1, versions: before.versions + 1, uploads: before.uploads + 1, links: before.links + 4 });

    const second = await save(kspbe);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ deduplicated: true, evidenceId: first.json().evidenceId });
    expect(second.json().links.every((l: { created: boolean }) => !l.created)).toBe(true);
    expect(await count()).toEqual({ evidence: before.evidence + 1, versions: before.versions + 1, uploads: before.uploads + 1, links: before.links + 4 });

    // The library shows it with its date; the file is the dashboard's CSV.
    const library = (await call(t.app, "GET", "/api/agencies/15.71/evidence", kspbe)).json();
    const item = (library.evidence ?? library.items).find((e: { id: number }) => e.id === first.json().evidenceId);
    expect(item).toMatchObject({ title: "Bukti dari Pandu: Kepuasan dan pengaduan layanan 2026", documentDate: "2026-01-23" });
    const file = await t.app.inject({ method: "GET", url: `/api/agencies/15.71/evidence/${first.json().evidenceId}/file`, headers: { cookie: kspbe.cookie } });
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Dasbor layanan publik");
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(["Instansi", "15.71", 3, 2, 1, 50]));

    // A closed stage: saved in the library only, and said so.
    clock = wib("2026-01-24T09:00");
    const { assessments } = await import("../../src/db/schema");
    await t.database.db.update(assessments).set({ stage: "final" }).where(eq(assessments.periodId, periodId));
    const later = await save(kspbe);
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ deduplicated: false, links: [], notLinked: "stage_closed" });
  });
  it("issues the published SKM report (PDF with kop surat, number, NRR per element, minimum, follow-up, QR that verifies), its open data, and saves it as evidence once", async () => {
    clock = wib("2026-01-26T09:00");
    const url = `/api/agencies/15.71/surveys/${surveyId}/report.pdf`;
    const res = await t.app.inject({ method: "GET", url, headers: { cookie: petugas.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: res.rawPayload, encoding: "utf8" });
    expect(text).toContain("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT");
    expect(text).toMatch(/Nomor: \d+\/LAP-SKM\/15\.71\/2026/);
    expect(text).toMatch(/U1\s+Persyaratan\s+3,5000\s+87,50/);
    expect(text).toContain("Belum memenuhi jumlah minimum responden");
    expect(text).toContain("Rencana tindak lanjut unsur terendah");
    expect(text).toMatch(/NIP\./);
    const printed = /\/verifikasi\/([A-Za-z0-9_-]+)/.exec(text)![1];
    const verified = (await t.app.inject({ method: "GET", url: `/api/public/verify/${printed}` })).json();
    expect(verified).toMatchObject({ kind: "laporan-skm", agency: { code: "15.71" }, sha256: createHash("sha256").update(res.rawPayload).digest("hex") });
    // The same figures: the same document and bytes.
    expect((await t.app.inject({ method: "GET", url, headers: { cookie: kspbe.cookie } })).rawPayload.equals(res.rawPayload)).toBe(true);
    expect((await call(t.app, "GET", url, otherAgency)).statusCode).toBe(404);

    const open = await call(t.app, "GET", `/api/public/skm/surveys/${surveyId}/report`, null);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ agency: { code: "15.71" }, result: { respondents: 2, enough: false }, elements: expect.arrayContaining([{ code: "U1", name: "Persyaratan", nrr: 3.5, nrrConverted: 87.5 }]) });
    expect(open.json().followUps.length).toBeGreaterThan(0);

    const before = (await t.database.db.select().from(evidence).where(eq(evidence.agencyId, cityId))).length;
    const saveUrl = `/api/agencies/15.71/surveys/${surveyId}/report/evidence`;
    expect((await call(t.app, "POST", saveUrl, pejabat)).statusCode).toBe(403);
    const saved = await call(t.app, "POST", saveUrl, kspbe);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().title).toMatch(/^Bukti dari Pandu: Laporan SKM /);
    const again = await call(t.app, "POST", saveUrl, kspbe);
    expect(again.json()).toMatchObject({ deduplicated: true, evidenceId: saved.json().evidenceId });
    expect((await t.database.db.select().from(evidence).where(eq(evidence.agencyId, cityId))).length).toBe(before + 1);
    const stored = await t.app.inject({ method: "GET", url: `/api/agencies/15.71/evidence/${saved.json().evidenceId}/file`, headers: { cookie: kspbe.cookie } });
    expect(stored.rawPayload.equals(res.rawPayload)).toBe(true);
  });
});
