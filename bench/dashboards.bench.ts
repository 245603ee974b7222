import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { indexNumerator, predicateFor } from "../src/core";
import { openDatabase, type Database } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { createSession } from "../src/db/commands/sessions";
import { createUser } from "../src/db/commands/users";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { assessmentResults } from "../src/db/schema";
import { bundledInstrument } from "../src/lib/instrument-files";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt } from "./stats";
import { loadFromChild, type LoadStats } from "./load-child";

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
type Stats = LoadStats;

/**
 * A national-scale synthetic dataset on top of the published results: every agency with a 2024
 * result (~615) gets three periods — 2023 and 2024 finalised (answers in four stages and a result
 * snapshot), 2025 in self-assessment with 30 indicators filled and evidence on 10.
 */
export async function buildDataset(database: Database) {
  const { db } = database;
  await seedDemo(db, { demoUsers: false });
  await db.execute(sql`insert into periods (name, year, kind, with_visit, instrument_id, predicate_policy)
    select 'Evaluasi SPBE sintetis ' || y, y, 'evaluasi', true, 'permenpanrb-59-2020', 'exact' from generate_series(2023, 2025) y`);
  await db.execute(sql`insert into assessments (period_id, agency_id, stage)
    select p.id, r.agency_id, case when p.year = 2025 then 'mandiri' else 'final' end
    from periods p cross join (select distinct agency_id from official_results where year = 2024) r where p.name like 'Evaluasi SPBE sintetis%'`);
  await db.execute(sql`insert into answers (assessment_id, stage, indicator_code, value_hundredths, explanation, verified, version)
    select a.id, s.stage, i::text, 100 * (1 + ((a.id * 7 + i * 3 + length(s.stage)) % 5)), 'Penjelasan indikator ' || i, i % 2 = 0, 1
    from assessments a cross join generate_series(1, 47) i cross join (values ('mandiri'), ('dokumen'), ('interviu'), ('visitasi')) s(stage)
    where a.stage = 'final'`);
  await db.execute(sql`insert into answers (assessment_id, stage, indicator_code, value_hundredths, explanation, verified, version)
    select a.id, 'mandiri', i::text, 100 * (1 + ((a.id + i) % 4)), 'Isian berjalan', i <= 15, 1 from assessments a cross join generate_series(1, 30) i where a.stage = 'mandiri'`);
  await db.execute(sql`insert into evidence (agency_id, title) select distinct agency_id, 'Dokumen sintetis' from assessments`);
  await db.execute(sql`insert into answer_evidence (assessment_id, indicator_code, evidence_id)
    select a.id, i::text, e.id from assessments a join evidence e on e.agency_id = a.agency_id cross join generate_series(1, 10) i where a.stage = 'mandiri'`);
  // Result snapshots of the final assessments, scored by the core.
  const compiled = bundledInstrument("permenpanrb-59-2020")!;
  const finals = rowsOf<{ id: number }>(await db.execute(sql`select id from assessments where stage = 'final' order by id`));
  for (let i = 0; i < finals.length; i += 200) {
    await db.insert(assessmentResults).values(
      finals.slice(i, i + 200).map(({ id }) => {
        const levels = compiled.codes.map((c) => 1 + ((id * 7 + Number(c) * 3 + "visitasi".length) % 5));
        const index10k = indexNumerator(compiled, levels);
        return { assessmentId: id, revision: 1, levels: Object.fromEntries(compiled.codes.map((c, k) => [c, levels[k]!])), index10k, predicate: predicateFor(compiled, index10k, "exact"), predicatePolicy: "exact" };
      }),
    );
  }
  await db.execute(sql`analyze`);
  const count = async (table: string) => rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
  return { official: await count("official_results"), assessments: await count("assessments"), answers: await count("answers") };
}

async function benchOn(kind: "pglite" | "postgres", requests: number) {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === "postgres") {
    const created = await createPostgresTestDatabase();
    database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 });
    cleanup = () => created.drop();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-dash-"));
    database = await openDatabase({ kind: "pglite", dataDir: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const t0 = performance.now();
    const size = await buildDataset(database);
    const buildMs = performance.now() - t0;
    const { db } = database;
    const provinces = rowsOf<{ code: string }>(await db.execute(sql`select code from agencies where category = 'provinsi' order by code`)).map((r) => r.code);
    const admin = await createUser(db, { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null }, { email: "bench@pandu.local", name: "Bench", roles: [{ role: "administrator", agencyId: null }] });
    const session = await createSession(db, { userId: admin.id, ip: null, userAgent: "bench", maxHours: 12 });
    const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } }, webDir: null });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const headers = { cookie: `pandu_session=${session.token}` };
    const cockpitPaths = provinces.map((p) => `/api/cockpit/provinces/${p}`);
    const filters = ["", "&category=kabupaten", "&category=provinsi", "&predicate=Baik", "&province=15", "&province=33"];
    const nationalPaths = [2023, 2024].flatMap((y) => filters.map((f) => `/api/national?year=${y}${f}`));
    try {
      await loadFromChild(base, headers, cockpitPaths, 20, 200); // warm-up
      await loadFromChild(base, headers, nationalPaths, 20, 200);
      const health = await loadFromChild(base, headers, ["/api/health"], 20, requests);
      const cockpit = await loadFromChild(base, headers, cockpitPaths, 20, requests);
      const national = await loadFromChild(base, headers, nationalPaths, 20, requests);
      const seqCockpit = await loadFromChild(base, headers, cockpitPaths, 1, 100);
      const line = (name: string, r: Stats) =>
        `${name} p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${fmt(r.rps)} req/s, ${r.errors} errors, p95 ratio to health ${(r.p95 / health.p95).toFixed(1)}`;
      console.log(
        `dashboards (${kind === "pglite" ? "PGlite" : "PostgreSQL"}, ${fmt(size.official)} official results, ${fmt(size.assessments)} assessments, ${fmt(size.answers)} answers, built in ${fmt(buildMs)} ms, load generator in a child process, 20 clients × ${requests} requests, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}):\n` +
          `  baseline /api/health p50 ${health.p50.toFixed(1)} ms, p95 ${health.p95.toFixed(1)} ms, ${fmt(health.rps)} req/s\n  ${line("cockpit", cockpit)}\n  ${line("national", national)}\n` +
          `  cockpit, one client at a time: p50 ${seqCockpit.p50.toFixed(1)} ms, p95 ${seqCockpit.p95.toFixed(1)} ms`,
      );
      return { health, cockpit, national };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

/**
 * The province cockpit and the national view under 20 concurrent clients on both databases, with
 * /api/health measured in the same run as the baseline. Target: p95 under 100 ms.
 */
export async function benchDashboards(requests = 1000) {
  await benchOn("pglite", requests);
  await benchOn("postgres", requests);
}
