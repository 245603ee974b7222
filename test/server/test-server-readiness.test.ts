import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnServer } from "../helpers/server-process";

// The tests' server start (test/helpers/server-process.ts) waits for a slow start as long as the
// process keeps working, and gives up on one that hangs or dies: no fixed clock that a loaded CI
// machine can beat.
describe("waiting for a test server to be ready", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-readiness-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, source: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, source);
    return file;
  };

  it("a start that keeps the CPU busy longer than the stall limit is waited for", async () => {
    // Busy for 3 s, longer than the stall limit of 2.5 s, then ready.
    const entry = script("busy.cjs", "const t = performance.now(); while (performance.now() - t < 3000) {} process.send({ pandu: 'ready', port: 4321 }); setInterval(() => {}, 1 << 30);");
    const server = spawnServer({}, 0, entry);
    try {
      expect(await server.ready(2_500)).toBe(4321);
    } finally {
      await server.stop();
    }
  });

  it("a process that idles without saying it is ready fails once it showed no sign of life for the stall limit", async () => {
    const entry = script("idle.cjs", "setInterval(() => {}, 1 << 30);");
    const server = spawnServer({}, 0, entry);
    try {
      await expect(server.ready(2_000)).rejects.toThrow(/no sign of life/);
    } finally {
      await server.stop();
    }
  });

  it("a process that exits before it is ready fails at once with its output", async () => {
    const entry = script("exits.cjs", "console.error('configuration is broken'); process.exit(3);");
    const server = spawnServer({}, 0, entry);
    await expect(server.ready()).rejects.toThrow(/exited before it was ready \(3\)[\s\S]*configuration is broken/);
  });
});
