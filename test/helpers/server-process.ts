import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** tsx's loader by its file URL: `--import tsx` would be looked up from the (temporary) working directory. */
const TSX = pathToFileURL(createRequire(path.join(ROOT, "package.json")).resolve("tsx")).href;

/** A port nobody listens on right now (for benchmarks of other programs; the server itself takes PORT=0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** How long a starting server may go without using CPU or writing output before it counts as hung. */
const DEFAULT_STALL_MS = 120_000;
/** A backstop for a server that keeps busy but never gets ready (e.g. a start-up loop). */
const MAX_START_MS = Number(process.env.PANDU_TEST_MAX_START_MS ?? 900_000);

/**
 * CPU time (clock ticks) used so far by `pid` and its direct children (cluster workers), read from
 * /proc; null where there is no /proc.
 */
function cpuTicks(pid: number | undefined): number | null {
  if (pid === undefined || !fs.existsSync(`/proc/${pid}/stat`)) return null;
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    // After "pid (comm) ": state, ppid, …, utime (14th field), stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(entry) === pid || Number(fields[1]) === pid) total += Number(fields[11]) + Number(fields[12]);
  }
  return total;
}

/**
 * Servers still running: killed when the test process ends, so a hook that timed out before it could
 * stop one leaves none behind. One set per process (a test worker may load this module once per file).
 */
const RUNNING = Symbol.for("pandu.test.runningServers");
const registry = globalThis as { [RUNNING]?: Set<ChildProcess> };
const running = (registry[RUNNING] ??= (() => {
  const set = new Set<ChildProcess>();
  process.once("exit", () => {
    for (const child of set) child.kill("SIGKILL");
  });
  return set;
})());

export interface ServerProcess {
  /** The port the server listens on; known once `ready()` resolved. */
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  output(): string;
  /**
   * Resolves with the port when the server says it is ready (IPC message from main.ts). Rejects when
   * the process exits first, or when it shows no sign of life (no CPU time used by it or its
   * workers, no output) for `stallMs`; a slow start on a loaded machine that keeps working is waited for.
   */
  ready(stallMs?: number): Promise<number>;
  /** Waits for the process to end by itself; resolves with its exit code. */
  exited(): Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the real server (`src/server/main.ts` through tsx, or a compiled `entry` such as
 * `dist/server/main.js`) as its own process. It listens
 * on `port`, by default 0: the system picks a free port and the server reports it in its ready
 * message, so two tests never race for one. The working directory is a fresh temporary one, so
 * a server without PANDU_DATA_DIR writes its `./data` there, never into the checkout.
 */
export function spawnServer(env: Record<string, string | undefined>, port = 0, entry?: string): ServerProcess {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cwd-"));
  const args = entry ? [entry] : ["--import", TSX, path.join(ROOT, "src/server/main.ts")];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: String(port), PANDU_PUBLIC_CACHE_MS: "0", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  running.add(child);
  let out = "";
  let listening = port;
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  // "close", not "exit": the output is complete once the pipes are closed.
  const exit = new Promise<number | null>((resolve) =>
    child.once("close", (code) => {
      running.delete(child);
      fs.rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const ready = new Promise<number>((resolve, reject) => {
    child.on("message", (m: { pandu?: string; port?: number }) => {
      if (m?.pandu !== "ready" || typeof m.port !== "number") return;
      listening = m.port;
      resolve(m.port);
    });
    void exit.then((code) => reject(new Error(`server exited before it was ready (${code}):\n${out}`)));
  });
  ready.catch(() => undefined); // a process expected to fail is awaited through exited()
  return {
    get port() {
      return listening;
    },
    get url() {
      return `http://127.0.0.1:${listening}`;
    },
    child,
    output: () => out,
    ready: (stallMs = DEFAULT_STALL_MS) => {
      let watch: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        let seen = { cpu: cpuTicks(child.pid), out: out.length };
        let lastSign = performance.now();
        const started = lastSign;
        watch = setInterval(() => {
          const now = { cpu: cpuTicks(child.pid), out: out.length };
          // Without /proc (not Linux) CPU time is unknown: only the absolute limit applies then.
          if (now.cpu === null || now.cpu !== seen.cpu || now.out !== seen.out) lastSign = performance.now();
          seen = now;
          const quiet = performance.now() - lastSign;
          if (quiet > stallMs) reject(new Error(`server not ready and showing no sign of life for ${Math.round(quiet / 1000)} s:\n${out}`));
          else if (performance.now() - started > MAX_START_MS) reject(new Error(`server not ready after ${MAX_START_MS / 1000} s:\n${out}`));
        }, 1_000);
      });
      return Promise.race([ready, stalled]).finally(() => clearInterval(watch));
    },
    exited: () => exit,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}

/** Waits for the server's ready message (see `ready` for `stallMs`), then checks that /api/health answers 200; returns its body. */
export async function waitForHealth(server: ServerProcess, stallMs?: number): Promise<unknown> {
  await server.ready(stallMs);
  const res = await fetch(`${server.url}/api/health`);
  if (!res.ok) throw new Error(`/api/health answered ${res.status} after the server said it was ready:\n${server.output()}`);
  return res.json();
}
