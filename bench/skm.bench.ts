import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { seedDemoServices } from "../src/db/commands/seed-demo-services";
import { demoResponses } from "../src/db/commands/seed-demo-skm";
import { createSurvey, insertResponsesUnchecked, setSurveyStatus } from "../src/db/commands/skm";
import { agencyIdsByCode } from "../src/db/queries/agency-ids";
import { listAgencyServices } from "../src/db/queries/public-services";
import { surveysInScope, surveyTallies } from "../src/db/queries/skm";
import { aggregateIkm, emptyTally } from "../src/core";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { startHelloWorld } from "./load";
import { loadFromChild, scenarioFromChild } from "./load-child";
import { fmt, median } from "./stats";

const CONCURRENCY = 50;
/** Measured runs of each line; the table shows the median of each figure. */
const TRIALS = 3;
const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };

/**
 * `npm run bench -- skm` (PostgreSQL): (1) public survey submission at 50 concurrent respondents —
 * p99 beside a bare Fastify hello-world in the same run (target p99 < 100 ms); (2) the pooled IKM of
 * a province with 100,000 responses read from the database (36 counts per survey in SQL, the IKM in
 * the core) beside a plain `count(*)` of the same rows (target < 500 ms). Clients run in a child process.
 */
export async function benchSkm(total = 3000) {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 });
  const bare = await startHelloWorld();
  const bareBase = bare.url;
  try {
    await seedDemo(database.db, { demoUsers: false });
    await seedDemoServices(database.db);
    const ids = await agencyIdsByCode(database.db, ["15", "15.71"]);
    const surveys: number[] = [];
    for (const code of ["15", "15.71"]) {
      const agencyId = ids.get(code)!;
      for (const s of await listAgencyServices(database.db, agencyId)) {
        const id = await createSurvey(database.db, SYSTEM, agencyId, { serviceId: s.id, title: `Bench ${s.name}`, periodStart: "2000-01-01", periodEnd: "2099-12-31", population: 5000, counters: [] });
        await setSurveyStatus(database.db, SYSTEM, agencyId, id, "open");
        surveys.push(id);
      }
    }
    const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, skmRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } }, webDir: null });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const target = surveys[0]!;
    const submit = (prefix: string, total: number) => scenarioFromChild("skmSubmit", { base, surveyId: target, devicePrefix: `bench-device-${prefix}` }, CONCURRENCY, total);
    await loadFromChild(bareBase, {}, ["/hello"], CONCURRENCY, 200); // warm-up
    await submit("warm", 200);
    const hello: { p50: number; p99: number; rps: number }[] = [];
    const sub: { p50: number; p99: number; rps: number; errors: number }[] = [];
    for (let k = 0; k < TRIALS; k++) {
      hello.push(await loadFromChild(bareBase, {}, ["/hello"], CONCURRENCY, total));
      const r = await submit(`trial${k}`, total);
      if (r.failures.length) console.log(`  failures: ${r.failures.join(" · ")}`);
      sub.push({ ...r.stats.submit!, rps: r.stepsPerSecond, errors: r.errors });
    }
    const mid = <T>(rows: T[], f: (r: T) => number) => median(rows.map(f));
    console.log(`\nSKM submission, PostgreSQL, ${CONCURRENCY} concurrent respondents in a child process (closed loop, no think time), ${fmt(total)} requests, median of ${TRIALS} runs`);
    console.log(`  bare Fastify hello-world:   p50 ${fmt(mid(hello, (r) => r.p50), 1)} ms  p99 ${fmt(mid(hello, (r) => r.p99), 1)} ms  ${fmt(mid(hello, (r) => r.rps))} req/s`);
    console.log(`  POST survey response:       p50 ${fmt(mid(sub, (r) => r.p50), 1)} ms  p99 ${fmt(mid(sub, (r) => r.p99), 1)} ms  ${fmt(mid(sub, (r) => r.rps))} req/s  errors ${sub.reduce((n, r) => n + r.errors, 0)}  (${fmt(mid(sub, (r) => r.rps) / mid(hello, (r) => r.rps), 3)}× hello-world req/s; target p99 < 100 ms)`);
    await app.close();

    // 100,000 responses over the province's surveys (those already stored included).
    const already = (await surveyTallies(database.db, surveys)).get(target)?.respondents ?? 0;
    let left = 100_000 - already;
    for (const [k, id] of surveys.entries()) {
      const n = k === surveys.length - 1 ? left : Math.floor((100_000 - already) / surveys.length);
      await insertResponsesUnchecked(database.db, id, demoResponses(9000 + k, n));
      left -= n;
    }
    const province = async () => {
      const rows = await surveysInScope(database.db, { provinceCode: "15", publishedOnly: true });
      const counts = await surveyTallies(database.db, rows.map((r) => r.id));
      return aggregateIkm(rows.map((r) => {
        const c = counts.get(r.id);
        const t = emptyTally();
        if (c) { t.respondents = c.respondents; c.counts.forEach((v, i) => (t.counts[i] = v)); }
        return { tally: t, population: r.population ?? undefined };
      }));
    };
    const countAll = () => database.db.execute(sql`select count(*) from skm_responses`);
    await province();
    await countAll();
    const tIkm: number[] = [];
    const tCount: number[] = [];
    let result: Awaited<ReturnType<typeof province>> | null = null;
    for (let i = 0; i < 5; i++) {
      let s = performance.now();
      await countAll();
      tCount.push(performance.now() - s);
      s = performance.now();
      result = await province();
      tIkm.push(performance.now() - s);
    }
    console.log(`\nSKM province IKM from the database, PostgreSQL, ${fmt(result!.respondents)} responses in ${result!.parts} surveys (median of 5)`);
    console.log(`  select count(*) of the rows: ${fmt(median(tCount), 1)} ms`);
    console.log(`  pooled IKM of province 15:   ${fmt(median(tIkm), 1)} ms  (${fmt(median(tIkm) / median(tCount), 2)}× count(*); IKM ${result!.ikm}, mutu ${result!.mutu}; target < 500 ms)`);
  } finally {
    await bare.close();
    await database.close();
    await created.drop();
  }
}
