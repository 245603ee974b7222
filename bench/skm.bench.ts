import { sql } from "drizzle-orm";
import Fastify from "fastify";
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
import { percentile } from "./load";
import { fmt, median } from "./stats";

const CONCURRENCY = 50;
const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };

/** `total` requests from CONCURRENCY clients in this process; `request(i)` sends the i-th. Latencies in ms. */
async function drive(total: number, request: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < total) {
        const i = issued++;
        const s = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (!res.ok) errors++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { p50: median(latencies), p99: percentile(latencies, 99), rps: latencies.length / ((performance.now() - t0) / 1000), errors };
}

/**
 * `npm run bench -- skm` (PostgreSQL): (1) public survey submission at 50 concurrent respondents —
 * p99 beside a bare Fastify hello-world in the same run (target p99 < 100 ms); (2) the pooled IKM of
 * a province with 100,000 responses read from the database (36 counts per survey in SQL, the IKM in
 * the core) beside a plain `count(*)` of the same rows (target < 500 ms). Clients run in this process.
 */
export async function benchSkm(total = 3000) {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 });
  const bare = Fastify();
  bare.get("/hello", async () => ({ hello: "world" }));
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
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
    const answers = { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 2 };
    const target = surveys[0]!;
    const submit = (i: number) => fetch(`${base}/api/public/surveys/${target}/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers, sex: "P", deviceToken: `bench-device-${String(i).padStart(8, "0")}` }) });
    await drive(200, (i) => fetch(`${bareBase}/hello?${i}`));
    await drive(200, (i) => submit(1_000_000 + i)); // warm-up
    const hello = await drive(total, () => fetch(`${bareBase}/hello`));
    const sub = await drive(total, (i) => submit(i));
    console.log(`\nSKM submission, PostgreSQL, ${CONCURRENCY} concurrent clients, ${fmt(total)} requests`);
    console.log(`  bare Fastify hello-world:   p50 ${fmt(hello.p50, 1)} ms  p99 ${fmt(hello.p99, 1)} ms  ${fmt(hello.rps)} req/s`);
    console.log(`  POST survey response:       p50 ${fmt(sub.p50, 1)} ms  p99 ${fmt(sub.p99, 1)} ms  ${fmt(sub.rps)} req/s  errors ${sub.errors}  (${fmt(sub.rps / hello.rps, 3)}× hello-world req/s; target p99 < 100 ms)`);
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
