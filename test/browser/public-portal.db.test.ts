import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, seriousViolations } from "../helpers/browser";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// The public portal without signing in, in the built SPA served by the real server process.
describe(`public portal in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-portal-"));
  const shots = path.resolve(__dirname, "../../.test-results/screenshots");
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let dropDb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const env: Record<string, string | undefined> = { PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined, PANDU_DEMO: "true" };
    if (TEST_DB_KIND === "postgres") {
      const db = await createPostgresTestDatabase();
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    }
    server = await spawnServer(env);
    await waitForHealth(server, 90_000);
    browser = await launchChromium();
    // axe-core needs a page from an explicit context.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    fs.mkdirSync(shots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it("the home page links to the portal, which lists the latest year's results in Indonesian", async () => {
    await page.goto(server.url);
    await page.getByTestId("home-portal-link").click();
    await page.getByTestId("portal-results").waitFor();
    expect(new URL(page.url()).pathname).toBe("/publik");
    expect(await page.title()).toBe("Portal Hasil SPBE · Pandu SPBE");
    expect(await page.getByTestId("portal-year").inputValue()).toBe("2024");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("615 instansi");
    // Highest index first: Kab. Banyuwangi 4,77 (LAP24), with comma decimals.
    const first = page.locator("[data-testid=portal-results] tbody tr").first();
    expect(await first.innerText()).toContain("Banyuwangi");
    expect(await first.innerText()).toContain("4,77");
    // The predicate chart is drawn as SVG and has its table alternative.
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThan(0);
    expect(await page.locator("figure.chart table").first().innerText()).toContain("Memuaskan");
    expect(await page.getByTestId("portal-downloads").innerText()).toContain("CSV 2024");
  });

  it("searches by name ('Kab.' finds 'Kabupaten') and sorts by keyboard", async () => {
    await page.getByTestId("portal-search").fill("kab. bungo");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("1 instansi");
    expect(await page.getByTestId("portal-results").innerText()).toContain("Pemerintah Kabupaten Bungo");
    expect(new URL(page.url()).searchParams.get("q")).toBe("kab. bungo");

    await page.getByTestId("portal-search").fill("");
    await page.getByTestId("portal-province").selectOption("15");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("12 instansi");
    // axe on the whole 615-row table takes minutes; the same page with one province checks the same markup.
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, `public-results-${TEST_DB_KIND}.png`), fullPage: true });
    // Index column: descending by default; Enter on the focused header sorts ascending.
    await page.getByTestId("sort-index").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");
    expect(await page.locator("[data-testid=portal-results] tbody tr").first().innerText()).toContain("Kerinci"); // 2,18, the lowest in Jambi 2024
    await page.getByTestId("portal-category").selectOption("kota");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("2 instansi");
  });

  it("an instansi page shows its history and domains with table alternatives", async () => {
    await page.getByRole("link", { name: "Pemerintah Kota Jambi" }).click();
    await page.getByTestId("agency-history").waitFor();
    expect(new URL(page.url()).pathname).toBe("/publik/instansi/15.71");
    expect(await page.locator("h1").innerText()).toBe("Pemerintah Kota Jambi");
    expect(await page.title()).toBe("Pemerintah Kota Jambi · Pandu SPBE");
    expect(await page.getByTestId("agency-index").innerText()).toBe("4,32");
    const history = await page.getByTestId("agency-history").innerText();
    expect(history).toContain("2,79"); // 2022
    expect(history).toContain("4,27"); // 2023
    expect(history).toContain("2,91"); // D3 2024
    expect(await page.locator("figure.chart svg").count()).toBe(2);
    await page.screenshot({ path: path.join(shots, `public-agency-${TEST_DB_KIND}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("a province page ranks its kab/kota with the change since the year before", async () => {
    await page.getByRole("link", { name: "Pemerintah Provinsi Jambi" }).first().click();
    await page.getByTestId("province-ranking").waitFor();
    expect(new URL(page.url()).pathname).toBe("/publik/provinsi/15");
    expect(await page.locator("h1").innerText()).toBe("Provinsi Jambi");
    expect(await page.getByTestId("province-index").innerText()).toBe("3,05");
    const rows = page.locator("[data-testid=province-ranking] tbody tr");
    expect(await rows.count()).toBe(11);
    const top = await rows.first().innerText();
    expect(top).toContain("Pemerintah Kota Jambi");
    expect(top).toContain("4,32");
    expect(top).toContain("+0,05");
    await page.screenshot({ path: path.join(shots, `public-province-${TEST_DB_KIND}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("province-year").selectOption("2023");
    await expect.poll(() => page.getByTestId("province-index").innerText()).toBe("3,31");
  });
});
