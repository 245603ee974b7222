import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnServer, waitForHealth, type ServerProcess } from "../test/helpers/server-process";
import { fmt } from "./stats";
import { memoryOf, signIn, streamUpload } from "./upload.bench";

const MB = 1024 * 1024;
type Session = { cookie: string; csrf: string };

async function json<T>(server: ServerProcess, session: Session, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { method, headers: { cookie: session.cookie, "x-csrf-token": session.csrf, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : null });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Downloads `url` to nowhere while sampling the server's resident memory every 25 ms: bytes, time and peak RSS rise. */
function download(server: ServerProcess, session: Session, url: string): Promise<{ bytes: number; ms: number; rise: number }> {
  const pid = server.child.pid!;
  const before = memoryOf(pid).rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), 25);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${url}`, { headers: { cookie: session.cookie } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => {
          clearInterval(timer);
          peak = Math.max(peak, memoryOf(pid).rss);
          resolve({ bytes, ms: Date.now() - t0, rise: peak - before });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/**
 * The evidence bundle: the real server (its own process, temporary PGlite directory), `files`
 * generated PDFs of `fileBytes` uploaded and linked to indicators of the demo self-assessment of
 * Kota Jambi, then `GET /api/assessments/:id/evidence.zip` timed with the server's RSS sampled.
 * Baseline: the same files downloaded one by one (`/api/agencies/15.71/evidence/:id/file`), in the
 * same run. The bundle should cost about what the files cost, with a memory rise independent of
 * the total size (streamed, never buffered).
 */
export async function benchEvidenceZip(files = 4, fileBytes = 64 * MB): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-zip-"));
  const server = await spawnServer({ PANDU_DATA_DIR: dir, DATABASE_URL: undefined, PANDU_DEMO: "true", PANDU_EVIDENCE_MAX_MB: String(Math.ceil(fileBytes / MB) + 16) });
  try {
    await waitForHealth(server, 120_000);
    const session = await signIn(server, "pelaksana.entri@demo.pandu.local", dir);
    const { periods } = await json<{ periods: { assessments: { id: number; agency: { code: string } | string; stage: string }[] }[] }>(server, session, "GET", "/api/periods");
    const assessment = periods.flatMap((p) => p.assessments).find((a) => a.stage === "mandiri");
    if (!assessment) throw new Error("no open self-assessment in the demo data");
    const ids: number[] = [];
    for (let i = 1; i <= files; i++) {
      const title = `Bukti bundel ${i}`;
      const status = await streamUpload(server, session, fileBytes, title);
      if (status !== 201) throw new Error(`${title}: upload answered ${status}`);
      const { evidence } = await json<{ evidence: { id: number }[] }>(server, session, "GET", `/api/agencies/15.71/evidence?q=${encodeURIComponent(title)}`);
      ids.push(evidence[0]!.id);
      await json(server, session, "POST", `/api/assessments/${assessment.id}/answers/${i}/evidence`, { evidenceId: evidence[0]!.id });
    }
    await download(server, session, `/api/agencies/15.71/evidence/${ids[0]}/file`); // warm the path
    let single = { bytes: 0, ms: 0, rise: 0 };
    for (const id of ids) {
      const one = await download(server, session, `/api/agencies/15.71/evidence/${id}/file`);
      single = { bytes: single.bytes + one.bytes, ms: single.ms + one.ms, rise: Math.max(single.rise, one.rise) };
    }
    const zip = await download(server, session, `/api/assessments/${assessment.id}/evidence.zip`);
    const mb = (b: number) => fmt(b / MB, 1);
    console.log(
      `evidence-zip: ${files} × ${mb(fileBytes)} MB; files one by one ${mb(single.bytes)} MB in ${fmt(single.ms)} ms (${fmt(single.bytes / MB / (single.ms / 1000))} MB/s, RSS rise ≤ ${mb(single.rise)} MB); ` +
        `evidence.zip ${mb(zip.bytes)} MB in ${fmt(zip.ms)} ms (${fmt(zip.bytes / MB / (zip.ms / 1000))} MB/s, RSS rise ${mb(zip.rise)} MB); zip / files ${fmt(zip.ms / single.ms, 2)}`,
    );
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
