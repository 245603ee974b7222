import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, type EvidenceTestApp } from "../lib/evidence-app";
import { multipartBody, samplePdf } from "../lib/evidence-fixtures";
import { pdfText } from "../lib/pdf-text";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const codes = Array.from({ length: 47 }, (_, i) => String(i + 1));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** A date as the records print it: "7 Desember 2026", in Jakarta. */
const dateId = (iso: string) => new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" }).format(new Date(iso));

// The kop surat of an agency (its settings, logo and who may set them) and the Berita Acara of
// every stage that closes — mandiri, dokumen, interviu, visitasi — and of each review decision,
// issued once in the register and verifiable on the public page.
describe(`kop surat and the Berita Acara of every stage on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let admin: Session, kspbe: Session, pj: Session, entri: Session, pimpinan: Session, province: Session, palembang: Session, external: Session, reviewer: Session;
  let externalEmail: string;
  let id: number;
  let logo: Buffer;
  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: 1024 * 1024 });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null, name?: string, nip?: string) => {
      const u = await makeUser(t.database, role, code, null);
      if (name) await t.database.db.update(users).set({ name, nip }).where(eq(users.id, u.id));
      return { session: await sessionFor(t.database, u.id), email: u.email };
    };
    admin = (await s("administrator", null)).session;
    kspbe = (await s("koordinator_spbe", "15.71", "Budi Hartono", "198001012005011002")).session;
    pj = (await s("penanggung_jawab", "15.71")).session;
    entri = (await s("pelaksana_entri", "15.71")).session;
    pimpinan = (await s("pimpinan", "15.71", "Syarif Fasha", "197505052000031001")).session;
    province = (await s("koordinator_provinsi", "15")).session;
    palembang = (await s("koordinator_spbe", "16.71")).session;
    const e = await s("asesor_eksternal", null, "Siti Aminah", "197703032003122001");
    external = e.session;
    externalEmail = e.email;
    reviewer = (await s("tim_reviu", null, "Dewi Lestari", "198505052010012003")).session;
    await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", withVisit: true, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    id = (await call(t.app, "GET", "/api/periods", kspbe)).json().periods[0].assessments[0].id;
    const { default: QRCode } = await import("qrcode");
    logo = await QRCode.toBuffer("Logo Kota Jambi");
  });
  afterAll(() => t.close());

  const audits = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
  const putLogo = (who: Session, data: Buffer, code = "15.71", name = "logo.png", contentType = "image/png") => {
    const { body, contentType: type } = multipartBody({}, { name, contentType, data });
    return t.app.inject({ method: "PUT", url: `/api/agencies/${code}/letterhead/logo`, headers: { "content-type": type, cookie: who.cookie, "x-csrf-token": who.csrf }, payload: body });
  };
  const get = (url: string, who: Session = kspbe) => t.app.inject({ method: "GET", url, headers: { cookie: who.cookie } });
  const ws = async () => (await call(t.app, "GET", `/api/assessments/${id}`, kspbe)).json();
  const recordAt = async (stage: string) => (await ws()).officialRecords.find((r: { stage: string }) => r.stage === stage)?.at as string;
  /** Checks a document against the public verification endpoint: found by its id, with the SHA-256 of these bytes. */
  const verifies = async (res: Awaited<ReturnType<typeof get>>, title: string) => {
    const v = await t.app.inject({ method: "GET", url: `/api/public/verify/${res.headers["x-document-id"]}` });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ sha256: sha(res.rawPayload), title: expect.stringContaining(title), agency: { code: "15.71" } });
  };

  it("the letterhead: read by the agency, set by its Koordinator SPBE or the province coordinator; another agency 404, another role 403", async () => {
    const url = "/api/agencies/15.71/letterhead";
    const first = await call(t.app, "GET", url, pimpinan);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ address: null, logo: null, defaultSeat: "Jambi", printed: { governmentName: "PEMERINTAH KOTA JAMBI", agencyName: "Pemerintah Kota Jambi", seat: "Jambi", contact: null } });
    const body = { officeName: "Dinas Komunikasi dan Informatika", address: "Jl. Jenderal Basuki Rahmat No. 1, Kota Baru, Jambi 36136", phone: "(0741) 40100", email: "diskominfo@jambikota.go.id", website: "jambikota.go.id" };
    const before = await audits("letterhead.update");
    const saved = await call(t.app, "PUT", url, kspbe, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().printed).toEqual({
      governmentName: "PEMERINTAH KOTA JAMBI",
      agencyName: "Dinas Komunikasi dan Informatika",
      address: body.address,
      contact: "Telepon (0741) 40100, Pos-el diskominfo@jambikota.go.id, Laman jambikota.go.id",
      seat: "Jambi",
    });
    expect(await audits("letterhead.update")).toBe(before + 1);
    // The Koordinator Provinsi sets the kop surat of a kab/kota in its province; an empty field is cleared.
    const byProvince = await call(t.app, "PUT", url, province, { ...body, website: "" });
    expect(byProvince.statusCode).toBe(200);
    expect(byProvince.json().website).toBeNull();
    expect((await call(t.app, "PUT", url, pimpinan, body)).statusCode).toBe(403);
    expect((await call(t.app, "PUT", url, entri, body)).statusCode).toBe(403);
    expect((await call(t.app, "GET", url, palembang)).statusCode).toBe(404);
    expect((await call(t.app, "PUT", url, palembang, body)).statusCode).toBe(404);
    expect((await call(t.app, "GET", url, external)).statusCode).toBe(404);
    const bad = await call(t.app, "PUT", url, kspbe, { email: "bukan surel" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.field).toBe("body.email");
  });

  it("the logo: a PNG or JPEG up to 1 MB, told by its bytes; anything else 400 and nothing stored", async () => {
    const pdf = await putLogo(kspbe, samplePdf(), "15.71", "logo.png");
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json()).toMatchObject({ error: "logo_unsupported_type", details: { field: "file" } });
    // A PNG signature over bytes that are no image: refused, since every later document would fail to draw it.
    const fake = await putLogo(kspbe, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]));
    expect(fake.json().error).toBe("logo_unsupported_type");
    const big = await putLogo(kspbe, Buffer.concat([logo, Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ error: "logo_too_large", details: { field: "file", limitMegabytes: 1 } });
    expect((await putLogo(pimpinan, logo)).statusCode).toBe(403);
    expect((await putLogo(palembang, logo)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/agencies/15.71/letterhead", kspbe)).json().logo).toBeNull();
    expect((await get("/api/agencies/15.71/letterhead/logo")).statusCode).toBe(404);

    const ok = await putLogo(kspbe, logo);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().logo).toEqual({ sha256: sha(logo), contentType: "image/png", size: logo.length });
    const served = await get("/api/agencies/15.71/letterhead/logo", pimpinan);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(logo)).toBe(true);
    expect(await audits("letterhead.logo_set")).toBe(1);
  });

  it("the Berita Acara Penilaian Mandiri carries the kop surat and the seat city before the date; later stages are 409 until they close", async () => {
    for (const c of codes) {
      expect((await call(t.app, "PUT", `/api/assessments/${id}/answers/${c}`, entri, { stage: "mandiri", version: 0, level: Number(c) >= 32 ? 3 : 4, explanation: `Level untuk indikator ${c}` })).statusCode).toBe(200);
      expect((await call(t.app, "POST", `/api/assessments/${id}/answers/${c}/verify`, pj, { verified: true, version: 1 })).statusCode).toBe(200);
    }
    expect((await get(`/api/assessments/${id}/berita-acara.pdf?stage=dokumen`)).json().error).toBe("stage_not_closed");
    expect((await call(t.app, "POST", `/api/assessments/${id}/submit`, kspbe, { note: "Disampaikan" })).statusCode).toBe(200);
    const res = await get(`/api/assessments/${id}/berita-acara.pdf`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    for (const s of ["PEMERINTAH KOTA JAMBI", "Dinas Komunikasi dan Informatika", "Jl. Jenderal Basuki Rahmat No. 1", "Pos-el diskominfo@jambikota.go.id", "BERITA ACARA PENILAIAN MANDIRI", "Nomor: 1/BA-PM/15.71/2026", `Jambi, ${dateId(await recordAt("mandiri"))}`, "(Budi Hartono)", "NIP. 198001012005011002", "(Syarif Fasha)", "NIP. 197505052000031001"]) expect(text, s).toContain(s);
    expect(text).toMatch(/Halaman 1 dari \d+/);
    await verifies(res, "Berita Acara Penilaian Mandiri");
    expect((await get(`/api/assessments/${id}/berita-acara.pdf?stage=dokumen`)).json()).toMatchObject({ error: "stage_not_closed", details: { stage: "dokumen" } });
    expect((await get(`/api/assessments/${id}/berita-acara-reviu.pdf`)).json().error).toBe("stage_not_closed");
    expect((await get(`/api/assessments/${id}/berita-acara.pdf?stage=final`)).statusCode).toBe(400);
  }, 180_000);

  it("each closed external stage has its record, signed by the Koordinator SPBE and the assigned assessors; issued once, the same bytes after the kop surat changes", async () => {
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, admin, { email: externalEmail, role: "asesor_eksternal" })).statusCode).toBe(204);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, { note: "Penilaian dokumen selesai, bukti lengkap" })).json().stage).toBe("interviu");
    const url = `/api/assessments/${id}/berita-acara.pdf?stage=dokumen`;
    const before = await audits("document.issue");
    const res = await get(url, pimpinan);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/filename="berita-acara-penilaian-dokumen-15\.71-2026\.pdf"/);
    const text = pdfText(res.rawPayload);
    for (const s of [
      "PEMERINTAH KOTA JAMBI",
      "Jl. Jenderal Basuki Rahmat No. 1",
      "BERITA ACARA PENILAIAN DOKUMEN",
      "Nomor: 1/BA-DOK/15.71/2026",
      "Penilaian dokumen selesai, bukti lengkap",
      `Jambi, ${dateId(await recordAt("dokumen"))}`,
      "Koordinator SPBE",
      "(Budi Hartono)",
      "NIP. 198001012005011002",
      "Asesor Eksternal",
      "(Siti Aminah)",
      "NIP. 197703032003122001",
      "Indeks SPBE: 3,55",
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain("Pimpinan Instansi");
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)![1]);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    await verifies(res, "Berita Acara Penilaian Dokumen");
    expect(await audits("document.issue")).toBe(before + 1);

    // The kop surat, the logo and a profile change after the issue: the issued document stays as it was.
    await call(t.app, "PUT", "/api/agencies/15.71/letterhead", kspbe, { address: "Alamat baru", seat: "Telanaipura" });
    expect((await call(t.app, "DELETE", "/api/agencies/15.71/letterhead/logo", kspbe)).statusCode).toBe(200);
    await t.database.db.update(users).set({ nip: "199912312020121001" }).where(eq(users.name, "Siti Aminah"));
    const again = await get(url);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    expect(again.headers["x-document-id"]).toBe(res.headers["x-document-id"]);
    expect(await audits("document.issue")).toBe(before + 1);

    // The interview closes: its record is a new kind with its own number, with the kop surat as it is now.
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, {})).json().stage).toBe("visitasi");
    const interview = await get(`/api/assessments/${id}/berita-acara.pdf?stage=interviu`);
    expect(interview.statusCode).toBe(200);
    const it2 = pdfText(interview.rawPayload);
    expect(it2).toContain("BERITA ACARA PENILAIAN INTERVIU");
    expect(it2).toContain("Nomor: 1/BA-INT/15.71/2026");
    expect(it2).toContain("Alamat baru");
    expect(it2).toContain(`Telanaipura, ${dateId(await recordAt("interviu"))}`);
    expect(it2).toContain("NIP. 199912312020121001");
    await verifies(interview, "Berita Acara Penilaian Interviu");
    // The last stage closes only when the review team finds it valid.
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, { note: "Visitasi selesai" })).json()).toEqual({ stage: "visitasi", reviewStatus: "pending" });
    expect((await get(`/api/assessments/${id}/berita-acara.pdf?stage=visitasi`)).json().error).toBe("stage_not_closed");
  });

  it("each review decision has its record: Tidak Valid with the note, then Valid; each issued once and verifiable", async () => {
    const url = `/api/assessments/${id}/berita-acara-reviu.pdf`;
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviewer, { decision: "tidak_valid", notes: "Indikator 13: bukti integrasi anggaran belum cukup untuk level 4" })).statusCode).toBe(200);
    const returned = await get(url);
    expect(returned.statusCode).toBe(200);
    const rt = pdfText(returned.rawPayload);
    for (const s of ["BERITA ACARA REVIU HASIL EVALUASI", "TIDAK VALID", "Indikator 13: bukti integrasi anggaran belum cukup untuk level 4", "Tim Reviu", "(Dewi Lestari)", "NIP. 198505052010012003", "Nomor: 1/BA-REV/15.71/2026"]) expect(rt, s).toContain(s);
    expect(rt).not.toContain("Predikat");
    expect((await ws()).officialRecords.find((r: { stage: string }) => r.stage === "reviu")).toMatchObject({ decision: "tidak_valid" });

    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, external, { note: "Sudah diperbaiki" })).json().reviewStatus).toBe("pending");
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviewer, { decision: "valid", notes: "Hasil evaluasi valid" })).json().stage).toBe("final");
    const valid = await get(url, pimpinan);
    const vt = pdfText(valid.rawPayload);
    for (const s of ["BERITA ACARA REVIU HASIL EVALUASI", "VALID", "Hasil evaluasi valid", "(Dewi Lestari)", "Nomor: 2/BA-REV/15.71/2026", "Predikat: Sangat Baik", `Telanaipura, ${dateId(await recordAt("reviu"))}`]) expect(vt, s).toContain(s);
    expect(vt).not.toContain("TIDAK VALID");
    expect(valid.headers["x-document-id"]).not.toBe(returned.headers["x-document-id"]);
    await verifies(valid, "Berita Acara Reviu");
    await verifies(returned, "Berita Acara Reviu");
    expect((await get(url)).rawPayload.equals(valid.rawPayload)).toBe(true);

    // The visit closed with the Valid decision.
    const visit = await get(`/api/assessments/${id}/berita-acara.pdf?stage=visitasi`);
    expect(visit.statusCode).toBe(200);
    expect(pdfText(visit.rawPayload)).toContain("BERITA ACARA PENILAIAN VISITASI");
    expect(pdfText(visit.rawPayload)).not.toContain("Hasil evaluasi valid"); // the reviewers' note is on the review's record
    await verifies(visit, "Berita Acara Penilaian Visitasi");
    expect((await ws()).officialRecords.map((r: { stage: string }) => r.stage)).toEqual(["mandiri", "dokumen", "interviu", "visitasi", "reviu"]);
    // Another agency does not reach the records; a forged id is not found.
    expect((await get(url, palembang)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/public/verify/AAAAAAAAAAAAAAAAAAAA" })).statusCode).toBe(404);
  });
});
