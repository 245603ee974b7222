import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, spawnServer, waitForHealth, type ServerProcess } from "../test/helpers/server-process";
import { fmt, median } from "./stats";

/** Time for a bare Node HTTP server process to answer its first request: the baseline. */
export async function bareNodeStartMs(): Promise<number> {
  const port = await freePort();
  const t0 = Date.now();
  const child = spawn(process.execPath, ["-e", `require("http").createServer((q,s)=>s.end("ok")).listen(${port},"127.0.0.1")`]);
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return Date.now() - t0;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    child.kill();
  }
}

/** Milliseconds from spawning the server to its first 200 from /api/health. */
async function startedMs(env: Record<string, string | undefined>, timeoutMs?: number): Promise<{ ms: number; server: ServerProcess }> {
  const t0 = Date.now();
  const server = spawnServer(env);
  await waitForHealth(server, timeoutMs);
  return { ms: Date.now() - t0, server };
}

/**
 * Restart on an existing PGlite data directory: from process spawn to the first 200 from
 * /api/health, as `node --import tsx src/server/main.ts` (what `npm start` runs after its build
 * check). The first start (with seeding) is reported separately.
 */
export async function benchRestart(restarts = 5): Promise<{ firstStartMs: number; restartMs: number; baselineMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-restart-"));
  try {
    const first = await startedMs({ PANDU_DATA_DIR: dir, DATABASE_URL: undefined, PANDU_DEMO: "true" }, 120_000);
    await first.server.stop();
    const firstStartMs = first.ms;
    const times: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < restarts; i++) {
      const { ms, server } = await startedMs({ PANDU_DATA_DIR: dir, DATABASE_URL: undefined });
      times.push(ms);
      await server.stop();
      baselines.push(await bareNodeStartMs());
    }
    const restartMs = median(times);
    const baselineMs = median(baselines);
    console.log(
      `restart: first start (migrate + seed) ${fmt(firstStartMs)} ms; restart to /api/health median ${fmt(restartMs)} ms [${times.join(", ")}]; ` +
        `bare node http server ${fmt(baselineMs)} ms; ratio ${fmt(restartMs / baselineMs, 1)}`,
    );
    return { firstStartMs, restartMs, baselineMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
