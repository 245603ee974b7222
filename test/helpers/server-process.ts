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

export interface ServerProcess {
  /** The port the server listens on; known once `ready()` resolved. */
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the port when the server says it is ready (IPC message from main.ts); rejects when it exits first or after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<number>;
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
  let out = "";
  let listening = port;
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  // "close", not "exit": the output is complete once the pipes are closed.
  const exit = new Promise<number | null>((resolve) =>
    child.once("close", (code) => {
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
    ready: (timeoutMs = 90_000) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`server not ready after ${timeoutMs} ms:\n${out}`)), timeoutMs);
      });
      return Promise.race([ready, late]).finally(() => clearTimeout(timer));
    },
    exited: () => exit,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}

/** Waits for the server's ready message, then checks that /api/health answers 200; returns its body. */
export async function waitForHealth(server: ServerProcess, timeoutMs?: number): Promise<unknown> {
  await server.ready(timeoutMs);
  const res = await fetch(`${server.url}/api/health`);
  if (!res.ok) throw new Error(`/api/health answered ${res.status} after the server said it was ready:\n${server.output()}`);
  return res.json();
}
