import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/client";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };

// Several instances on one PostgreSQL database (the embedded database belongs to one process).
interface JobLine {
  job: string;
  periodStart: string;
  instance: string;
}

/** The periodic job runs a process logged (LOG_LEVEL=info). */
const jobRuns = (s: ServerProcess): JobLine[] =>
  s
    .output()
    .split("\n")
    .filter((l) => l.includes('"periodic job ran"'))
    .map((l) => JSON.parse(l) as JobLine);

/** Jobs run every 300 ms here instead of every hour, so several periods pass within the test. */
const JOB_INTERVAL_MS = 300;

describe.runIf(TEST_DB_KIND === "postgres")("three instances starting at once on an empty PostgreSQL database", () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>> | undefined;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await created?.drop();
  });

  it("all three come up; each migration ran once and the data was seeded once", async () => {
    created = await createPostgresTestDatabase();
    for (let i = 0; i < 3; i++) servers.push(spawnServer({ DATABASE_URL: created.url, PANDU_DATA_DIR: undefined, PANDU_WORKERS: undefined, LOG_LEVEL: "info", PANDU_JOB_INTERVAL_MS: String(JOB_INTERVAL_MS) }));
    const healths = await Promise.all(servers.map((s) => waitForHealth(s, 120_000)));
    expect(healths).toHaveLength(3);
    for (const s of servers) expect(s.output()).not.toMatch(/failed to start/);

    const client = new pg.Client({ connectionString: created.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number; distinct_hashes: number }>("select count(*)::int as n, count(distinct hash)::int as distinct_hashes from drizzle.__drizzle_migrations");
      expect(rows[0]).toEqual({ n: journal.entries.length, distinct_hashes: journal.entries.length });
      // The first seed ran in exactly one process; the others found the database seeded.
      expect(servers.map((s) => s.output().match(/hasil resmi/g)?.length ?? 0).sort()).toEqual([0, 0, 1]);
      const agencies = await client.query<{ n: number; codes: number }>("select count(*)::int as n, count(distinct code)::int as codes from agencies");
      expect(agencies.rows[0]!.n).toBe(agencies.rows[0]!.codes);
      expect(agencies.rows[0]!.n).toBeGreaterThan(500);
    } finally {
      await client.end();
    }
  }, 180_000);

  it("each periodic job runs once per period in the cluster, not once per instance", async () => {
    expect(servers).toHaveLength(3);
    const all = () => servers.flatMap(jobRuns);
    const periods = (job: string) => new Set(all().filter((r) => r.job === job).map((r) => r.periodStart)).size;
    await expect.poll(() => Math.min(periods("evidence-sweep"), periods("notifications-prune")), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    const runs = all();
    // Every instance ticks in every period; had each run what it ticked, periods would repeat.
    const keys = runs.map((r) => `${r.job}@${r.periodStart}`);
    expect(keys.length).toBe(new Set(keys).size);
    for (const r of runs) expect(Date.parse(r.periodStart) % JOB_INTERVAL_MS).toBe(0);
    // The runs are spread over the instances that claimed first, and each is recorded once in job_runs.
    const client = new pg.Client({ connectionString: created!.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ job: string; period: string; instance_id: string }>("select job, to_char(period_start at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') as period, instance_id from job_runs");
      const recorded = new Map(rows.map((r) => [`${r.job}@${r.period}`, r.instance_id]));
      for (const r of runs) expect(recorded.get(`${r.job}@${r.periodStart}`)).toBe(r.instance);
    } finally {
      await client.end();
    }
  }, 90_000);
});
