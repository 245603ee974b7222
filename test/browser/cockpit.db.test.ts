import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clippedChartTexts, pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

// The province cockpit and the national view in the real SPA on a fresh demo install: the demo
// seed makes them rich (published 2021–2024 results and a current internal round of Jambi).
describe(`province cockpit and national view in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("cockpit");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the Koordinator Provinsi opens the Jambi cockpit from the menu: ranking, averages, the demo round, in Indonesian", async () => {
    const page = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    expect(await page.getByTestId("nav-national").count()).toBe(0);
    await page.getByTestId("nav-cockpit").click();
    await page.getByTestId("cockpit").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Kokpit Provinsi");
    // 2024: Jambi province + 11 kab/kota average 36.24 / 12 = 3.02; Kota Jambi first with 4.32.
    expect(await page.getByTestId("stat-average").innerText()).toBe("3,02");
    expect(await page.getByTestId("stat-province-index").innerText()).toBe("3,05");
    const firstRow = await page.getByTestId("cockpit-ranking").locator("tbody tr").first().innerText();
    expect(firstRow).toContain("Kota Jambi");
    expect(firstRow).toContain("4,32");
    // The demo seed's current internal round: 12 agencies partially filled.
    expect(await page.getByTestId("cockpit-progress").locator("tbody tr").count()).toBe(12);
    expect(await page.getByTestId("cockpit-targets").innerText()).toContain("DATA DEMO");
    expect(await page.getByTestId("cockpit-weakest").locator("tbody tr").count()).toBe(10);
    // Charts draw once ECharts has loaded (after the page): wait for them.
    await expect.poll(() => page.locator(".chart-canvas svg").count(), { timeout: limit(20_000) }).toBeGreaterThanOrEqual(6);
    // Aspects of the province's own round against the provincial and national averages, with the table alternative.
    const aspectRows = page.getByTestId("aspect-radar-table").locator("tbody tr");
    expect(await aspectRows.count()).toBe(3);
    expect(await aspectRows.nth(1).locator("th").textContent()).toBe("Rata-rata provinsi");
    // The demo's finalised national round of the other 37 provinces gives the national series.
    expect(await page.getByTestId("aspect-radar-table").locator("caption").textContent()).toContain("dari 37 instansi");
    expect(await aspectRows.nth(2).locator("td").first().textContent()).toMatch(/^\d,\d\d$/);
    await keepScreenshot(page, path.join(demo.shots, `cockpit-${TEST_DB_KIND}.png`), { fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Another year from the labelled select, reached by keyboard.
    await page.getByLabel("Tahun hasil").focus();
    await page.getByTestId("cockpit-year").selectOption("2023");
    await expect.poll(() => page.getByTestId("stat-province-index").innerText()).toBe("3,31");
    await expect.poll(() => page.url()).toContain("tahun=2023");
    await page.context().close();
  });

  it("the Koordinator Provinsi updates the regional targets and sees the gap", async () => {
    const page = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    await page.goto(`${demo.url}/kokpit?tahun=2024`);
    await page.getByTestId("cockpit").waitFor();
    await page.getByTestId("target-value-0").fill("3,40");
    await page.getByTestId("target-source-0").fill("RPJMD Provinsi Jambi (uji browser)");
    await page.getByTestId("target-save").click();
    await page.getByTestId("target-saved").waitFor();
    await expect.poll(() => page.getByTestId("cockpit-targets").innerText()).toContain("kurang 0,35 poin");
    await page.context().close();
  });

  it("the Koordinator Provinsi produces the province summary as a background job: progress, then the PDF", async () => {
    const page = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    await page.goto(`${demo.url}/kokpit?tahun=2024`);
    await page.getByTestId("cockpit").waitFor();
    await page.getByTestId("cockpit-summary-pdf").getByRole("button", { name: "Buat ringkasan provinsi 2024 (PDF)" }).click();
    const link = page.getByTestId("cockpit-summary-pdf-download");
    await link.waitFor();
    expect(await page.getByTestId("cockpit-summary-pdf").innerText()).toContain("Dokumen siap.");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("ringkasan-hasil-evaluasi-15-2024.pdf");
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("an administrator produces the Laporan Hasil Evaluasi of a final assessment in its workspace", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    const periods = (await pageApi(page, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number; agencyCode: string }[] }[] };
    // The demo's finalised national round (another province: Sumatera Selatan, 16).
    const id = periods.periods.find((p) => p.name.includes("DATA DEMO") && p.assessments.some((a) => a.agencyCode === "16"))!.assessments.find((a) => a.agencyCode === "16")!.id;
    await page.goto(`${demo.url}/penilaian/${id}`);
    await page.getByTestId("ws-lhe").getByRole("button", { name: "Buat Laporan Hasil Evaluasi (PDF)" }).click();
    const link = page.getByTestId("ws-lhe-download");
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("laporan-hasil-evaluasi-16-2024.pdf");
    expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.context().close();
  });

  it("an administrator opens the national view: category averages, predicates, filters", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    await page.getByTestId("nav-national").click();
    await page.getByTestId("national").waitFor();
    expect(await page.getByTestId("stat-count").innerText()).toBe("615");
    const categories = await page.getByTestId("national-categories").innerText();
    expect(categories).toContain("4,03"); // Kementerian, LAP24 Tabel 8
    expect(categories).toContain("2,97"); // Kabupaten
    expect(await page.getByTestId("national-top").locator("tbody tr").first().innerText()).toContain("Banyuwangi");
    // Chart labels are measured in the page's font: "Sangat Baik" and the band labels are not cut off.
    await page.locator("figure.chart svg text", { hasText: "Sangat Baik" }).first().waitFor();
    expect(await clippedChartTexts(page)).toEqual([]);
    await keepScreenshot(page, path.join(demo.shots, `national-${TEST_DB_KIND}.png`), { fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The full ranked list, 50 a page; the page is in the address and a filter starts again at page 1.
    const all = ((await pageApi(page, "GET", "/api/national")).body as { agencies: { name: string }[] }).agencies.map((r) => r.name);
    expect(all).toHaveLength(615);
    const listed = () => page.locator("[data-testid=national-all] tbody th").allInnerTexts();
    await page.getByText("Daftar lengkap (615 instansi)").click();
    await expect.poll(listed).toEqual(all.slice(0, 50));
    await page.getByTestId("national-pager-next").click();
    await expect.poll(listed).toEqual(all.slice(50, 100));
    await expect.poll(() => new URL(page.url()).searchParams.get("halaman")).toBe("2");
    expect(await page.getByTestId("national-pager-status").innerText()).toBe("Menampilkan 51–100 dari 615");

    await page.getByTestId("national-province").selectOption("15");
    await page.getByTestId("national-apply").click();
    await expect.poll(() => page.getByTestId("stat-count").innerText()).toBe("12");
    expect(await page.getByTestId("stat-national-average").innerText()).toBe("3,02");
    await expect.poll(() => page.url()).toContain("provinsi=15");
    await expect.poll(() => new URL(page.url()).searchParams.get("halaman")).toBeNull();
    await page.context().close();
  });

  it("the cockpit of an administrator offers every province; the national view is refused to a Koordinator SPBE", async () => {
    const admin = await demo.signIn("admin@demo.pandu.local");
    await admin.goto(`${demo.url}/kokpit`);
    await admin.getByTestId("cockpit").waitFor();
    expect(await admin.getByTestId("cockpit-province").locator("option").count()).toBe(38);
    await admin.getByTestId("cockpit-province").selectOption("16");
    await expect.poll(() => admin.getByTestId("cockpit-ranking").innerText()).toContain("Palembang");
    await admin.context().close();
    const kspbe = await demo.signIn("koordinator.spbe@demo.pandu.local");
    expect(await kspbe.getByTestId("nav-cockpit").count()).toBe(0);
    await kspbe.goto(`${demo.url}/nasional`);
    await kspbe.getByRole("heading", { level: 1 }).waitFor();
    expect(await kspbe.getByTestId("national").count()).toBe(0);
    await kspbe.context().close();
  });
});
