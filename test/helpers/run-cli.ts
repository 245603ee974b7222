import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/pandu.js");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `pandu` binary in a child process, in a fresh temporary working directory (a
 * command without PANDU_DATA_DIR writes its `./data` there, never into the checkout).
 */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliRun {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cli-cwd-"));
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      input: options.input,
      encoding: "utf8",
      env: { ...process.env, ...options.env },
      timeout: 180_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** Runs the real `pandu` binary without blocking this process (for a server the test itself runs). */
export function runCliAsync(args: string[], options: { env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...options.env }, timeout: 180_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
