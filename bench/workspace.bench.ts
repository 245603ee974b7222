import os from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { createSession } from "../src/db/commands/sessions";
import { createUser } from "../src/db/commands/users";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { spawnServer, waitForHealth } from "../test/helpers/server-process";
import { fmt } from "./stats";
import { loadFromChild, type LoadStats } from "./load-child";

/**
 * The assessment workspace API on PostgreSQL with a national-scale synthetic dataset: every
 * regional and central agency with published results (~630) × 3 periods × 47 indicators × 4 stages
 * of answers. 20 concurrent clients (a child process) fetch random workspaces, from an app with the
 * response cache (warmed by one pass over every assessment, which also measures a miss) and from
 * one with the cache off, then from the real server with two worker processes (PANDU_WORKERS=2);
 * baseline: /api/health in the same run.
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
    await db.execute(sql`insert into answers (assessment_id, stage, indicator_code, value_hundredths, explanation, version)
      select a.id, s.stage, i::text, 100 * (1 + ((a.id * 7 + i * 3 + length(s.stage)) % 5)), 'Penjelasan indikator ' || i, 1
      from assessments a cross join generate_series(1, 47) i cross join (values ('mandiri'), ('dokumen'), ('interviu'), ('visitasi')) s(stage)`);
    await db.execute(sql`analyze`);
    const [{ n: answers }] = ((await db.execute(sql`select count(*)::int as n from answers`)) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
    const ids = ((await db.execute(sql`select id from assessments`)) as unknown as { rows: { id: number }[] }).rows.map((r) => r.id);
    const buildMs = performance.now() - t0;

    const admin = await createUser(db, { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null }, { email: "bench@pandu.local", name: "Bench", roles: [{ role: "administrator", agencyId: null }] });
    const session = await createSession(db, { userId: admin.id, ip: null, userAgent: "bench", maxHours: 12 });
    const headers = { cookie: `pandu_session=${session.token}` };
    const paths = ids.map((id) => `/api/assessments/${id}`);
    const start = async (cacheMb: string) => {
      process.env.PANDU_CACHE_MB = cacheMb; // read when the routes are registered
      const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } }, webDir: null });
      await app.listen({ port: 0, host: "127.0.0.1" });
      return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
    };
    const cached = await start("256");
    const uncached = await start("0");
    delete process.env.PANDU_CACHE_MB;
    try {
      const size = (await (await fetch(`${cached.base}${paths[0]}`, { headers })).text()).length;
      // One client, every assessment once: each request misses the cache and fills it.
      const cold = await loadFromChild(cached.base, headers, paths, 1, ids.length);
      const health = await loadFromChild(cached.base, headers, ["/api/health"], 20, requests);
      const ws = await loadFromChild(cached.base, headers, paths, 20, requests);
      const seq = await loadFromChild(cached.base, headers, paths, 1, 300);
      const off = await loadFromChild(uncached.base, headers, paths, 20, requests);
      // The real server with PANDU_WORKERS=2 on the same database (each worker warms its own cache).
      const workers = await spawnServer({ DATABASE_URL: created.url, PANDU_WORKERS: "2", PANDU_CACHE_MB: "256", PANDU_DATA_DIR: undefined, LOG_LEVEL: "warn" });
      let two: LoadStats;
      let twoHealth: LoadStats;
      try {
        await waitForHealth(workers, 60_000);
        await loadFromChild(workers.url, headers, paths, 4, ids.length * 4);
        twoHealth = await loadFromChild(workers.url, headers, ["/api/health"], 20, requests);
        two = await loadFromChild(workers.url, headers, paths, 20, requests);
      } finally {
        await workers.stop();
      }
      const line = (name: string, r: LoadStats) => `${name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ${fmt(r.rps)} req/s, ${r.errors} errors, p95 / health p95 ${(r.p95 / health.p95).toFixed(1)}`;
      console.log(
        `workspace (PostgreSQL, ${fmt(ids.length)} assessments, ${fmt(answers)} answers, ~${fmt(size / 1024)} KB per body, built in ${fmt(buildMs)} ms, load generator in a child process, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}):\n` +
          `  baseline /api/health, 20 clients: p50 ${health.p50.toFixed(1)} ms, p95 ${health.p95.toFixed(1)} ms, ${fmt(health.rps)} req/s\n` +
          `  ${line("cached, 20 clients", ws)}\n  ${line("cache off, 20 clients", off)}\n` +
          `  two worker processes (PANDU_WORKERS=2, the real server): /api/health p95 ${twoHealth.p95.toFixed(1)} ms; ${line("cached, 20 clients", two)}\n` +
          `  one client: cached p50 ${seq.p50.toFixed(1)} ms, p95 ${seq.p95.toFixed(1)} ms; first request of each assessment (miss) p50 ${cold.p50.toFixed(1)} ms, p95 ${cold.p95.toFixed(1)} ms`,
      );
      return { ws, off, health, cold, seq, two, twoHealth, assessments: ids.length, answers };
    } finally {
      await cached.app.close();
      await uncached.app.close();
    }
  } finally {
    await database.close();
    await created.drop();
  }
}
