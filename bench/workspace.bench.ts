import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { createSession } from "../src/db/commands/sessions";
import { createUser } from "../src/db/commands/users";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt } from "./stats";
import { load } from "./load";

/**
 * The assessment workspace API on PostgreSQL with a national-scale synthetic dataset: every
 * regional and central agency with published results (~630) × 3 periods × 47 indicators × 4 stages
 * of answers. 20 concurrent clients fetch random workspaces; baseline: /api/health in the same run.
 */
export async function benchWorkspace(requests = 4000) {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 });
  try {
    const { db } = database;
    await seedDemo(db, { demoUsers: false });
    const t0 = performance.now();
    // 3 national periods, an assessment for every agency that has a published 2024 result
    await db.execute(sql`insert into periods (name, year, kind, with_visit, instrument_id, predicate_policy)
      select 'Evaluasi SPBE ' || y, y, 'evaluasi', true, 'permenpanrb-59-2020', 'exact' from generate_series(2022, 2024) y`);
    await db.execute(sql`insert into assessments (period_id, agency_id, stage)
      select p.id, r.agency_id, 'final' from periods p cross join (select distinct agency_id from official_results where year = 2024) r`);
    await db.execute(sql`insert into answers (assessment_id, stage, indicator_code, level, explanation, version)
      select a.id, s.stage, i::text, 1 + ((a.id * 7 + i * 3 + length(s.stage)) % 5), 'Penjelasan indikator ' || i, 1
      from assessments a cross join generate_series(1, 47) i cross join (values ('mandiri'), ('dokumen'), ('interviu'), ('visitasi')) s(stage)`);
    await db.execute(sql`analyze`);
    const [{ n: answers }] = ((await db.execute(sql`select count(*)::int as n from answers`)) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
    const ids = ((await db.execute(sql`select id from assessments`)) as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
    const buildMs = performance.now() - t0;

    const admin = await createUser(db, { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null }, { email: "bench@pandu.local", name: "Bench", roles: [{ role: "administrator", agencyId: null }] });
    const session = await createSession(db, { userId: admin.id, ip: null, userAgent: "bench", maxHours: 12 });
    const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } }, webDir: null });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const headers = { cookie: `pandu_session=${session.token}` };
    try {
      await load(() => `${base}/api/assessments/${ids[Math.floor(Math.random() * ids.length)]}`, headers, 20, 400); // warm-up
      const health = await load(() => `${base}/api/health`, headers, 20, requests);
      const seq = await load(() => `${base}/api/assessments/${ids[Math.floor(Math.random() * ids.length)]}`, headers, 1, 300);
      const ws = await load(() => `${base}/api/assessments/${ids[Math.floor(Math.random() * ids.length)]}`, headers, 20, requests);
      console.log(
        `workspace (PostgreSQL, ${fmt(ids.length)} assessments, ${fmt(answers)} answers, built in ${fmt(buildMs)} ms): ` +
          `p50 ${ws.p50.toFixed(1)} ms, p95 ${ws.p95.toFixed(1)} ms, p99 ${ws.p99.toFixed(1)} ms, ${fmt(ws.rps)} req/s, ${ws.errors} errors; ` +
          `baseline /api/health p95 ${health.p95.toFixed(1)} ms, ${fmt(health.rps)} req/s; p95 ratio ${(ws.p95 / health.p95).toFixed(1)}; ` +
          `one client at a time: p50 ${seq.p50.toFixed(1)} ms, p95 ${seq.p95.toFixed(1)} ms`,
      );
      return { ws, health, assessments: ids.length, answers };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await created.drop();
  }
}
