import path from "node:path";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments } from "../../src/db/schema";
import { createPeriod } from "../../src/db/commands/create-period";
import { assignToAssessment } from "../../src/db/commands/assign";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { multipartBody, samplePdf, samplePng, sha256 } from "../lib/evidence-fixtures";
import { s3rverStorage, startS3rver } from "../lib/s3rver";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
type Session = Awaited<ReturnType<typeof sessionFor>>;
type S3 = Awaited<ReturnType<typeof startS3rver>>;

/** The downloaded bundle: its entries' bytes by name and the manifest's rows. */
async function unzip(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async("nodebuffer"));
  const manifest = parse(files.get("manifest.csv")!, { bom: true, columns: true }) as Record<string, string>[];
  return { files, manifest };
}

describe.each(["local", "s3"] as const)(`an assessment's evidence as one ZIP (%s storage) on ${TEST_DB_KIND}`, (kind) => {
  let s3: S3 | null = null;
  let t: EvidenceTestApp;
  let entry: Session, asesor: Session, palembang: Session;
  let asesorId: number;
  const newAssessment = async (name: string) => {
    const jambi = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name, year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [jambi] });
    const [a] = await t.database.db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, jambi)));
    return a!;
  };
  const add = async (title: string, name: string, data: Buffer, contentType = "application/pdf") => {
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title }, { name, contentType, data });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };
  const link = async (assessmentId: number, code: string, evidenceId: number) =>
    expect((await call(t.app, "POST", `/api/assessments/${assessmentId}/answers/${code}/evidence`, entry, { evidenceId })).statusCode).toBe(201);

  beforeAll(async () => {
    if (kind === "s3") s3 = await startS3rver();
    t = await startEvidenceApp({ maxBytes: 256 * 1024, ...(s3 ? { storage: (dir: string) => s3rverStorage(s3!.endpoint, path.join(dir, ".tmp")) } : {}) });
    entry = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
    asesorId = (await makeUser(t.database, "asesor_eksternal", null, null)).id;
    asesor = await sessionFor(t.database, asesorId);
  });
  afterAll(async () => {
    await t.close();
    await s3?.close();
  });

  it("holds every linked file under its indicator, with the manifest's SHA-256 matching the bytes", async () => {
    const a = await newAssessment("Evaluasi SPBE 2026 (bundel bukti)");
    await assignToAssessment(t.database.db, SYSTEM, { assessmentId: a.id, agencyId: a.agencyId, userId: asesorId, role: "asesor_eksternal", indicatorCodes: null });
    const perwal = samplePdf("Perwal Arsitektur SPBE");
    const laporanA = samplePdf("Laporan A");
    const laporanB = samplePdf("Laporan B");
    const peta = samplePng();
    const perwalId = await add("Perwal Arsitektur SPBE", "perwal.pdf", perwal);
    const aId = await add("Laporan TIK 2024", "laporan.pdf", laporanA);
    const bId = await add("Laporan TIK 2025", "Laporan.pdf", laporanB);
    const petaId = await add("Peta rencana SPBE", "peta.png", peta, "image/png");
    await link(a.id, "1", perwalId);
    await link(a.id, "2", perwalId); // the same file under two indicators
    await link(a.id, "10", aId);
    await link(a.id, "10", bId); // two names that collide (case-insensitively)
    await link(a.id, "10", petaId);

    const res = await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, asesor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="bukti-15.71-2026-${a.id}.zip"`);
    const { files, manifest } = await unzip(res.rawPayload);
    expect([...files.keys()]).toEqual(["1/perwal.pdf", "2/perwal.pdf", "10/laporan.pdf", "10/Laporan (2).pdf", "10/peta.png", "manifest.csv"]);
    expect(manifest.map((r) => [r.indicator, r.title, r.file, r.status])).toEqual([
      ["1", "Perwal Arsitektur SPBE", "1/perwal.pdf", "ok"],
      ["2", "Perwal Arsitektur SPBE", "2/perwal.pdf", "ok"],
      ["10", "Laporan TIK 2024", "10/laporan.pdf", "ok"],
      ["10", "Laporan TIK 2025", "10/Laporan (2).pdf", "ok"],
      ["10", "Peta rencana SPBE", "10/peta.png", "ok"],
    ]);
    for (const row of manifest) {
      const bytes = files.get(row.file!)!;
      expect(row.sha256).toBe(sha256(bytes));
      expect(Number(row.size)).toBe(bytes.length);
    }
    expect(files.get("1/perwal.pdf")).toEqual(perwal);
    expect(files.get("10/laporan.pdf")).toEqual(laporanA);
    expect(files.get("10/Laporan (2).pdf")).toEqual(laporanB);
    expect(files.get("10/peta.png")).toEqual(peta);

    // The agency's own team downloads it too; another agency and an unassigned assessor do not see it; no session is a 401.
    expect((await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, entry)).statusCode).toBe(200);
    expect((await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, palembang)).statusCode).toBe(404);
    const stranger = await sessionFor(t.database, (await makeUser(t.database, "asesor_eksternal", null, null)).id);
    expect((await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, stranger)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/assessments/${a.id}/evidence.zip` })).statusCode).toBe(401);
  });

  it("a new version replaces the file in the bundle; an assessment without evidence gives only the manifest", async () => {
    const a = await newAssessment("Evaluasi SPBE 2026 (versi bukti)");
    const id = await add("SK Tim Koordinasi SPBE", "sk-tim.pdf", samplePdf("SK lama"));
    await link(a.id, "3", id);
    const newer = samplePdf("SK baru");
    const { body, contentType } = multipartBody({}, { name: "sk-tim-2026.pdf", contentType: "application/pdf", data: newer });
    const v2 = await t.app.inject({ method: "POST", url: `/api/agencies/15.71/evidence/${id}/versions`, headers: { "content-type": contentType, cookie: entry.cookie, "x-csrf-token": entry.csrf }, payload: body });
    expect(v2.statusCode, v2.body).toBe(201);
    const { files, manifest } = await unzip((await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, entry)).rawPayload);
    expect([...files.keys()]).toEqual(["3/sk-tim-2026.pdf", "manifest.csv"]);
    expect(files.get("3/sk-tim-2026.pdf")).toEqual(newer);
    expect(manifest).toEqual([{ indicator: "3", title: "SK Tim Koordinasi SPBE", file: "3/sk-tim-2026.pdf", size: String(newer.length), sha256: sha256(newer), status: "ok" }]);

    const empty = await newAssessment("Evaluasi SPBE 2026 (tanpa bukti)");
    const res = await call(t.app, "GET", `/api/assessments/${empty.id}/evidence.zip`, entry);
    expect(res.statusCode).toBe(200);
    const bundle = await unzip(res.rawPayload);
    expect([...bundle.files.keys()]).toEqual(["manifest.csv"]);
    expect(bundle.manifest).toEqual([]);
    expect(bundle.files.get("manifest.csv")!.toString("utf8")).toBe("\uFEFFindicator,title,file,size,sha256,status\n");
  });
  it("a file gone from the store is listed as missing in the manifest, and the rest still arrives", async () => {
    const a = await newAssessment("Evaluasi SPBE 2026 (berkas hilang)");
    const kept = samplePdf("Masih ada");
    const lost = samplePdf("Hilang dari penyimpanan");
    await link(a.id, "4", await add("Dokumen yang masih ada", "ada.pdf", kept));
    await link(a.id, "5", await add("Dokumen yang hilang", "hilang.pdf", lost));
    await t.storage.delete(`15.71/${sha256(lost)}`);
    const res = await call(t.app, "GET", `/api/assessments/${a.id}/evidence.zip`, entry);
    expect(res.statusCode).toBe(200);
    const { files, manifest } = await unzip(res.rawPayload);
    expect([...files.keys()]).toEqual(["4/ada.pdf", "manifest.csv"]);
    expect(files.get("4/ada.pdf")).toEqual(kept);
    expect(manifest).toEqual([
      { indicator: "4", title: "Dokumen yang masih ada", file: "4/ada.pdf", size: String(kept.length), sha256: sha256(kept), status: "ok" },
      { indicator: "5", title: "Dokumen yang hilang", file: "", size: "", sha256: sha256(lost), status: "missing" },
    ]);
  });
});
