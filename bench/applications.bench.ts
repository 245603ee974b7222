import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { citizenByEmail, createCitizenSession } from "../src/db/commands/citizens";
import { createSession } from "../src/db/commands/sessions";
import { createUser } from "../src/db/commands/users";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { agencyIdsByCode } from "../src/db/queries/agency-ids";
import { officerQueue } from "../src/db/queries/applications";
import { calendarDayAt } from "../src/core";
import { LocalEvidenceStorage } from "../src/lib/storage";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { generateApplications } from "./applications-data";
import { startHelloWorld } from "./load";
import { loadFromChild, scenarioFromChild } from "./load-child";
import { fmt } from "./stats";

const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };
const QUEUE_CLIENTS = 10;
const CITIZENS = 50;

/**
 * `npm run bench -- applications [count]` (PostgreSQL, DATABASE_URL / PANDU_TEST_POSTGRES_URL):
 * (1) generates `count` synthetic applications (default 1,000,000; bench/applications-data.ts) and
 * times it; (2) the officers' queue `GET /api/agencies/15.71/applications` with each SLA filter at 10
 * concurrent officers — p95 (target < 50 ms) — with the plan PostgreSQL chooses for each filter;
 * (3) application submission with an attachment at 50 concurrent citizens (start a draft, upload a
 * PDF, submit) — p99 of the upload and of the submit (target < 200 ms) — beside a bare Fastify
 * hello-world measured in the same run. Clients run in a child process (bench/scenario-client.ts).
 */
