import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { resultSnapshot } from "../src/db/commands/finalise";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { agencyIdsByCode } from "../src/db/queries/agency-ids";
import { answers, assessmentResults, assessments, improvementActions, periods, recommendations, stageTransitions } from "../src/db/schema";
import { bundledInstrument } from "../src/lib/instrument-files";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { makeUser, sessionFor } from "../test/helpers/accounts";
import { fmt, median } from "./stats";

/**
 * `npm run bench -- lhe`: the Laporan Hasil Evaluasi of a final 59/2020 assessment (47 indicators,
 * four stages with assessors' notes, 10 recommendations with 3 actions each) through the app on
 * PGlite. "Issue" is a first download (content changed before each trial by a new recommendation, so
 * every trial numbers, renders, hashes and registers a new document in one transaction); "again" the
 * download of an issued report (rendered again from its frozen identity); "job" the same issue as a
 * background job (POST, the queue runs it, the file is read). Baseline in the same run: the Berita
 * Acara Penilaian Mandiri of the same assessment (already issued). Target (issue #17): under 2 s.
 */
export async function benchLhe(trials = 7): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-lhe-"));
  const database = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    const db = database.db;
    await seedDemo(db, { demoUsers: false });
    const compiled = bundledInstrument("permenpanrb-59-2020")!;
    const agencyId = (await agencyIdsByCode(db, ["15.71"])).get("15.71")!;
    const [period] = await db
      .insert(periods)
      .values({ name: "Evaluasi SPBE 2025 (bench)", year: 2025, kind: "evaluasi", withVisit: true, instrumentId: compiled.instrument.id, predicatePolicy: "exact", ownerAgencyId: null })
      .returning({ id: periods.id });
    const [a] = await db.insert(assessments).values({ periodId: period!.id, agencyId, stage: "final", reviewStatus: "valid" }).returning({ id: assessments.id });
    const id = a!.id;
    const levels = Object.fromEntries(compiled.codes.map((c, i) => [c, 1 + ((i * 7) % 5)]));
    for (const stage of ["mandiri", "dokumen", "interviu", "visitasi"]) {
      await db.insert(answers).values(
        compiled.codes.map((c) => ({ assessmentId: id, stage, indicatorCode: c, level: levels[c]!, explanation: `Penjelasan ${stage} indikator ${c}`, justification: stage === "mandiri" ? null : `Catatan asesor tahap ${stage} untuk indikator ${c}: bukti dukung diperiksa dan dinilai sesuai kriteria tingkat ${levels[c]}.` })),
      );
    }
    await db.insert(stageTransitions).values({ assessmentId: id, fromStage: "mandiri", toStage: "dokumen", actorUserId: null, note: null });
    await db.insert(assessmentResults).values({ assessmentId: id, revision: 1, ...resultSnapshot(compiled, levels, "exact") });
    const addRecommendation = async (n: number) => {
      const [rec] = await db
        .insert(recommendations)
        .values({ agencyId, periodId: period!.id, assessmentId: id, text: `Rekomendasi ${n}: perkuat kebijakan dan tata kelola sesuai hasil evaluasi`, source: "kemenpanrb", priority: "medium" })
        .returning({ id: recommendations.id });
      await db.insert(improvementActions).values([1, 2, 3].map((k) => ({ recommendationId: rec!.id, agencyId, title: `Aksi ${n}.${k}: menyusun dokumen dan menerapkannya`, ownerName: "Diskominfo", dueDate: "2026-12-31", budget: 50_000_000 * k })));
    };
    for (let n = 1; n <= 10; n++) await addRecommendation(n);
    const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } }, webDir: null });
    await app.ready();
    const user = await makeUser(database, "koordinator_spbe", "15.71", null);
    const session = await sessionFor(database, user.id);
    const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
    const get = async (url: string) => {
      const t0 = performance.now();
      const res = await app.inject({ method: "GET", url, headers });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms, bytes: res.rawPayload.length, pages: Number(/\/Count (\d+)/.exec(res.rawPayload.toString("latin1"))?.[1] ?? 0) };
    };
    const url = `/api/assessments/${id}/lhe.pdf`;
    // pdfkit and qrcode load with the first document of a process: timed on their own.
    const t0 = performance.now();
    await Promise.all([import("pdfkit"), import("qrcode")]);
    const loadMs = performance.now() - t0;
    const first = await get(url);
    const issue: number[] = [];
    const again: number[] = [];
    const job: number[] = [];
    const record: number[] = [];
    await get(`/api/assessments/${id}/berita-acara.pdf`);
    let n = 10;
    for (let i = 0; i < trials; i++) {
      await addRecommendation(++n);
      issue.push((await get(url)).ms);
      again.push((await get(url)).ms);
      record.push((await get(`/api/assessments/${id}/berita-acara.pdf`)).ms);
      await addRecommendation(++n);
      const t0 = performance.now();
      const posted = await app.inject({ method: "POST", url: "/api/documents/jobs", headers, payload: { kind: "lhe", assessmentId: id } });
      if (posted.statusCode !== 202) throw new Error(`job: ${posted.statusCode} ${posted.body}`);
      await app.documentJobs.idle();
      await get(`/api/documents/jobs/${posted.json<{ jobId: string }>().jobId}/file`);
      job.push(performance.now() - t0);
    }
    const last = await get(url);
    await app.close();
    const m = { issue: median(issue), again: median(again), job: median(job), record: median(record) };
    console.log(
      `LHE (PGlite, 47 indicators, ${last.pages} pages, ${fmt(last.bytes / 1024)} KB): loading pdfkit + qrcode ${fmt(loadMs)} ms, then the first of the process ${fmt(first.ms)} ms; ` +
        `issue ${fmt(m.issue)} ms, again ${fmt(m.again)} ms, as a job ${fmt(m.job)} ms (medians of ${trials}); ` +
        `Berita Acara baseline ${fmt(m.record)} ms (issue / BA ${fmt(m.issue / m.record, 1)}×); target < 2,000 ms: ${m.issue < 2000 && m.job < 2000 ? "✓" : "✗"}`,
    );
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
