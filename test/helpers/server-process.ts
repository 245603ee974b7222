import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A port nobody listens on right now. */
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
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Waits for the process to end by itself; resolves with its exit code. */
  exited(): Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the real server (`src/server/main.ts`) as its own process, as `npm start` does. */
export async function spawnServer(env: Record<string, string | undefined>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", PORT: String(p), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    port: p,
    url: `http://127.0.0.1:${p}`,
    child,
    output: () => out,
    exited: () => exit,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}

/** Polls /api/health until it answers 200, the process dies, or the timeout passes. */
export async function waitForHealth(server: ServerProcess, timeoutMs = 60_000): Promise<{ ms: number; body: unknown }> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (server.child.exitCode !== null) throw new Error(`server exited early (${server.child.exitCode}):\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/api/health`);
      if (res.ok) return { ms: Date.now() - t0, body: await res.json() };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /api/health after ${timeoutMs} ms:\n${server.output()}`);
}
