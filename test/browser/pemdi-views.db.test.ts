import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

const EXAMPLE = path.resolve(__dirname, "../../docs/examples/pemdi-results-2026.csv");
const ASPECTS = ["A1", "A2", "A3", "A4", "A5", "A6", "A7"];
const DOMAIN = /\bD[1-4]\b/;

// Published Pemdi 2026 results, loaded with `pandu results import` (one command), in the real SPA:
// every view shows the seven aspects for 2026 and no SPBE domain column.
describe(`Pemdi 2026 results in the portal, national view and cockpit in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-pemdi-views-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "true" };
  const passwords = new Map<string, string>();
  let drop: (() => Promise<void>) | undefined;
  let demo: DemoServer;

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const seeded = runCli(["seed", "demo"], { env });
    expect(seeded.status, seeded.stderr).toBe(0);
    for (const m of seeded.stdout.matchAll(/^\S+\s+(\S+@demo\.pandu\.local)\s+(\S+)$/gm)) passwords.set(m[1]!, m[2]!);
    const imported = runCli(["results", "import", EXAMPLE], { env });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("4 results imported");
    demo = await startDemoServer("pemdi-views", env);
  }, limit(240_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const headers = (page: Page, testId: string) => page.getByTestId(testId).locator("thead th").allInnerTexts();

  it("the portal's 2026 table and an instansi's breakdown have the aspects A1–A7, no D1", async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/publik?tahun=2026`);
    await page.getByTestId("portal-results").waitFor();
    const cols = await headers(page, "portal-results");
    expect(cols.filter((c) => /^A\d/.test(c.trim())).map((c) => c.trim().slice(0, 2))).toEqual(ASPECTS);
    expect(cols.some((c) => DOMAIN.test(c))).toBe(false);

    await page.goto(`${demo.url}/publik/instansi/15.71`);
    await page.getByTestId("agency-nodes").waitFor({ state: "attached" });
    const nodes = await page.getByTestId("agency-nodes").locator("tbody th").allTextContents();
    expect(nodes.map((n) => n.slice(0, 2))).toEqual(ASPECTS);
    expect(nodes[6]).toBe("A7 Kepuasan Pengguna Layanan Digital Pemerintah");
    // The history runs from SPBE years into 2026: two series with a note, never one line.
    expect(await page.getByTestId("series-break-note").innerText()).toContain("Indeks SPBE (sampai 2024) dan Indeks Pemerintah Digital (mulai 2026)");
    await page.close();
  });

  it("the national view of 2026 averages the aspects, no D1", async () => {
    const page = await demo.signIn("admin@demo.pandu.local", passwords.get("admin@demo.pandu.local"));
    await page.goto(`${demo.url}/nasional?tahun=2026`);
    await page.getByTestId("national-categories").waitFor({ state: "attached" });
    const cols = await headers(page, "national-categories");
    expect(cols.slice(-7).map((c) => c.trim())).toEqual(ASPECTS);
    expect(cols.some((c) => DOMAIN.test(c))).toBe(false);
    await page.context().close();
  });

  it("the Jambi cockpit of 2026 compares the aspects and breaks the trend at 2026, no D1", async () => {
    const email = "koordinator.provinsi@demo.pandu.local";
    const page = await demo.signIn(email, passwords.get(email));
    await page.goto(`${demo.url}/kokpit?tahun=2026`);
    await page.getByTestId("node-radar-table").waitFor({ state: "attached" });
    const cols = await headers(page, "node-radar-table");
    expect(cols.slice(1).map((c) => c.trim().slice(0, 2))).toEqual(ASPECTS);
    expect(cols.some((c) => DOMAIN.test(c))).toBe(false);
    expect(await page.getByTestId("series-break-note").innerText()).toContain("tidak dapat dibandingkan");
    await page.context().close();
  });
});
