import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { samplePdf } from "../lib/evidence-fixtures";
import { pdfText } from "../lib/pdf-text";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const codes = Array.from({ length: 47 }, (_, i) => String(i + 1));

// The end of the self-assessment: evidence per indicator in the workspace, the sectoral services
// of indicators 45–47, verification that a changed answer loses, and the Berita Acara on submit.
describe(`completing the self-assessment on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let admin: Session, kspbe: Session, pj: Session, entri: Session, pimpinan: Session, palembang: Session;
  let id: number;
  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: 1024 * 1024 });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null, name?: string, nip?: string) => {
      const u = await makeUser(t.database, role, code, null);
      if (name) await t.database.db.update(users).set({ name, nip }).where(eq(users.id, u.id));
      return sessionFor(t.database, u.id);
    };
    admin = await s("administrator", null);
    kspbe = await s("koordinator_spbe", "15.71", "Budi Hartono", "198001012005011002");
    pj = await s("penanggung_jawab", "15.71");
    entri = await s("pelaksana_entri", "15.71");
    pimpinan = await s("pimpinan", "15.71", "Syarif Fasha", "197505052000031001");
    palembang = await s("koordinator_spbe", "16.71");
    await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.71", "16.71"] });
    id = (await call(t.app, "GET", "/api/periods", kspbe)).json().periods[0].assessments[0].id;
  });
  afterAll(() => t.close());

  const ws = async (who: Session = kspbe) => (await call(t.app, "GET", `/api/assessments/${id}`, who)).json();
  const mandiri = async (code: string) => (await ws()).indicators.find((i: { code: string }) => i.code === code).answers.mandiri;
  const put = (who: Session, code: string, version: number, level: number, explanation = `Level ${level} untuk indikator ${code}`) =>
    call(t.app, "PUT", `/api/assessments/${id}/answers/${code}`, who, { stage: "mandiri", version, level, explanation });
  const audits = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;

  it("shows linked evidence per indicator in the workspace, with its age flag, and counts indicators with evidence", async () => {
    const up = await upload(t.app, "/api/agencies/15.71/evidence", entri, { title: "Perwal Arsitektur SPBE", documentNumber: "Perwal 12/2021", reviewDate: "2021-01-04" }, { name: "perwal.pdf", contentType: "application/pdf", data: samplePdf() });
    expect(up.statusCode).toBe(201);
    const evidenceId = up.json().id;
    expect((await call(t.app, "POST", `/api/assessments/${id}/answers/1/evidence`, entri, { evidenceId })).statusCode).toBe(201);
    expect((await call(t.app, "POST", `/api/assessments/${id}/answers/2/evidence`, entri, { evidenceId })).statusCode).toBe(201);
    const w = await ws(pimpinan);
    const one = w.indicators.find((i: { code: string }) => i.code === "1");
    expect(one.evidence).toHaveLength(1);
    expect(one.evidence[0]).toMatchObject({ id: evidenceId, title: "Perwal Arsitektur SPBE", tooOld: true, linkCount: 2 });
    expect(w.indicators.filter((i: { evidence: unknown[] }) => i.evidence.length > 0).map((i: { code: string }) => i.code)).toEqual(["1", "2"]);
    expect(w.abilities).toMatchObject({ uploadEvidence: false, answer: false });
    expect((await ws(entri)).abilities).toMatchObject({ uploadEvidence: true, answer: true, nameSectoralServices: false });
    // The library list says whether the reader may upload.
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence", pimpinan)).json().abilities).toEqual({ upload: false });
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence", entri)).json().abilities).toEqual({ upload: true });
  });

  it("edits evidence metadata without a new file, audited; bad input 400, another agency 404", async () => {
    const list = (await call(t.app, "GET", "/api/agencies/15.71/evidence", entri)).json();
    const e = list.evidence[0];
    const before = await audits("evidence.update");
    const r = await call(t.app, "PATCH", `/api/agencies/15.71/evidence/${e.id}`, entri, { reviewDate: "2026-01-15", documentNumber: "Perwal 12/2021 (perubahan)" });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ reviewDate: "2026-01-15", tooOld: false, documentNumber: "Perwal 12/2021 (perubahan)", versionCount: 1 });
    expect(await audits("evidence.update")).toBe(before + 1);
    expect((await call(t.app, "PATCH", `/api/agencies/15.71/evidence/${e.id}`, entri, {})).statusCode).toBe(400);
    expect((await call(t.app, "PATCH", `/api/agencies/15.71/evidence/${e.id}`, entri, { reviewDate: "15-01-2026" })).statusCode).toBe(400);
    expect((await call(t.app, "PATCH", `/api/agencies/15.71/evidence/${e.id}`, pimpinan, { title: "Diubah pimpinan" })).statusCode).toBe(403);
    expect((await call(t.app, "PATCH", `/api/agencies/15.71/evidence/${e.id}`, palembang, { title: "Diubah Palembang" })).statusCode).toBe(404);
    expect((await call(t.app, "PATCH", `/api/agencies/16.71/evidence/${e.id}`, palembang, { title: "Lewat instansi sendiri" })).statusCode).toBe(404);
  });

  it("the Koordinator SPBE names the sectoral services of indicators 45–47; others may only read them", async () => {
    const url = `/api/assessments/${id}/sectoral-services`;
    expect((await call(t.app, "GET", url, pimpinan)).json()).toEqual({ indicators: ["45", "46", "47"], services: [] });
    const services = [
      { indicatorCode: "46", name: "Layanan Perizinan Berusaha Daring", unitName: "DPMPTSP Kota Jambi" },
      { indicatorCode: "45", name: "Layanan Administrasi Kependudukan", unitName: "Dinas Dukcapil" },
    ];
    const before = await audits("sectoral_services.save");
    const saved = await call(t.app, "PUT", url, kspbe, { services });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().services.map((s: { indicatorCode: string }) => s.indicatorCode)).toEqual(["45", "46"]);
    expect(await audits("sectoral_services.save")).toBe(before + 1);
    expect((await call(t.app, "PUT", url, entri, { services })).statusCode).toBe(403);
    expect((await call(t.app, "PUT", url, palembang, { services })).statusCode).toBe(404);
    expect((await call(t.app, "PUT", url, kspbe, { services: [{ indicatorCode: "12", name: "Bukan layanan sektoral", unitName: "Diskominfo" }] })).json().message).toContain("not a sectoral service indicator");
    expect((await call(t.app, "PUT", url, kspbe, { services: [services[0], services[0]] })).statusCode).toBe(400);
    expect((await call(t.app, "PUT", url, kspbe, { services: [{ indicatorCode: "47", name: "x", unitName: "Diskominfo" }] })).statusCode).toBe(400);
    const w = await ws(pimpinan);
    expect(w.sectoralServices.services).toEqual(saved.json().services);
  });

  it("a save that changes the level or explanation clears the verification; verifying does not make the editor's next save a 409", async () => {
    expect((await put(entri, "3", 0, 2)).statusCode).toBe(200);
    const a = await mandiri("3");
    const verified = await call(t.app, "POST", `/api/assessments/${id}/answers/3/verify`, pj, { verified: true, version: a.version });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ verified: true, version: a.version });
    // The editor still holds the version they saved: saving the same answer again is no conflict and keeps the flag.
    const same = await put(entri, "3", a.version, 2);
    expect(same.statusCode).toBe(200);
    expect(same.json().verified).toBe(true);
    // A new level loses the verification.
    const changed = await put(entri, "3", same.json().version, 3);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().verified).toBe(false);
    // So does a new explanation.
    await call(t.app, "POST", `/api/assessments/${id}/answers/3/verify`, pj, { verified: true, version: changed.json().version });
    const explained = await put(entri, "3", changed.json().version, 3, "Penjelasan yang diperbaiki");
    expect(explained.json().verified).toBe(false);
    // The Penanggung Jawab verifying an answer they did not see is still refused.
    expect((await call(t.app, "POST", `/api/assessments/${id}/answers/3/verify`, pj, { verified: true, version: changed.json().version })).statusCode).toBe(409);
  });

  it("has no Berita Acara before submission; after it, a PDF with the agency, levels, index, services and signatures", async () => {
    const url = `/api/assessments/${id}/berita-acara.pdf`;
    expect((await call(t.app, "GET", url, kspbe)).json().error).toBe("not_submitted");
    for (const c of codes) {
      const v = (await mandiri(c))?.version ?? 0;
      expect((await put(entri, c, v, Number(c) >= 32 ? 3 : 4)).statusCode).toBe(200);
      const now = await mandiri(c);
      expect((await call(t.app, "POST", `/api/assessments/${id}/answers/${c}/verify`, pj, { verified: true, version: now.version })).statusCode).toBe(200);
    }
    expect((await ws()).officialRecord).toBeNull();
    expect((await call(t.app, "POST", `/api/assessments/${id}/submit`, kspbe, { note: "Disampaikan" })).statusCode).toBe(200);
    const w = await ws(pimpinan);
    expect(w.officialRecord?.submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Once submitted, the services are locked with the rest of the self-assessment.
    expect((await call(t.app, "PUT", `/api/assessments/${id}/sectoral-services`, kspbe, { services: [] })).statusCode).toBe(403);

    // Two first downloads at once issue one document: one number, one id, the same bytes.
    const [res, twin] = await Promise.all([t.app.inject({ method: "GET", url, headers: { cookie: pimpinan.cookie } }), t.app.inject({ method: "GET", url, headers: { cookie: kspbe.cookie } })]);
    expect(res.statusCode).toBe(200);
    expect(twin.statusCode).toBe(200);
    expect(twin.rawPayload.equals(res.rawPayload)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="berita-acara-penilaian-mandiri-15\.71-2026\.pdf"/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    // (54.5 × 4 + 45.5 × 3) / 100 = 3.545 → 3,55 (Indonesian decimal comma), Sangat Baik.
    expect(text).toContain("Kota Jambi");
    expect(text).toContain("Indeks SPBE: 3,55");
    expect(text).toContain("Nilai eksak: 3,5450");
    expect(text).toContain("Predikat: Sangat Baik");
    expect(text).toContain("Layanan Administrasi Kependudukan");
    expect(text).toContain("Dinas Dukcapil");
    expect(text).toContain("Koordinator SPBE");
    expect(text).toContain("(Budi Hartono)");
    expect(text).toContain("Pimpinan Instansi");
    expect(text).toContain("Domain: Kebijakan Internal SPBE");
    expect(text).toContain("Aspek: Kebijakan Internal Tata Kelola SPBE");
    // An official document: page numbers, the signatories' NIP, a number from the default pattern.
    expect(text).toMatch(/Halaman 1 dari \d+/);
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    expect(text).toContain("NIP. 198001012005011002");
    expect(text).toContain("(Syarif Fasha)");
    expect(text).toContain("NIP. 197505052000031001");
    expect(text).toContain("Nomor: 1/BA-PM/15.71/2026");
    // Generated from the submitted snapshot: the same bytes every time, even after a profile changes.
    await t.database.db.update(users).set({ nip: "199912312020121001" }).where(eq(users.name, "Budi Hartono"));
    const again = await t.app.inject({ method: "GET", url, headers: { cookie: kspbe.cookie } });
    expect(again.rawPayload.equals(pdf)).toBe(true);
    expect(await audits("document.issue")).toBe(1);

    // The verification page finds the document by the id printed (and QR-encoded) in it.
    const printed = /\/verifikasi\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(printed).toBeTruthy();
    expect(res.headers["x-document-id"]).toBe(printed);
    const verified = await t.app.inject({ method: "GET", url: `/api/public/verify/${printed}` });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      id: printed,
      title: "Berita Acara Penilaian Mandiri Evaluasi SPBE 2026",
      agency: { code: "15.71", name: "Pemerintah Kota Jambi" },
      number: "1/BA-PM/15.71/2026",
      sha256: createHash("sha256").update(pdf).digest("hex"),
    });
    expect(verified.json().documentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A forged id (changed by one character, or made up) is not found.
    const forged = printed!.slice(0, -1) + (printed!.endsWith("A") ? "B" : "A");
    const notFound = await t.app.inject({ method: "GET", url: `/api/public/verify/${forged}` });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().error).toBe("not_found");
    expect((await t.app.inject({ method: "GET", url: "/api/public/verify/..%2F1" })).statusCode).toBe(404);
    // Another agency's coordinator does not see it.
    expect((await call(t.app, "GET", url, palembang)).statusCode).toBe(404);
  });
});
