import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import fastifyStatic from "@fastify/static";
import { openDatabase, type Database } from "../src/db/client";
import { seedDemo } from "../src/db/commands/seed-demo";
import { DEFAULT_THROTTLE } from "../src/db/commands/login-throttle";
import { buildApp } from "../src/server/app";
import { DEFAULT_SESSION_SETTINGS } from "../src/server/auth/session-settings";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt } from "./stats";
import { loadFromChild, type LoadStats } from "./load-child";

const root = path.resolve(import.meta.dirname, "..");
const web = path.join(root, "dist/web");
const CONNECTIONS = 20;

/** A server on a free loopback port; returns its base URL and a way to stop it. */
async function listen(app: ReturnType<typeof Fastify>) {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** Warm-up, then one measured run of `total` requests from a child process. */
async function measure(base: string, paths: string[], headers: Record<string, string>, total: number): Promise<LoadStats> {
  await loadFromChild(base, headers, paths, CONNECTIONS, Math.min(200, total));
  return loadFromChild(base, headers, paths, CONNECTIONS, total);
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
 * agency and province pages, the app shell, a hashed asset), 20 connections from a child process,
 * beside a bare Fastify hello-world and a bare @fastify/static serving the same precompressed file in
 * the same run. Targets (issue #16): public answers ≥ 20% of bare, the asset ≥ 80% of bare static,
 * PGlite ≥ 50% of PostgreSQL.
 */
export async function benchHttp(total = 3000) {
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

  const rows: { name: string; stats: LoadStats; baseline: "bare" | "static"; kind?: string }[] = [];
  try {
    rows.push({ name: "bare Fastify hello-world", stats: await measure(bareBase, ["/hello"], {}, total), baseline: "bare" });
    rows.push({ name: "bare @fastify/static, entry JS (br)", stats: await measure(staticBase, [asset], br, total), baseline: "static" });
    for (const kind of ["pglite", "postgres"] as const) {
      const { database, cleanup } = await openBenchDatabase(kind);
      try {
        await seedDemo(database.db, { demoUsers: false });
        const app = await buildApp({
          context: { database, version: "bench", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, publicCacheMs: 1000 },
          webDir: web,
        });
        const base = await listen(app);
        try {
          const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
          rows.push({ name: `${label} /api/health`, stats: await measure(base, ["/api/health"], {}, total), baseline: "bare", kind });
          rows.push({ name: `${label} /api/public/results?year=2024 (br)`, stats: await measure(base, ["/api/public/results?year=2024"], br, total), baseline: "bare", kind });
          rows.push({ name: `${label} agency + province pages (br)`, stats: await measure(base, ["/api/public/agencies/15.71", "/api/public/agencies/33.74", "/api/public/provinces/15", "/api/public/provinces/33"], br, total), baseline: "bare", kind });
          rows.push({ name: `${label} app shell /publik (br)`, stats: await measure(base, ["/publik"], br, total), baseline: "bare", kind });
          rows.push({ name: `${label} entry JS (br)`, stats: await measure(base, [asset], br, total), baseline: "static", kind });
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
  console.log(`http (${CONNECTIONS} connections, ${fmt(total)} requests each, load generator in a child process, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}):`);
  console.log("| answer | req/s | p50 ms | p99 ms | errors | of bare | PGlite/PostgreSQL |\n|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const of = r.stats.rps / (r.baseline === "bare" ? bareRps : staticRps);
    const pg = r.kind === "pglite" ? pgOf(r.name) : undefined;
    console.log(
      `| ${r.name} | ${fmt(r.stats.rps)} | ${r.stats.p50.toFixed(1)} | ${r.stats.p99.toFixed(1)} | ${r.stats.errors} | ${(of * 100).toFixed(0)}% of ${r.baseline === "bare" ? "hello-world" : "bare static"} | ${pg ? `${((r.stats.rps / pg.stats.rps) * 100).toFixed(0)}%` : ""} |`,
    );
  }
}
