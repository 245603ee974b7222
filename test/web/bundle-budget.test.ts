import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The JavaScript budgets of issue #16, checked on the built app (BENCHMARKS.md records the figures):
// the JavaScript a first visit to `/` or `/publik` needs before the page can render is at most
// 200 KB compressed (brotli, as browsers receive it), and no chunk is over 500 KB uncompressed.
const root = path.resolve(import.meta.dirname, "../..");
const web = path.join(root, "dist/web");
const INITIAL_BUDGET_BYTES = 200 * 1024;
const CHUNK_BUDGET_BYTES = 500 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
let manifest: Record<string, ManifestChunk>;

/** The chunk `key` and everything it imports statically (what loads before its code runs). */
function staticClosure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(dep, seen);
  return seen;
}

/** What a browser downloads for `file`: its brotli copy (files under 1 KB are sent as they are). */
const brotliBytes = (file: string) => {
  const br = path.join(web, `${file}.br`);
  return fs.statSync(fs.existsSync(br) ? br : path.join(web, file)).size;
};

describe("JavaScript budgets of the built web app", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
    manifest = JSON.parse(fs.readFileSync(path.join(web, ".vite/manifest.json"), "utf8"));
  }, 180_000);

  const entryKey = () => Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initialBytes = (keys: Set<string>) => [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + brotliBytes(f), 0);

  it("the home page's initial JavaScript is within 200 KB compressed", () => {
    const bytes = initialBytes(staticClosure(entryKey()));
    console.log(`initial JS for /: ${(bytes / 1024).toFixed(1)} KB brotli`);
    expect(bytes).toBeLessThanOrEqual(INITIAL_BUDGET_BYTES);
  });

  it("the public portal's initial JavaScript (entry + portal page, charts load after) is within 200 KB compressed", () => {
    const portal = Object.keys(manifest).find((k) => k.endsWith("src/web/pages/Public/index.tsx"));
    expect(portal, "the portal is a chunk of its own").toBeDefined();
    const keys = staticClosure(portal!, staticClosure(entryKey()));
    expect([...keys].some((k) => k.includes("echarts")), "ECharts is not loaded before the portal renders").toBe(false);
    const bytes = initialBytes(keys);
    console.log(`initial JS for /publik: ${(bytes / 1024).toFixed(1)} KB brotli`);
    expect(bytes).toBeLessThanOrEqual(INITIAL_BUDGET_BYTES);
  });

  it("no chunk is over 500 KB uncompressed, and every JS chunk has its precompressed copies", () => {
    const assets = fs.readdirSync(path.join(web, "assets")).filter((f) => f.endsWith(".js"));
    expect(assets.length).toBeGreaterThan(5);
    for (const f of assets) {
      expect(fs.statSync(path.join(web, "assets", f)).size, f).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES);
      if (fs.statSync(path.join(web, "assets", f)).size >= 1024) {
        expect(fs.existsSync(path.join(web, "assets", `${f}.br`)), `${f}.br`).toBe(true);
        expect(fs.existsSync(path.join(web, "assets", `${f}.gz`)), `${f}.gz`).toBe(true);
      }
    }
  });
});
