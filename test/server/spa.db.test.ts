import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const root = path.resolve(import.meta.dirname, "../..");
const web = path.join(root, "dist/web");

describe(`the built web app as served on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
    t = await startTestApp({ seed: false, webDir: web });
  }, 180_000);
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

  it("hashed assets are sent precompressed, cached for a year as immutable", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(web, ".vite/manifest.json"), "utf8")) as Record<string, { file: string; isEntry?: boolean }>;
    const entry = Object.values(manifest).find((c) => c.isEntry)!.file;
    const plain = await get(`/${entry}`);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const br = await get(`/${entry}`, { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await get(`/${entry}`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
  });

  it("every client route gets the app shell, revalidated by ETag", async () => {
    const shell = await get("/publik/instansi/15.71");
    expect(shell.statusCode).toBe(200);
    expect(shell.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(shell.headers["cache-control"]).toBe("no-cache");
    expect(shell.body).toContain('<div id="root">');
    expect((await get("/penilaian/7", { "if-none-match": shell.headers.etag as string })).statusCode).toBe(304);
    // robots.txt is a real file, not the shell
    expect((await get("/robots.txt")).body).toMatch(/^User-agent: \*/);
  });

  it("a missing asset is a 404, not the shell a browser would run as a script; paths cannot leave dist/web", async () => {
    const missing = await get("/assets/index-00000000.js");
    expect([missing.statusCode, missing.json().error]).toEqual([404, "not_found"]);
    const escape = await get("/..%2f..%2fpackage.json");
    expect(escape.body).not.toContain('"name": "pandu-spbe"');
  });
});
