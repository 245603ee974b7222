import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import fastifyStatic from "@fastify/static";
import { openDatabase, type Database } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { createApiToken } from "../src/db/commands/api-tokens";
import { createSession } from "../src/db/commands/sessions";
import { createUser } from "../src/db/commands/users";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt, median } from "./stats";
import { loadFromChild, type LoadStats } from "./load-child";
import { buildDataset } from "./dashboards.bench";

const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "dist/web");
const CONNECTIONS = 20;
/** Measured runs per line; each figure in the table is the median of them. */
const TRIALS = 3;

/** A server on a free loopback port; returns its base URL and a way to stop it. */
async function listen(app: ReturnType<typeof Fastify>) {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** The median of each figure of several runs (errors: their sum). */
function medianOf(runs: LoadStats[]): LoadStats {
  const mid = (f: (r: LoadStats) => number) => median(runs.map(f));
  return { rps: mid((r) => r.rps), p50: mid((r) => r.p50), p95: mid((r) => r.p95), p99: mid((r) => r.p99), errors: runs.reduce((n, r) => n + r.errors, 0) };
}

/** Warm-up, then TRIALS measured runs of `total` requests from a child process; the median of each figure. */
async function measure(base: string, paths: string[], headers: Record<string, string>, total: number): Promise<LoadStats> {
  return (await measureSideBySide(base, paths, [headers], total))[0]!;
}

/**
 * The same paths with several sets of headers (a cookie, a token), their runs interleaved trial by
 * trial so that each sees the same machine load; the median of each figure per set.
 */
async function measureSideBySide(base: string, paths: string[], headerSets: Record<string, string>[], total: number): Promise<LoadStats[]> {
  for (const headers of headerSets) await loadFromChild(base, headers, paths, CONNECTIONS, Math.min(200, total));
  const runs: LoadStats[][] = headerSets.map(() => []);
  for (let i = 0; i < TRIALS; i++) for (const [k, headers] of headerSets.entries()) runs[k]!.push(await loadFromChild(base, headers, paths, CONNECTIONS, total));
  return runs.map(medianOf);
}

/** Requests every path once, CONNECTIONS at a time (fills the response caches; not measured). */
async function warm(base: string, paths: string[], headers: Record<string, string>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < paths.length) await (await fetch(`${base}${paths[next++]!}`, { headers })).arrayBuffer();
    }),
  );
}

/**
 * An administrator signed in both ways (a session cookie and a read-only API token) and the paths of
 * the authenticated reads: every assessment's workspace, every province's cockpit, the national view
 * (two years × six filters).
 */
async function authenticatedReads(database: Database) {
  const { db } = database;
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  const system = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };
  const admin = await createUser(db, system, { email: "bench@pandu.local", name: "Bench", roles: [{ role: "administrator", agencyId: null }] });
  const session = await createSession(db, { userId: admin.id, ip: null, userAgent: "bench", maxHours: 12 });
  const token = await createApiToken(db, system, { userId: admin.id, name: "bench", scope: "read", days: 30 });
  const ids = rows<{ id: number }>(await db.execute(sql`select id from assessments order by id`)).map((r) => r.id);
  const provinces = rows<{ code: string }>(await db.execute(sql`select code from agencies where category = 'provinsi' order by code`)).map((r) => r.code);
  const filters = ["", "&category=kabupaten", "&category=provinsi", "&predicate=Baik", "&province=15", "&province=33"];
  return {
    cookie: { cookie: `pandu_session=${session.token}` },
    token: { authorization: `Bearer ${token.token}` },
    reads: [
      { name: "workspace GET /api/assessments/:id", paths: ids.map((id) => `/api/assessments/${id}`) },
      { name: "cockpit /api/cockpit/provinces/:code", paths: provinces.map((p) => `/api/cockpit/provinces/${p}`) },
      { name: "national /api/national", paths: [2023, 2024].flatMap((y) => filters.map((f) => `/api/national?year=${y}${f}`)) },
    ],
  };
}

