import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicResult } from "../../src/web/api";
import { sortResults } from "../../src/web/pages/Public/portal";
import { clippedChartTexts, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

// The public portal without signing in, in the built SPA served by the real server process.
describe(`public portal in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let page: Page;

  beforeAll(async () => {
    demo = await startDemoServer("portal");
    // axe-core needs a page from an explicit context.
    page = await (await demo.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the home page links to the portal, which lists the latest year's results in Indonesian", async () => {
    await page.goto(demo.url);
    await page.getByTestId("home-portal-link").click();
    await page.getByTestId("portal-results").waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/publik");
    expect(await page.title()).toBe("Portal Hasil SPBE · Pandu SPBE");
    expect(await page.getByTestId("portal-year").inputValue()).toBe("2024");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("615 instansi");
    // Highest index first: Kab. Banyuwangi 4,77 (LAP24), with comma decimals.
    const first = page.locator("[data-testid=portal-results] tbody tr").first();
    expect(await first.innerText()).toContain("Banyuwangi");
    expect(await first.innerText()).toContain("4,77");
    // The predicate chart is drawn as SVG and has its table alternative.
    // (ECharts loads after the page: wait for the drawing.)
    await expect.poll(() => page.locator("figure.chart svg").count(), { timeout: limit(20_000) }).toBeGreaterThan(0);
    expect(await page.locator("figure.chart table").first().innerText()).toContain("Memuaskan");
    const downloads = await page.getByTestId("portal-downloads").innerText();
    for (const file of ["Excel 2024", "CSV 2024", "CSV 2024 (koma desimal)", "JSON 2024"]) expect(downloads).toContain(file);
    // The workbook link gives the workbook.
    const xlsx = await page.getByTestId("portal-downloads").getByRole("link", { name: "Excel 2024" }).getAttribute("href");
    expect((await fetch(`${demo.url}${xlsx}`)).headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("pages the results 50 at a time; a page is a link that keeps the filters and can be shared", async () => {
    const { results } = (await (await fetch(`${demo.url}/api/public/results?year=2024`)).json()) as { results: PublicResult[] };
    const ranked = (rows: PublicResult[]) => sortResults(rows, "index", "desc").map((r) => r.agencyName);
    const all = ranked(results);
    expect(all).toHaveLength(615);
    const names = (p: Page) => p.locator("[data-testid=portal-results] tbody th").allInnerTexts();
    expect(await names(page)).toEqual(all.slice(0, 50));
    expect(await page.getByTestId("portal-pager-status").innerText()).toBe("Menampilkan 1–50 dari 615");
    expect(await page.getByRole("link", { name: "Halaman 1", exact: true }).getAttribute("aria-current")).toBe("page");

    await page.getByTestId("portal-pager-next").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("halaman")).toBe("2");
    await expect.poll(() => names(page)).toEqual(all.slice(50, 100));
    expect(await page.getByTestId("portal-pager-status").innerText()).toBe("Menampilkan 51–100 dari 615");
    // Focus moves to the top of the list, so keyboard and screen-reader users start at the new rows.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Hasil evaluasi SPBE 2024");
    // One page of 50 rows is small enough for axe (the whole 615-row table was not).
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page.getByTestId("portal-pager"), path.join(demo.shots, `public-results-pager-${TEST_DB_KIND}.png`));

    // The last page of the kabupaten, opened from a shared address in a browser of its own.
    const kabupaten = ranked(results.filter((r) => r.category === "kabupaten"));
    const last = Math.ceil(kabupaten.length / 50);
    const shared = await (await demo.browser.newContext()).newPage();
    await shared.goto(`${demo.url}/publik?tahun=2024&kategori=kabupaten&halaman=${last}`);
    await shared.getByTestId("portal-results").waitFor();
    expect(await names(shared)).toEqual(kabupaten.slice((last - 1) * 50));
    expect(await shared.getByRole("link", { name: `Halaman ${last}`, exact: true }).getAttribute("aria-current")).toBe("page");
    expect(await shared.getByTestId("portal-pager-next").count()).toBe(0);
    await shared.context().close();

    // Another filter starts again at the first page.
    await page.getByTestId("portal-category").selectOption("kota");
    const kota = ranked(results.filter((r) => r.category === "kota"));
    await expect.poll(() => names(page)).toEqual(kota.slice(0, 50));
    await expect.poll(() => new URL(page.url()).searchParams.get("halaman")).toBeNull();
    await page.getByTestId("portal-category").selectOption("");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("615 instansi");
  });

  it("searches by name ('Kab.' finds 'Kabupaten') and sorts by keyboard", async () => {
    await page.getByTestId("portal-search").fill("kab. bungo");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("1 instansi");
    expect(await page.getByTestId("portal-results").innerText()).toContain("Pemerintah Kabupaten Bungo");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("kab. bungo");

    await page.getByTestId("portal-search").fill("");
    await page.getByTestId("portal-province").selectOption("15");
    await expect.poll(() => page.getByTestId("portal-count").innerText()).toBe("12 instansi");
    // axe on the whole 615-row table takes minutes; the same page with one province checks the same markup.
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, path.join(demo.shots, `public-results-${TEST_DB_KIND}.png`), { fullPage: true });
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
    await expect.poll(() => new URL(page.url()).pathname).toBe("/publik/instansi/15.71");
    expect(await page.locator("h1").innerText()).toBe("Pemerintah Kota Jambi");
    expect(await page.title()).toBe("Pemerintah Kota Jambi · Pandu SPBE");
    expect(await page.getByTestId("agency-index").innerText()).toBe("4,32");
    const history = await page.getByTestId("agency-history").innerText();
    expect(history).toContain("2,79"); // 2022
    expect(history).toContain("4,27"); // 2023
    expect(history).toContain("2,91"); // D3 2024
    await expect.poll(() => page.locator("figure.chart svg").count(), { timeout: limit(20_000) }).toBe(2);
    await keepScreenshot(page, path.join(demo.shots, `public-agency-${TEST_DB_KIND}.png`), { fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("a province page ranks its kab/kota with the change since the year before", async () => {
    await page.getByRole("link", { name: "Pemerintah Provinsi Jambi" }).first().click();
    await page.getByTestId("province-ranking").waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/publik/provinsi/15");
    expect(await page.locator("h1").innerText()).toBe("Provinsi Jambi");
    expect(await page.getByTestId("province-index").innerText()).toBe("3,05");
    const rows = page.locator("[data-testid=province-ranking] tbody tr");
    expect(await rows.count()).toBe(11);
    const top = await rows.first().innerText();
    expect(top).toContain("Pemerintah Kota Jambi");
    expect(top).toContain("4,32");
    expect(top).toContain("+0,05");
    // The ranking chart measures its labels in the page's font: no kab/kota name is cut off at the edge.
    await page.locator("figure.chart svg text", { hasText: "Kota Jambi" }).first().waitFor();
    expect(await clippedChartTexts(page)).toEqual([]);
    await keepScreenshot(page, path.join(demo.shots, `public-province-${TEST_DB_KIND}.png`), { fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("province-year").selectOption("2023");
    await expect.poll(() => page.getByTestId("province-index").innerText()).toBe("3,31");
  });
});
