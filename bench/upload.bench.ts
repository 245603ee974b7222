import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnServer, waitForHealth, type ServerProcess } from "../test/helpers/server-process";
import { DEMO_ACCOUNTS_FILE } from "../src/lib/demo-accounts";
import { fmt } from "./stats";

const MB = 1024 * 1024;

/** Resident memory of a process now and at its peak so far (/proc/<pid>/status, kB → bytes). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/**
 * Signs in as a demo user with the password the first start wrote to the demo accounts file of
 * `dataDir` (or, from older builds, printed); the session cookie and CSRF token.
 */
export async function signIn(server: ServerProcess, email: string, dataDir?: string): Promise<{ cookie: string; csrf: string }> {
  const file = dataDir ? path.join(dataDir, DEMO_ACCOUNTS_FILE) : null;
  const text = file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : server.output();
  const m = new RegExp(`\\s${email.replace(/\./g, "\\.")}\\s+(\\S+)\\s*$`, "m").exec(text);
  if (!m) throw new Error(`no demo password for ${email} in the demo accounts file or the server output`);
  const res = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: m[1] }) });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/**
 * Streams a generated PDF of `bytes` (a valid header, then padding made on the fly in 1 MB chunks,
 * never held whole) as a multipart upload, honouring back-pressure. Resolves with the status (201).
 * (Also used by evidence-zip.bench.ts.)
 */
export function streamUpload(server: ServerProcess, session: { cookie: string; csrf: string }, bytes: number, title: string): Promise<number> {
  const boundary = `----pandu-bench-${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    "latin1",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, "latin1");
  const header = Buffer.from(`%PDF-1.4\n% ${title}\n`, "latin1");
  const chunk = Buffer.alloc(MB, 0x20);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/agencies/15.71/evidence`,
      { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(head.length + bytes + tail.length), cookie: session.cookie, "x-csrf-token": session.csrf } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    const write = (b: Buffer) => (req.write(b) ? Promise.resolve() : new Promise<void>((r) => req.once("drain", () => r())));
    void (async () => {
      await write(head);
      await write(header);
      let left = bytes - header.length;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        // A counter in each chunk keeps the content unlike any other upload (no de-duplication).
        chunk.writeUInt32BE(left >>> 0, 0);
        await write(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
      }
      req.end(tail);
    })().catch(reject);
  });
}

/** Uploads `bytes` while sampling the server's resident memory every 25 ms; the peak rise over `before`. */
async function measured(server: ServerProcess, session: { cookie: string; csrf: string }, bytes: number, title: string) {
  const pid = server.child.pid!;
  const before = memoryOf(pid).rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), 25);
  const t0 = Date.now();
  try {
    const status = await streamUpload(server, session, bytes, title);
    if (status !== 201) throw new Error(`${title}: upload answered ${status}`);
  } finally {
    clearInterval(timer);
  }
  const ms = Date.now() - t0;
  peak = Math.max(peak, memoryOf(pid).rss);
  return { before, peak, rise: peak - before, ms, mbPerS: bytes / MB / (ms / 1000) };
}

/**
 * Memory of a 1 GB evidence upload: the real server as its own process on a temporary PGlite
 * directory (limit raised with PANDU_EVIDENCE_MAX_MB), a generated 1 GB PDF streamed to the upload
 * API, and the server's VmRSS sampled from /proc before and during. Baseline: a 10 MB upload in the
 * same run. The rise must stay under 100 MB (streamed to disk, never buffered).
 */
export async function benchUpload(bigBytes = 1024 * MB): Promise<{ baselineRiseMb: number; bigRiseMb: number; ok: boolean }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-upload-"));
  const server = await spawnServer({ PANDU_DATA_DIR: dir, DATABASE_URL: undefined, PANDU_DEMO: "true", PANDU_EVIDENCE_MAX_MB: String(Math.ceil(bigBytes / MB) + 16) });
  try {
    await waitForHealth(server, 120_000);
    const session = await signIn(server, "pelaksana.entri@demo.pandu.local", dir);
    // Warm the upload path (multipart, storage, the database) before measuring.
    await measured(server, session, 64 * 1024, "Pemanasan");
    const small = await measured(server, session, 10 * MB, "Unggahan 10 MB");
    const big = await measured(server, session, bigBytes, "Unggahan 1 GB");
    const hwm = memoryOf(server.child.pid!).hwm;
    const ok = big.rise < 100 * MB;
    const mb = (b: number) => fmt(b / MB, 1);
    console.log(
      `upload: 10 MB baseline RSS ${mb(small.before)} → peak ${mb(small.peak)} MB (rise ${mb(small.rise)} MB, ${fmt(small.mbPerS)} MB/s); ` +
        `${fmt(bigBytes / MB)} MB RSS ${mb(big.before)} → peak ${mb(big.peak)} MB (rise ${mb(big.rise)} MB, ${fmt(big.ms / 1000, 1)} s, ${fmt(big.mbPerS)} MB/s); ` +
        `VmHWM ${mb(hwm)} MB; rise ratio ${fmt(big.rise / Math.max(small.rise, MB), 1)}; limit 100 MB: ${ok ? "ok" : "EXCEEDED"}`,
    );
    if (!ok) process.exitCode = 1;
    return { baselineRiseMb: small.rise / MB, bigRiseMb: big.rise / MB, ok };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
