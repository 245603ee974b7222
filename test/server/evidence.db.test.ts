import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditEvents, evidence, evidenceVersions } from "../../src/db/schema";
import { createApiToken } from "../../src/db/commands/api-tokens";
import { createPeriod } from "../../src/db/commands/create-period";
import { assignToAssessment } from "../../src/db/commands/assign";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { evidenceCountsByIndicator } from "../../src/db/queries/evidence";
import type { LocalEvidenceStorage } from "../../src/lib/storage";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { multipartBody, multipartPieces, sampleDocx, sampleExe, sampleJpeg, sampleMp4, samplePdf, samplePng, sha256 } from "../lib/evidence-fixtures";

const MAX = 256 * 1024;
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
type Session = Awaited<ReturnType<typeof sessionFor>>;

describe(`evidence library on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let root: string;
  let entry: Session; // pelaksana entri of Kota Jambi (15.71)
  let pimpinan: Session;
  let reviu: Session;
  let prov: Session;
  let palembang: Session; // koordinator SPBE of Kota Palembang (16.71)

  const rowCount = async () => (await t.database.db.select({ n: count() }).from(evidence))[0]!.n;
  const blobs = async (agency = "15.71") => (await readdir(path.join(root, agency)).catch(() => [] as string[])).sort();
  const auditActions = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
  const pdfFile = (data = samplePdf(), name = "1.a.Perwal-12-2023.pdf") => ({ name, contentType: "application/pdf", data });

  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: MAX });
    root = (t.storage as LocalEvidenceStorage).root;
    entry = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    pimpinan = await sessionFor(t.database, (await makeUser(t.database, "pimpinan", "15.71", null)).id);
    reviu = await sessionFor(t.database, (await makeUser(t.database, "tim_reviu", null, null)).id);
    prov = await sessionFor(t.database, (await makeUser(t.database, "koordinator_provinsi", "15", null)).id);
    palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
  });
  afterAll(() => t.close());

  it("stores an uploaded PDF with its metadata and SHA-256, and flags a review two years old", async () => {
    const pdf = samplePdf();
    const fields = { title: "Peraturan Wali Kota tentang Arsitektur SPBE", documentNumber: "Perwal No. 12 Tahun 2023", documentDate: "2023-03-01", reviewDate: "2020-05-10" };
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, fields, pdfFile(pdf));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ ...fields, tooOld: true, deduplicated: false, fileType: "pdf", contentType: "application/pdf", size: pdf.length, sha256: sha256(pdf), fileName: "1.a.Perwal-12-2023.pdf", versionCount: 1, linkCount: 0 });
    expect(body.versions).toEqual([expect.objectContaining({ version: 1, sha256: sha256(pdf), uploadedBy: "Uji pelaksana_entri" })]);
    expect(JSON.stringify(body)).not.toMatch(/storage|15\.71\/|[\\/]tmp[\\/]/);
    expect(await blobs()).toContain(sha256(pdf));
    expect(await t.tempFiles()).toEqual([]);
    expect(await auditActions("evidence.upload")).toBe(1);

    const fresh = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Reviu Arsitektur SPBE", reviewDate: "2099-01-01", documentNumber: "" }, pdfFile());
    expect(fresh.json()).toMatchObject({ tooOld: false, documentNumber: null, documentDate: null });
  });

  it("refuses bad fields, a missing file and non-multipart bodies, storing nothing", async () => {
    const before = await rowCount();
    const cases: [Record<string, string>, boolean, number, RegExp][] = [
      [{}, true, 400, /^title: /],
      [{ title: "Dokumen", reviewDate: "10-05-2020" }, true, 400, /^reviewDate: /],
      [{ title: "Dokumen tanpa berkas" }, false, 400, /^file: missing/],
    ];
    for (const [fields, withFile, status, message] of cases) {
      const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, fields, withFile ? pdfFile() : null);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(message);
    }
    const headers = { cookie: entry.cookie, "x-csrf-token": entry.csrf };
    const noBoundary = await t.app.inject({ method: "POST", url: "/api/agencies/15.71/evidence", headers: { ...headers, "content-type": "multipart/form-data" }, payload: "x" });
    expect(noBoundary.statusCode).toBe(400);
    const pieces = multipartPieces({ title: "Badan permintaan terpotong" }, { name: "a.pdf", contentType: "application/pdf" });
    const truncated = await t.app.inject({ method: "POST", url: "/api/agencies/15.71/evidence", headers: { ...headers, "content-type": pieces.contentType }, payload: Buffer.concat([pieces.head, samplePdf()]) });
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().error).toBe("upload_interrupted");
    const json = await call(t.app, "POST", "/api/agencies/15.71/evidence", entry, { title: "JSON bukan multipart" });
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toBe("unsupported_media_type");
    expect(await rowCount()).toBe(before);
    expect(await t.tempFiles()).toEqual([]);
  });

  it("answers 413 above the size limit and leaves no row, blob or temporary file", async () => {
    const before = { rows: await rowCount(), blobs: await blobs() };
    const atLimit = Buffer.concat([samplePdf(), Buffer.alloc(MAX)]).subarray(0, MAX);
    expect((await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Tepat di batas" }, pdfFile(atLimit))).statusCode).toBe(201);
    const tooBig = Buffer.concat([samplePdf(), Buffer.alloc(MAX)]).subarray(0, MAX + 1);
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Terlalu besar" }, pdfFile(tooBig));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: "payload_too_large" });
    expect(await rowCount()).toBe(before.rows + 1);
    expect(await blobs()).toEqual([...before.blobs, sha256(atLimit)].sort());
    expect(await blobs()).not.toContain(sha256(tooBig));
    expect(await t.tempFiles()).toEqual([]);
  });

  it("checks the type by content: a PNG named .pdf is a PNG, an executable or text named .pdf is refused", async () => {
    const png = samplePng();
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Tangkapan layar aplikasi" }, { name: "layar.pdf", contentType: "application/pdf", data: png });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fileType: "png", contentType: "image/png", fileName: "layar.png" });
    const before = await rowCount();
    for (const data of [sampleExe(), Buffer.from("Ini hanya teks biasa, bukan PDF.\n")]) {
      const bad = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Menyamar sebagai PDF" }, { name: "dokumen.pdf", contentType: "application/pdf", data });
      expect(bad.statusCode).toBe(415);
      expect(bad.json().error).toBe("unsupported_media_type");
      expect(await blobs()).not.toContain(sha256(data));
    }
    expect(await rowCount()).toBe(before);
    expect(await t.tempFiles()).toEqual([]);
  });

  it("answers 400 for an empty file", async () => {
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Berkas kosong" }, pdfFile(Buffer.alloc(0)));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: "file_empty", message: "file: the file is empty", details: { field: "file" } });
  });

  it("answers the existing evidence for the same content, with one blob", async () => {
    const pdf = samplePdf("Perwal Peta Rencana");
    const first = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Peta Rencana SPBE" }, pdfFile(pdf));
    const rows = await rowCount();
    const again = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Peta Rencana (lagi)" }, pdfFile(pdf, "salinan.pdf"));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, deduplicated: true, title: "Peta Rencana SPBE", versionCount: 1 });
    expect(await rowCount()).toBe(rows);
    expect((await blobs()).filter((b) => b === sha256(pdf))).toHaveLength(1);
    const versions = await t.database.db.select({ n: count() }).from(evidenceVersions).where(eq(evidenceVersions.sha256, sha256(pdf)));
    expect(versions[0]!.n).toBe(1);
    // Another agency holding the same content keeps its own copy.
    const other = await upload(t.app, "/api/agencies/16.71/evidence", palembang, { title: "Peta Rencana Palembang" }, pdfFile(pdf));
    expect(other.statusCode).toBe(201);
    expect(await blobs("16.71")).toEqual([sha256(pdf)]);
  });

  it("adds versions that keep the evidence id; older versions stay downloadable", async () => {
    const v1 = samplePdf("versi 1");
    const v2 = samplePdf("versi 2");
    const created = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Kebijakan Manajemen Data", reviewDate: "2021-01-01" }, pdfFile(v1))).json();
    const res = await upload(t.app, `/api/agencies/15.71/evidence/${created.id}/versions`, entry, { reviewDate: "2099-02-02" }, pdfFile(v2, "kebijakan-revisi.pdf"));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: created.id, title: "Kebijakan Manajemen Data", reviewDate: "2099-02-02", tooOld: false, versionCount: 2, sha256: sha256(v2), fileName: "kebijakan-revisi.pdf" });
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const latest = await call(t.app, "GET", `/api/agencies/15.71/evidence/${created.id}/file`, entry);
    expect(latest.rawPayload).toEqual(v2);
    const first = await call(t.app, "GET", `/api/agencies/15.71/evidence/${created.id}/file?version=1`, entry);
    expect(first.rawPayload).toEqual(v1);
    expect((await call(t.app, "GET", `/api/agencies/15.71/evidence/${created.id}/file?version=9`, entry)).statusCode).toBe(404);
    // A version whose content the agency already holds answers the holder, unchanged.
    const dup = await upload(t.app, `/api/agencies/15.71/evidence/${created.id}/versions`, entry, {}, pdfFile(v1));
    expect(dup.statusCode).toBe(200);
    expect(dup.json()).toMatchObject({ id: created.id, deduplicated: true, versionCount: 2 });
    expect(await auditActions("evidence.version")).toBe(1);
    // Unsupported content and unknown evidence.
    expect((await upload(t.app, `/api/agencies/15.71/evidence/${created.id}/versions`, entry, {}, pdfFile(sampleExe()))).statusCode).toBe(415);
    expect((await upload(t.app, "/api/agencies/15.71/evidence/999999/versions", entry, {}, pdfFile())).statusCode).toBe(404);
  });

  it("lists and searches the library with version and link counts", async () => {
    await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Laporan Audit TIK", documentNumber: "LHA-07/ITDA/2024" }, pdfFile());
    const all = await call(t.app, "GET", "/api/agencies/15.71/evidence", entry);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(all.json().evidence.length);
    const found = (await call(t.app, "GET", "/api/agencies/15.71/evidence?q=itda", entry)).json();
    expect(found.evidence.map((e: { title: string }) => e.title)).toEqual(["Laporan Audit TIK"]);
    expect(found.evidence[0]).toMatchObject({ versionCount: 1, linkCount: 0, tooOld: false, fileType: "pdf" });
    expect(Object.keys(found.evidence[0]).sort()).toEqual(
      ["id", "title", "documentNumber", "documentDate", "reviewDate", "tooOld", "fileName", "fileType", "contentType", "size", "sha256", "versionCount", "linkCount", "createdAt", "updatedAt"].sort(),
    );
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence?q=Kebijakan", entry)).json().evidence[0].versionCount).toBe(2);
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence?limit=0", entry)).statusCode).toBe(400);
  });

  it("downloads as an attachment with nosniff; previews only PDFs and images, sandboxed", async () => {
    const files = [
      { data: samplePdf(), name: "Perwal SPBE.pdf", type: "application/pdf", inline: true },
      { data: sampleJpeg(), name: "foto kegiatan.jpg", type: "image/jpeg", inline: true },
      { data: sampleDocx(), name: "notulen rapat.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", inline: false },
      { data: sampleMp4(), name: "video layanan.mp4", type: "video/mp4", inline: false },
    ];
    for (const f of files) {
      const { id } = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: `Berkas ${f.name}` }, { name: f.name, contentType: "application/octet-stream", data: f.data })).json();
      const res = await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file`, entry);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(f.data);
      expect(res.headers["content-type"]).toBe(f.type);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["content-disposition"]).toBe(`attachment; filename="${f.name}"; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      const preview = await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file?inline=1`, entry);
      expect(preview.headers["content-disposition"]).toMatch(f.inline ? /^inline; / : /^attachment; /);
      expect(preview.headers["content-security-policy"]).toBe("sandbox");
      expect(preview.headers["x-content-type-options"]).toBe("nosniff");
    }
    const { id } = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Nama berkas Unicode" }, pdfFile(samplePdf(), "Kebijakan “SPBE” 2024.pdf"))).json();
    const res = await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file`, entry);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="Kebijakan _SPBE_ 2024.pdf"; filename*=UTF-8''Kebijakan%20%E2%80%9CSPBE%E2%80%9D%202024.pdf`);
  });

  it("lets the agency's people read; only the self-assessment team uploads; other agencies get 404", async () => {
    const { id } = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Dokumen internal Kota Jambi" }, pdfFile())).json();
    for (const reader of [pimpinan, reviu, prov]) {
      expect((await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}`, reader)).statusCode).toBe(200);
      expect((await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file`, reader)).statusCode).toBe(200);
    }
    for (const reader of [pimpinan, reviu, prov]) {
      const res = await upload(t.app, "/api/agencies/15.71/evidence", reader, { title: "Bukan tim penilai" }, pdfFile());
      expect(res.statusCode).toBe(403);
    }
    for (const url of ["/api/agencies/15.71/evidence", `/api/agencies/15.71/evidence/${id}`, `/api/agencies/15.71/evidence/${id}/file`]) {
      expect((await call(t.app, "GET", url, palembang)).statusCode).toBe(404);
      expect((await call(t.app, "GET", url, null)).statusCode).toBe(401);
    }
    expect((await upload(t.app, "/api/agencies/15.71/evidence", palembang, { title: "Bukan instansi saya" }, pdfFile())).statusCode).toBe(404);
    expect((await upload(t.app, `/api/agencies/15.71/evidence/${id}/versions`, palembang, {}, pdfFile())).statusCode).toBe(404);
    // The right agency code is part of the address: Kota Jambi's evidence under Palembang is not found.
    expect((await call(t.app, "GET", `/api/agencies/16.71/evidence/${id}`, palembang)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/agencies/99.99/evidence", reviu)).statusCode).toBe(404);
    // A read-only API token reads but cannot upload.
    const userId = (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id;
    const { token } = await createApiToken(t.database.db, SYSTEM, { userId, name: "baca", scope: "read", days: 1 });
    const { body, contentType } = multipartBody({ title: "Lewat token baca" }, pdfFile());
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: "GET", url: `/api/agencies/15.71/evidence/${id}`, headers: bearer })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: "POST", url: "/api/agencies/15.71/evidence", headers: { ...bearer, "content-type": contentType }, payload: body });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe("token_read_only");
  });

  it("an external assessor opens the evidence of the agencies assigned to them, and only those", async () => {
    const jambi = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi Bukti Asesor", year: 2027, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [jambi] });
    const [a] = await t.database.db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, jambi)));
    const assigned = await makeUser(t.database, "asesor_eksternal", null, null);
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: a!.id, agencyId: jambi, userId: assigned.id, role: "asesor_eksternal", indicatorCodes: null });
    const asesor = await sessionFor(t.database, assigned.id);
    const stranger = await sessionFor(t.database, (await makeUser(t.database, "asesor_eksternal", null, null)).id);
    const { id } = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "SK Tim Koordinasi SPBE" }, pdfFile())).json();
    const file = await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file`, asesor);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/^attachment/);
    expect((await call(t.app, "GET", "/api/agencies/15.71/evidence", asesor)).json().abilities).toEqual({ upload: false });
    expect((await upload(t.app, "/api/agencies/15.71/evidence", asesor, { title: "Bukan tim instansi" }, pdfFile())).statusCode).toBe(403);
    expect((await call(t.app, "GET", `/api/agencies/15.71/evidence/${id}/file`, stranger)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/agencies/16.71/evidence", asesor)).statusCode).toBe(404);
  });

  it("links evidence to indicators of an assessment of the same agency, and unlinks it", async () => {
    const jambi = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [jambi] });
    const [a] = await t.database.db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, jambi)));
    const ev = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Perwal Arsitektur SPBE 2024" }, pdfFile())).json();
    const foreign = (await upload(t.app, "/api/agencies/16.71/evidence", palembang, { title: "Perwal Palembang" }, pdfFile())).json();

    const link = await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, entry, { evidenceId: ev.id });
    expect(link.statusCode, link.body).toBe(201);
    expect(link.json()).toMatchObject({ assessmentId: a!.id, indicatorCode: "1", evidence: [expect.objectContaining({ id: ev.id, linkCount: 1 })] });
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, entry, { evidenceId: ev.id })).statusCode).toBe(200);
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/2/evidence`, entry, { evidenceId: ev.id })).statusCode).toBe(201);
    expect(await evidenceCountsByIndicator(t.database.db, a!.id)).toEqual({ "1": 1, "2": 1 });
    const detail = (await call(t.app, "GET", `/api/agencies/15.71/evidence/${ev.id}`, entry)).json();
    expect(detail.links).toEqual([expect.objectContaining({ assessmentId: a!.id, indicatorCode: "1", periodName: "Evaluasi SPBE 2026", periodYear: 2026 }), expect.objectContaining({ indicatorCode: "2" })]);
    expect(await auditActions("evidence.link")).toBe(2);

    // Evidence of another agency, an unknown indicator, someone outside, a reader who may not answer.
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, entry, { evidenceId: foreign.id })).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/99/evidence`, entry, { evidenceId: ev.id })).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, palembang, { evidenceId: foreign.id })).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, pimpinan, { evidenceId: ev.id })).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${a!.id}/answers/1/evidence`, entry, { evidenceId: "x" })).statusCode).toBe(400);

    expect((await call(t.app, "DELETE", `/api/assessments/${a!.id}/answers/1/evidence/${ev.id}`, palembang)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `/api/assessments/${a!.id}/answers/1/evidence/${ev.id}`, entry)).statusCode).toBe(204);
    expect((await call(t.app, "DELETE", `/api/assessments/${a!.id}/answers/1/evidence/${ev.id}`, entry)).statusCode).toBe(404);
    expect(await evidenceCountsByIndicator(t.database.db, a!.id)).toEqual({ "2": 1 });
    expect(await auditActions("evidence.unlink")).toBe(1);
  });

  it("a link belongs to the stage it was made in: the external assessor adds and removes their own, not the self-assessment's", async () => {
    const jambi = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi Tautan Tahap", year: 2028, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [jambi] });
    const [a] = await t.database.db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, jambi)));
    const assigned = await makeUser(t.database, "asesor_eksternal", null, null);
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: a!.id, agencyId: jambi, userId: assigned.id, role: "asesor_eksternal", indicatorCodes: null });
    const asesor = await sessionFor(t.database, assigned.id);
    const own = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "SK Tim SPBE (mandiri)" }, pdfFile())).json();
    const found = (await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Notulen rapat (ditemukan asesor)" }, pdfFile())).json();
    const url = (code: string, id?: number) => `/api/assessments/${a!.id}/answers/${code}/evidence${id ? `/${id}` : ""}`;
    expect((await call(t.app, "POST", url("3"), entry, { evidenceId: own.id })).statusCode).toBe(201);
    await t.database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, a!.id));

    // The self-assessment's link stays: neither the assessor nor the agency removes it now.
    const removeOwn = await call(t.app, "DELETE", url("3", own.id), asesor);
    expect(removeOwn.statusCode).toBe(409);
    expect(removeOwn.json()).toMatchObject({ error: "evidence_link_locked", details: { stage: "mandiri" } });
    expect((await call(t.app, "DELETE", url("3", own.id), entry)).statusCode).toBe(403);
    // The assessor links what they found during the document review, and may take it back while dokumen is open.
    const added = await call(t.app, "POST", url("3"), asesor, { evidenceId: found.id });
    expect(added.statusCode).toBe(201);
    expect(added.json().evidence.map((e: { id: number; linkedInStage: string }) => [e.id, e.linkedInStage])).toEqual([
      [own.id, "mandiri"],
      [found.id, "dokumen"],
    ]);
    const ws = (await call(t.app, "GET", `/api/assessments/${a!.id}`, asesor)).json();
    expect(ws.indicators.find((i: { code: string }) => i.code === "3").evidence.map((e: { linkedInStage: string }) => e.linkedInStage)).toEqual(["mandiri", "dokumen"]);
    expect((await call(t.app, "DELETE", url("3", found.id), asesor)).statusCode).toBe(204);
    expect(await evidenceCountsByIndicator(t.database.db, a!.id)).toEqual({ "3": 1 });
  });

  it("leaves no row and no temporary file when the client aborts mid-upload", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as AddressInfo;
    const rows = await rowCount();
    const pieces = multipartPieces({ title: "Upload yang terputus" }, { name: "besar.pdf", contentType: "application/pdf" });
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/agencies/15.71/evidence", headers: { "content-type": pieces.contentType, "content-length": String(pieces.head.length + MAX - 1 + pieces.tail.length), cookie: entry.cookie, "x-csrf-token": entry.csrf } });
    const settled = new Promise((resolve) => {
      req.on("error", resolve);
      req.on("response", resolve);
    });
    req.write(pieces.head);
    req.write(Buffer.concat([samplePdf(), Buffer.alloc(32 * 1024, 0x20)]));
    // Wait until the server is writing the temporary file, then cut the connection.
    await expect.poll(async () => (await t.tempFiles()).length, { interval: 10, message: "the upload never reached the temporary directory" }).toBeGreaterThan(0);
    req.destroy();
    await settled;
    await expect.poll(() => t.tempFiles(), { interval: 20, message: "temporary files left" }).toEqual([]);
    expect(await rowCount()).toBe(rows);
    expect(existsSync(path.join(root, ".tmp"))).toBe(true);
  });
});