async function openBenchDatabase(kind: "pglite" | "postgres"): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === "postgres") {
    const created = await createPostgresTestDatabase();
    return { database: await openDatabase({ kind: "postgres", url: created.url, poolSize: 20 }), cleanup: () => created.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-http-"));
  return { database: await openDatabase({ kind: "pglite", dataDir: dir }), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `npm run bench -- http`: throughput of the answers that are the same for everyone (public results,
 * agency and province pages, the app shell, a hashed asset) and, on PostgreSQL, of the authenticated
 * reads (workspace, cockpit, national view) with a session cookie and with an API token; 20
 * connections from a child process, median of three runs, beside a bare Fastify hello-world and a
 * bare @fastify/static serving the same precompressed file in the same run. Targets (issue #16):
 * public answers ≥ 20% of bare, the asset ≥ 80% of bare static, PGlite ≥ 50% of PostgreSQL;
 * authenticated reads ≥ 5% of bare with p99 < 100 ms, token within 20% of cookie.
 */
export async function benchHttp(total = 3000, options: { onlyAuthenticated?: boolean } = {}) {
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
  const manifest = JSON.parse(fs.readFileSync(path.join(web, ".vite/manifest.json"), "utf8")) as Record<string, { file: string; isEntry?: boolean }>;
  const asset = `/${Object.values(manifest).find((c) => c.isEntry)!.file}`;
  const br = { "accept-encoding": "br" };

  const bare = Fastify();
  bare.get("/hello", async () => ({ hello: "world" }));
  const bareBase = await listen(bare);
  const bareStatic = Fastify();
  await bareStatic.register(fastifyStatic, { root: web, preCompressed: true, maxAge: "1y", immutable: true });
  const staticBase = await listen(bareStatic);

  const rows: { name: string; stats: LoadStats; baseline: "bare" | "static"; kind?: string; read?: string; via?: "cookie" | "token" }[] = [];
  try {
    rows.push({ name: "bare Fastify hello-world", stats: await measure(bareBase, ["/hello"], {}, total), baseline: "bare" });
    rows.push({ name: "bare @fastify/static, entry JS (br)", stats: await measure(staticBase, [asset], br, total), baseline: "static" });
    for (const kind of options.onlyAuthenticated ? (["postgres"] as const) : (["pglite", "postgres"] as const)) {
      const { database, cleanup } = await openBenchDatabase(kind);
      try {
        // On PostgreSQL also the national dataset of the dashboards benchmark (1,845 assessments with answers).
        if (kind === "postgres") await buildDataset(database);
        else await seedDemo(database.db, { demoUsers: false });
        const auth = kind === "postgres" ? await authenticatedReads(database) : null;
        const app = await buildApp({
          context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, publicCacheMs: 1000 },
          webDir: web,
        });
        const base = await listen(app);
        try {
          const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
          if (!options.onlyAuthenticated) {
            rows.push({ name: `${label} /api/health`, stats: await measure(base, ["/api/health"], {}, total), baseline: "bare", kind });
            rows.push({ name: `${label} /api/public/results?year=2024 (br)`, stats: await measure(base, ["/api/public/results?year=2024"], br, total), baseline: "bare", kind });
            rows.push({ name: `${label} agency + province pages (br)`, stats: await measure(base, ["/api/public/agencies/15.71", "/api/public/agencies/33.74", "/api/public/provinces/15", "/api/public/provinces/33"], br, total), baseline: "bare", kind });
            rows.push({ name: `${label} app shell /publik (br)`, stats: await measure(base, ["/publik"], br, total), baseline: "bare", kind });
            rows.push({ name: `${label} entry JS (br)`, stats: await measure(base, [asset], br, total), baseline: "static", kind });
          }
          for (const read of auth?.reads ?? []) {
            await warm(base, read.paths, auth!.cookie);
            const [cookie, token] = await measureSideBySide(base, read.paths, [auth!.cookie, auth!.token], total);
            rows.push({ name: `${label} ${read.name}, cookie`, stats: cookie!, baseline: "bare", kind, read: read.name, via: "cookie" });
            rows.push({ name: `${label} ${read.name}, token`, stats: token!, baseline: "bare", kind, read: read.name, via: "token" });
          }
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
        await cleanup();
      }
    }
  } finally {
    await bare.close();
    await bareStatic.close();
  }
  const bareRps = rows[0]!.stats.rps;
  const staticRps = rows[1]!.stats.rps;
  const pgOf = (name: string) => rows.find((r) => r.kind === "postgres" && r.name.replace("PostgreSQL", "") === name.replace("PGlite", ""));
  const cookieOf = (r: (typeof rows)[number]) => rows.find((c) => c.kind === r.kind && c.read === r.read && c.via === "cookie");
  console.log(`http (${CONNECTIONS} connections, ${fmt(total)} requests per run, median of ${TRIALS} runs, load generator in a child process, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}):`);
  console.log("| answer | req/s | p50 ms | p99 ms | errors | of bare | PGlite/PostgreSQL | token/cookie |\n|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const of = r.stats.rps / (r.baseline === "bare" ? bareRps : staticRps);
    const pg = r.kind === "pglite" ? pgOf(r.name) : undefined;
    console.log(
      `| ${r.name} | ${fmt(r.stats.rps)} | ${r.stats.p50.toFixed(1)} | ${r.stats.p99.toFixed(1)} | ${r.stats.errors} | ${(of * 100).toFixed(0)}% of ${r.baseline === "bare" ? "hello-world" : "bare static"} | ${pg ? `${((r.stats.rps / pg.stats.rps) * 100).toFixed(0)}%` : ""} | ${r.via === "token" ? `${((r.stats.rps / cookieOf(r)!.stats.rps) * 100).toFixed(0)}%` : ""} |`,
    );
  }
}