export async function benchApplications(count = Number(process.env.PANDU_BENCH_APPLICATIONS ?? 1_000_000)) {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20, timeouts: { connectMs: 10_000, statementMs: 0, idleInTransactionMs: 0 } });
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-applications-"));
  const bare = await startHelloWorld();
  const bareBase = bare.url;
  try {
    await seedDemo(database.db, { demoUsers: false });
    const today = calendarDayAt(Date.now());
    const t0 = performance.now();
    const data = await generateApplications(database.db, { count, today });
    const genMs = performance.now() - t0;
    const [{ n, city }] = (await database.db.execute(sql`select count(*)::int as n, count(*) filter (where agency_id = (select id from agencies where code = '15.71'))::int as city from applications`) as unknown as { rows: [{ n: number; city: number }] }).rows;
    console.log(`\nSynthetic applications: ${fmt(n)} rows (${fmt(city)} in 15.71) over ${data.agencies} agencies × 5 services, generated in ${fmt(genMs / 1000, 1)} s`);

    const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
    const { id: officerId } = await createUser(database.db, SYSTEM, { email: "petugas.bench@pandu.local", name: "Petugas Uji", roles: [{ role: "pejabat_layanan", agencyId }], passwordHash: null });
    const session = await createSession(database.db, { userId: officerId, ip: null, userAgent: "bench", maxHours: 12 });
    const storage = new LocalEvidenceStorage(evidenceDir);
    const app = await buildApp({ context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, storage }, webDir: null });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    // (2) The queue, each filter, with the plan.
    const officer = { cookie: `pandu_session=${session.token}` };
    const filters = ["", "sla=breached", "sla=due_soon", "sla=on_track", "sla=paused&scope=all", `serviceId=${data.services[0]}&scope=all`];
    await loadFromChild(base, officer, ["/api/agencies/15.71/applications"], QUEUE_CLIENTS, 200);
    await loadFromChild(bareBase, {}, ["/hello"], 50, 200);
    const hello1 = await loadFromChild(bareBase, {}, ["/hello"], 1, 300);
    const hello = await loadFromChild(bareBase, {}, ["/hello"], QUEUE_CLIENTS, 2000);
    console.log(`\nOfficer queue GET /api/agencies/15.71/applications, ${QUEUE_CLIENTS} concurrent officers, 200 requests from one officer and 500 from ten per filter (target p95 < 50 ms)`);
    console.log(`  bare Fastify hello-world         1 client: p50 ${fmt(hello1.p50, 1)} ms  p95 ${fmt(hello1.p95, 1)} ms | ${QUEUE_CLIENTS} clients: p50 ${fmt(hello.p50, 1)} ms  p95 ${fmt(hello.p95, 1)} ms  ${fmt(hello.rps)} req/s`);
    for (const f of filters) {
      const url = `/api/agencies/15.71/applications${f ? `?${f}` : ""}`;
      const one = await loadFromChild(base, officer, [url], 1, 200);
      const r = await loadFromChild(base, officer, [url], QUEUE_CLIENTS, 500);
      console.log(`  ${(f || "(role scope, no filter)").padEnd(32)} 1 officer: p50 ${fmt(one.p50, 1)} ms  p95 ${fmt(one.p95, 1)} ms | ${QUEUE_CLIENTS} officers: p50 ${fmt(r.p50, 1)} ms  p95 ${fmt(r.p95, 1)} ms  ${fmt(r.rps)} req/s  errors ${r.errors + one.errors}`);
    }
    const roles = ["verifikator", "petugas_loket", "pengolah", "kepala_unit"];
    const explain = new pg.Client({ connectionString: created.url });
    await explain.connect();
    for (const [label, f] of [["role scope", { roles }], ["breached", { sla: "breached" as const, roles }], ["due_soon", { sla: "due_soon" as const, roles }], ["on_track", { sla: "on_track" as const, roles }], ["paused", { sla: "paused" as const }]] as const) {
      const q = officerQueue(database.db, agencyId, today, f).toSQL();
      const plan = (await explain.query<Record<string, string>>(`explain (analyze, costs off, timing off, summary off) ${q.sql}`, q.params as unknown[])).rows.map((r) => r["QUERY PLAN"]!);
      console.log(`  plan (${label}): ${plan.filter((l) => /Scan|Sort|Limit/.test(l)).map((l) => l.trim()).join(" | ")}`);
    }
    await explain.end();

    // (3) Submission with an attachment at 50 concurrent citizens.
    const citizens: Record<string, string>[] = [];
    for (let i = 0; i < CITIZENS; i++) {
      const c = await citizenByEmail(database.db, `pemohon.${i}@bench.pandu.local`, new Date());
      const s = await createCitizenSession(database.db, { citizenId: c.id, method: "email_code", ip: null, userAgent: "bench", maxHours: 12, now: new Date() });
      citizens.push({ cookie: `pandu_citizen=${s.token}`, "x-csrf-token": s.csrfToken });
    }
    const serviceId = data.services[0]!;
    const applyRun = (total: number) => scenarioFromChild("applicationSubmit", { base, citizens, serviceId }, CITIZENS, total);
    await applyRun(100); // warm-up
    const helloC = await loadFromChild(bareBase, {}, ["/hello"], CITIZENS, 2000);
    const run = await applyRun(CITIZENS * 10);
    const q = (label: string) => run.stats[label] ?? { p50: NaN, p99: NaN };
    console.log(`\nApplication submission with an attachment, ${CITIZENS} concurrent citizens in a child process (closed loop, no think time), ${fmt(CITIZENS * 10)} applications (start, upload a PDF, submit), ${fmt(n)} applications in the database`);
    console.log(`  bare Fastify hello-world (50 clients): p50 ${fmt(helloC.p50, 1)} ms  p99 ${fmt(helloC.p99, 1)} ms`);
    console.log(`  POST start draft:     p50 ${fmt(q("start").p50, 1)} ms  p99 ${fmt(q("start").p99, 1)} ms`);
    console.log(`  POST upload (multipart PDF): p50 ${fmt(q("upload").p50, 1)} ms  p99 ${fmt(q("upload").p99, 1)} ms`);
    console.log(`  POST submit:          p50 ${fmt(q("submit").p50, 1)} ms  p99 ${fmt(q("submit").p99, 1)} ms  (${fmt(q("submit").p99 / helloC.p99, 1)}× hello-world p99; target < 200 ms)`);
    console.log(`  ${fmt(run.stepsPerSecond, 1)} applications/s, errors ${run.errors}${run.failures.length ? ` (${run.failures.join(" · ")})` : ""}`);
    await app.close();
  } finally {
    await bare.close();
    await database.close();
    await created.drop();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
  }
}
