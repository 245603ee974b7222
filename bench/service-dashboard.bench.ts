import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { seedDemoServices } from "../src/db/commands/seed-demo-services";
import { seedDemoComplaints } from "../src/db/commands/seed-demo-complaints";
import { demoResponses } from "../src/db/commands/seed-demo-skm";
import { createSurvey, insertResponsesUnchecked, setSurveyStatus } from "../src/db/commands/skm";
import { agencyIdsByCode } from "../src/db/queries/agency-ids";
import { listAgencyServices } from "../src/db/queries/public-services";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import type { AppContext } from "../src/server/context";
import { complaintWorkflow } from "../src/server/features/complaints/complaint-workflow";
import { loadServiceDashboard } from "../src/server/features/service-dashboard/load-service-dashboard";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt, median } from "./stats";

const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };

/**
 * `npm run bench -- service-dashboard` (PostgreSQL): the province service dashboard of Provinsi
 * Jambi for a year — 100,000 SKM responses over the surveys of province 15 and 15.71, the demo
 * complaints (each replayed by the workflow engine for its SLA), applications — beside a plain
 * `count(*)` of the responses (median of 5).
 */
export async function benchServiceDashboard() {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 });
  try {
    await seedDemo(database.db, { demoUsers: false });
    await seedDemoServices(database.db);
    await seedDemoComplaints(database.db, complaintWorkflow(), "2026-06-30");
    const ids = await agencyIdsByCode(database.db, ["15", "15.71"]);
    const surveys: number[] = [];
    for (const code of ["15", "15.71"]) {
      const agencyId = ids.get(code)!;
      for (const s of await listAgencyServices(database.db, agencyId)) {
        const id = await createSurvey(database.db, SYSTEM, agencyId, { serviceId: s.id, title: `Bench ${s.name}`, periodStart: "2026-01-01", periodEnd: "2026-12-31", population: 5000, counters: [] });
        await setSurveyStatus(database.db, SYSTEM, agencyId, id, "open");
        surveys.push(id);
      }
    }
    let left = 100_000;
    for (const [k, id] of surveys.entries()) {
      const n = k === surveys.length - 1 ? left : Math.floor(100_000 / surveys.length);
      await insertResponsesUnchecked(database.db, id, demoResponses(7000 + k, n));
      left -= n;
    }
    const ctx = { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE } } as AppContext;
    const now = new Date("2026-07-01T03:00:00Z");
    const dashboard = () => loadServiceDashboard(ctx, { id: ids.get("15")!, code: "15", name: "Provinsi Jambi" }, { year: 2026, granularity: "month", now, province: true });
    const countAll = () => database.db.execute(sql`select count(*) from skm_responses`);
    await dashboard();
    await countAll();
    const tDash: number[] = [];
    const tCount: number[] = [];
    let result: Awaited<ReturnType<typeof dashboard>> | null = null;
    for (let i = 0; i < 5; i++) {
      let s = performance.now();
      await countAll();
      tCount.push(performance.now() - s);
      s = performance.now();
      result = await dashboard();
      tDash.push(performance.now() - s);
    }
    const p = result!.province!.figures;
    console.log(`\nProvince service dashboard, PostgreSQL, ${fmt(p.surveys.respondents)} responses in ${p.surveys.surveys} surveys, ${p.complaints.received} complaints (median of 5)`);
    console.log(`  select count(*) of the responses: ${fmt(median(tCount), 1)} ms`);
    console.log(`  province dashboard (agency + province, monthly trend): ${fmt(median(tDash), 1)} ms  (${fmt(median(tDash) / median(tCount), 2)}× count(*); IKM ${p.surveys.ikm}, mutu ${p.surveys.mutu})`);
  } finally {
    await database.close();
    await created.drop();
  }
}
