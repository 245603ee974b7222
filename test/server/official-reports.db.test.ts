import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromScaledInt, roundTenThousandthsToHundredths } from "../../src/core";
import { claimDocumentJob, enqueueDocumentJob } from "../../src/db/commands/document-jobs";
import { resultSnapshot } from "../../src/db/commands/finalise";
import { beat, removeInstance } from "../../src/db/commands/server-instances";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { answers, assessmentResults, assessments, auditEvents, documentJobs, improvementActions, issuedDocuments, periods, recommendations, users } from "../../src/db/schema";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { DocumentJobQueue } from "../../src/server/features/documents/document-job-queue";
import { produceLhe } from "../../src/server/features/documents/official-reports";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-official-reports-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The text of a PDF as pdftotext (poppler) extracts it. */
function pdftotext(pdf: Buffer): string {
  const file = path.join(tmp, `${createHash("sha256").update(pdf).digest("hex").slice(0, 16)}.pdf`);
  fs.writeFileSync(file, pdf);
  if (process.env.PANDU_KEEP_PDF) fs.copyFileSync(file, path.join(process.env.PANDU_KEEP_PDF, path.basename(file)));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

const compiled = bundledInstrument("pemdi-2026")!;
/** Pemdi values with two decimals, one per indicator (indicator 20, weight 15, is the lowest). */
const VALUES = [3.25, 2.5, 4.1, 1.75, 3.6, 2.2, 3.05, 4.4, 2.95, 3.3, 1.6, 2.8, 4.75, 3.15, 2.45, 3.9, 2.65, 3.35, 4.05, 1.26];
const levels = Object.fromEntries(compiled.codes.map((c, i) => [c, VALUES[i]!]));

describe(`the Laporan Hasil Evaluasi, the province summary and document jobs on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let kspbe: Session, pimpinan: Session, palembang: Session, koordJambi: Session, koordSumsel: Session;
  let finalId: number, openId: number, spareId: number;
  let reviewerNip: string;

  /** A Pemdi 2026 assessment of an agency at `stage`; when final, with answers, assessor notes and a result by `reviewer`. */
  async function assessment(periodId: number, code: string, stage: string, reviewer: number | null) {
    const db = t.database.db;
    const agencyId = (await agencyIdsByCode(db, [code])).get(code)!;
    const [row] = await db.insert(assessments).values({ periodId, agencyId, stage, reviewStatus: stage === "final" ? "valid" : null }).returning({ id: assessments.id });
    if (stage !== "final") return row!.id;
    await db.insert(answers).values(compiled.codes.map((c, i) => ({ assessmentId: row!.id, stage: "mandiri", indicatorCode: c, level: Math.min(5, VALUES[i]! + 0.5), explanation: "Penilaian mandiri", verified: true })));
    await db.insert(answers).values(
      compiled.codes.map((c, i) => ({ assessmentId: row!.id, stage: "dokumen", indicatorCode: c, level: VALUES[i]!, justification: c === "5" ? "Kebijakan tata kelola data belum ditetapkan Wali Kota" : null })),
    );
    await db.insert(assessmentResults).values({ assessmentId: row!.id, revision: 1, ...resultSnapshot(compiled, levels, "exact"), createdByUserId: reviewer });
    return row!.id;
  }

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const db = t.database.db;
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null, name?: string, nip?: string) => {
      const u = await makeUser(t.database, role, code, null);
      if (name) await db.update(users).set({ name, nip }).where(eq(users.id, u.id));
      return { id: u.id, session: await sessionFor(t.database, u.id) };
    };
    kspbe = (await s("koordinator_spbe", "15.71")).session;
    pimpinan = (await s("pimpinan", "15.71")).session;
    palembang = (await s("koordinator_spbe", "16.71")).session;
    koordJambi = (await s("koordinator_provinsi", "15", "Hasan Basri", "197901012003121004")).session;
    koordSumsel = (await s("koordinator_provinsi", "16")).session;
    reviewerNip = "198203032006042003";
    const reviewer = await s("tim_reviu", null, "Ratna Sari", reviewerNip);
    const [period] = await db
      .insert(periods)
      .values({ name: "Evaluasi Pemerintah Digital 2026", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "pemdi-2026", predicatePolicy: "exact", ownerAgencyId: null })
      .returning({ id: periods.id });
    finalId = await assessment(period!.id, "15.71", "final", reviewer.id);
    spareId = await assessment(period!.id, "15.72", "final", reviewer.id);
    openId = await assessment(period!.id, "15.04", "dokumen", null);
    const agencyId = (await agencyIdsByCode(db, ["15.71"])).get("15.71")!;
    const [rec] = await db
      .insert(recommendations)
      .values({ agencyId, periodId: period!.id, assessmentId: finalId, text: "Tetapkan Peraturan Wali Kota tentang Tata Kelola Data", source: "kemenpanrb", priority: "high", aspectCodes: ["A3"], indicatorCodes: ["5"] })
      .returning({ id: recommendations.id });
    await db.insert(improvementActions).values({ recommendationId: rec!.id, agencyId, title: "Menyusun rancangan Perwal Tata Kelola Data", ownerName: "Diskominfo", dueDate: "2027-06-30", targetIndicatorCode: "5", targetLevel: 4, budget: 125000000 });
  });
  afterAll(() => t.close());

  const issued = async () => (await t.database.db.select({ n: count() }).from(issuedDocuments))[0]!.n;
  const audits = async () => (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "document.issue")))[0]!.n;

  it("an LHE of a final Pemdi result: agency, index with a comma, predicate, aspects, indicator rows, notes, plan, signer, pages; issued once and verifiable", async () => {
    const url = `/api/assessments/${finalId}/lhe.pdf`;
    const [res, twin] = await Promise.all([call(t.app, "GET", url, kspbe), call(t.app, "GET", url, pimpinan)]);
    expect(res.statusCode).toBe(200);
    expect(twin.rawPayload.equals(res.rawPayload)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="laporan-hasil-evaluasi-15\.71-2026\.pdf"/);
    const text = pdftotext(res.rawPayload);
    const snap = resultSnapshot(compiled, levels, "exact");
    const rounded = fromScaledInt(roundTenThousandthsToHundredths(snap.index10k), 2).toFixed(2).replace(".", ",");
    expect(text).toContain("LAPORAN HASIL EVALUASI");
    expect(text).toContain("Pemerintah Kota Jambi");
    expect(text).toContain(`Indeks Pemerintah Digital: ${rounded}`);
    expect(text).toContain(`Predikat: ${snap.predicate}`);
    expect(text).toContain("Aspek: Kepuasan Pengguna Layanan Digital Pemerintah");
    // An indicator row: its name, its self-assessment value (3,75) and its final value (3,25).
    expect(text).toMatch(/1\s+Tingkat Kematangan Tata Kelola\s.*3,75\s+3,25/);
    expect(text).toContain("Kebijakan tata kelola data belum ditetapkan Wali Kota");
    // Strengths and weaknesses: the highest (13, 4,75) and the lowest (20, 1,26) indicators.
    expect(text).toMatch(/Indikator 13 Tingkat Kematangan Aplikasi Pemerintah Digital — nilai 4,75/);
    expect(text).toMatch(/Indikator 20 Tingkat Pengelolaan Kepuasan Pengguna Layanan Digital Pemerintah — nilai\s+1,26/);
    expect(text).toContain("Tetapkan Peraturan Wali Kota tentang Tata Kelola Data");
    expect(text).toMatch(/Menyusun rancangan Perwal\s+Diskominfo\s+Ind\. 5, tingkat 4\s+30 Juni 2027\s+Rp 125\.000\.000\s+Direncanakan/);
    expect(text).toContain("(Ratna Sari)");
    expect(text).toContain(`NIP. ${reviewerNip}`);
    expect(text).toContain("Nomor: 1/LHE/15.71/");
    const pages = Number(/Halaman 1 dari (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain(`Halaman ${pages} dari ${pages}`);
    // Issued once: the same bytes again, one register row, one audit event.
    const again = await call(t.app, "GET", url, kspbe);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    expect(await issued()).toBe(1);
    expect(await audits()).toBe(1);
    // The verification page finds it by the address in the QR code.
    const printed = /\/verifikasi\/([A-Za-z0-9_-]+)/.exec(text)![1];
    expect(res.headers["x-document-id"]).toBe(printed);
    const verified = await t.app.inject({ method: "GET", url: `/api/public/verify/${printed}` });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      kind: "laporan-hasil-evaluasi",
      title: "Laporan Hasil Evaluasi Evaluasi Pemerintah Digital 2026",
      agency: { code: "15.71", name: "Pemerintah Kota Jambi" },
      sha256: createHash("sha256").update(res.rawPayload).digest("hex"),
    });
  });

  it("no LHE before the assessment is final (409); another agency's coordinator gets 404", async () => {
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    const open = await call(t.app, "GET", `/api/assessments/${openId}/lhe.pdf`, admin);
    expect(open.statusCode).toBe(409);
    expect(open.json().error).toBe("not_final");
    expect((await call(t.app, "GET", `/api/assessments/${finalId}/lhe.pdf`, palembang)).statusCode).toBe(404);
    expect((await call(t.app, "POST", "/api/documents/jobs", palembang, { kind: "lhe", assessmentId: finalId })).statusCode).toBe(404);
    expect((await call(t.app, "POST", "/api/documents/jobs", admin, { kind: "lhe", assessmentId: openId })).json().error).toBe("not_final");
  });

  it("the province summary: every kab/kota with index, predicate, change, per-domain values, counts; only for that province's readers", async () => {
    const url = "/api/provinces/15/summary.pdf?year=2024";
    const res = await call(t.app, "GET", url, koordJambi);
    expect(res.statusCode).toBe(200);
    const text = pdftotext(res.rawPayload);
    expect(text).toContain("RINGKASAN HASIL EVALUASI KABUPATEN/KOTA");
    expect(text).toMatch(/15\.71\s+Pemerintah Kota Jambi\s+\d,\d\d\s+(Memuaskan|Sangat Baik|Baik|Cukup|Kurang)\s+[+-]?\d,\d\d/);
    expect(text).toContain("Jumlah instansi per predikat");
    expect(text).toContain("D1: ");
    expect(text).toContain("(Hasan Basri)");
    expect(text).toMatch(/Halaman 1 dari \d+/);
    const printed = /\/verifikasi\/([A-Za-z0-9_-]+)/.exec(text)![1];
    const verified = (await t.app.inject({ method: "GET", url: `/api/public/verify/${printed}` })).json();
    expect(verified).toMatchObject({ kind: "ringkasan-provinsi", agency: { code: "15" }, sha256: createHash("sha256").update(res.rawPayload).digest("hex") });
    // The same figures are the same document.
    expect((await call(t.app, "GET", url, koordJambi)).rawPayload.equals(res.rawPayload)).toBe(true);
    expect((await call(t.app, "GET", url, koordSumsel)).statusCode).toBe(404);
    expect((await call(t.app, "GET", url, kspbe)).statusCode).toBe(404);
    const none = await call(t.app, "GET", "/api/provinces/15/summary.pdf?year=2019", koordJambi);
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toBe("no_published_results");
  });

  it("a job produces the LHE in the background to done with progress; its file is the issued document", async () => {
    const direct = await call(t.app, "GET", `/api/assessments/${finalId}/lhe.pdf`, kspbe);
    const before = await issued();
    const posted = await call(t.app, "POST", "/api/documents/jobs", kspbe, { kind: "lhe", assessmentId: finalId });
    expect(posted.statusCode).toBe(202);
    const { jobId } = posted.json();
    await t.app.documentJobs.idle();
    const job = (await call(t.app, "GET", `/api/documents/jobs/${jobId}`, kspbe)).json();
    expect(job).toMatchObject({ id: jobId, kind: "lhe", status: "done", progress: 100, error: null, documentId: direct.headers["x-document-id"], downloadUrl: `/api/documents/jobs/${jobId}/file` });
    const file = await call(t.app, "GET", job.downloadUrl, kspbe);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(direct.rawPayload)).toBe(true);
    expect(await issued()).toBe(before);
    // A job is its requester's alone.
    expect((await call(t.app, "GET", `/api/documents/jobs/${jobId}`, pimpinan)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/documents/jobs/${jobId}/file`, pimpinan)).statusCode).toBe(404);

    // Progress is visible while a job runs: a queue whose production reports 40 % and waits until the API shows it.
    const province = await call(t.app, "POST", "/api/documents/jobs", koordJambi, { kind: "province-summary", province: "15", year: 2024 });
    expect(province.statusCode).toBe(202);
    await t.app.documentJobs.idle();
    const user = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.name, "Hasan Basri")))[0]!.id;
    const watched = await enqueueDocumentJob(t.database.db, { params: { kind: "lhe", assessmentId: finalId }, userId: user, audit: { actorUserId: user, actorLabel: "uji", ip: null, userAgent: null }, origin: "http://pandu.test" });
    const seen: { status: string; progress: number }[] = [];
    const queue = new DocumentJobQueue({
      db: t.database.db,
      pollMs: 0,
      produce: async (job, progress) => {
        progress(40);
        for (;;) {
          const row = (await t.database.db.select().from(documentJobs).where(eq(documentJobs.id, job.id)))[0]!;
          if (row.progress === 40) {
            seen.push({ status: row.status, progress: row.progress });
            break;
          }
          await new Promise((r) => setImmediate(r));
        }
        return produceLhe(t.context, { assessmentId: finalId, origin: job.origin, audit: job.audit }, progress);
      },
      onError: (_, err) => {
        throw err;
      },
    });
    queue.wake();
    await queue.idle();
    await queue.close();
    expect(seen).toEqual([{ status: "running", progress: 40 }]);
    const [row] = await t.database.db.select().from(documentJobs).where(eq(documentJobs.id, watched));
    expect(row).toMatchObject({ status: "done", progress: 100, instanceId: null });
  });

  it("a job whose assessment is gone when it runs ends failed with no register row; a crashing production ends failed too", async () => {
    const before = { issued: await issued(), audits: await audits() };
    const admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    t.app.documentJobs.pause();
    const posted = await call(t.app, "POST", "/api/documents/jobs", admin, { kind: "lhe", assessmentId: spareId });
    expect(posted.statusCode).toBe(202);
    expect((await call(t.app, "GET", `/api/documents/jobs/${posted.json().jobId}`, admin)).json()).toMatchObject({ status: "queued", progress: 0 });
    const early = await call(t.app, "GET", `/api/documents/jobs/${posted.json().jobId}/file`, admin);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe("job_not_done");
    await t.database.db.delete(assessments).where(eq(assessments.id, spareId));
    t.app.documentJobs.resume();
    await t.app.documentJobs.idle();
    const job = (await call(t.app, "GET", `/api/documents/jobs/${posted.json().jobId}`, admin)).json();
    expect(job).toMatchObject({ status: "failed", error: "not_found", documentId: null, downloadUrl: null });
    expect(job.finishedAt).not.toBeNull();
    expect(await issued()).toBe(before.issued);
    expect(await audits()).toBe(before.audits);

    // An unexpected error: failed as internal_error, reported, the row not left running.
    const adminId = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.name, "Ratna Sari")))[0]!.id;
    const id = await enqueueDocumentJob(t.database.db, { params: { kind: "lhe", assessmentId: finalId }, userId: adminId, audit: { actorUserId: adminId, actorLabel: "uji", ip: null, userAgent: null }, origin: "http://pandu.test" });
    const errors: unknown[] = [];
    const queue = new DocumentJobQueue({
      db: t.database.db,
      pollMs: 0,
      produce: async () => {
        throw new Error("renderer exploded");
      },
      onError: (_, err) => errors.push(err),
    });
    queue.wake();
    await queue.close();
    const [row] = await t.database.db.select().from(documentJobs).where(eq(documentJobs.id, id));
    expect(row).toMatchObject({ status: "failed", error: "internal_error", instanceId: null, result: null });
    expect(errors).toHaveLength(1);
    expect(await issued()).toBe(before.issued);
  });

  it("two instances claiming at once take different jobs", async () => {
    const user = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.name, "Ratna Sari")))[0]!.id;
    const audit = { actorUserId: user, actorLabel: "uji", ip: null, userAgent: null };
    t.app.documentJobs.pause();
    for (const i of ["instance-a", "instance-b", "instance-c"]) await beat(t.database.db, i, false);
    const ids = [
      await enqueueDocumentJob(t.database.db, { params: { kind: "lhe", assessmentId: finalId }, userId: user, audit, origin: "http://pandu.test" }),
      await enqueueDocumentJob(t.database.db, { params: { kind: "lhe", assessmentId: finalId }, userId: user, audit, origin: "http://pandu.test" }),
    ];
    const [a, b, c] = await Promise.all([claimDocumentJob(t.database.db, "instance-a"), claimDocumentJob(t.database.db, "instance-b"), claimDocumentJob(t.database.db, "instance-c")]);
    const claimed = [a, b, c].filter(Boolean).map((j) => j!.id);
    expect(claimed.sort()).toEqual([...ids].sort());
    // Claimed by live instances: nobody else takes them; once those instances are gone, the queue takes them over and runs them.
    expect(await claimDocumentJob(t.database.db, "instance-d")).toBeUndefined();
    for (const i of ["instance-a", "instance-b", "instance-c"]) await removeInstance(t.database.db, i);
    t.app.documentJobs.resume();
    await t.app.documentJobs.idle();
    const rows = await t.database.db.select({ status: documentJobs.status }).from(documentJobs).where(eq(documentJobs.requestedByUserId, user));
    expect(rows.every((r) => r.status === "done" || r.status === "failed")).toBe(true);
  });
});
