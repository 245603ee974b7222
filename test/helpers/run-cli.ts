import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/pandu.js");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `pandu` binary in a child process. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
