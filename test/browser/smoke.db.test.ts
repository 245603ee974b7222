import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

// The real server process (as `npm start` runs it) on a fresh database, driven by Chromium.
describe(`smoke: server process + SPA in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("smoke");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("health reports the database the server runs on", async () => {
    const body = await (await fetch(`${demo.url}/api/health`)).json();
    expect(body).toMatchObject({ status: "ok", db: TEST_DB_KIND });
  });

  it("the landing page shows the Jambi results 2021–2024 in Indonesian, with comma decimals", async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.url);
    const table = page.getByTestId("jambi-results");
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain("Pemerintah Provinsi Jambi");
    expect(text).toContain("2,21"); // 2021
    expect(text).toContain("3,05"); // 2024
    expect(text).toContain("4,32"); // Kota Jambi 2024, Memuaskan
    expect(text).toContain("Memuaskan");
    expect(await page.locator("tbody tr", { has: page.locator("text=Pemerintah") }).count()).toBeGreaterThanOrEqual(12);
    expect(await page.getAttribute("html", "lang")).toBe("id");
    await keepScreenshot(page, path.join(demo.shots, `home-${TEST_DB_KIND}.png`), { fullPage: true });
    await page.close();
  });

  it("switches to English and keeps the choice", async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.url);
    await page.getByTestId("jambi-results").waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getByTestId("jambi-results").innerText()).toContain("3.05");
    await page.reload();
    await page.getByTestId("jambi-results").waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.close();
  });

  it("the instrument calculator computes the index live with the core", async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/instrumen/permenpanrb-59-2020`);
    await page.getByTestId("fill-level").selectOption("3");
    await page.getByTestId("fill-all").click();
    await expect.poll(() => page.getByTestId("calc-index").innerText()).toBe("3,00");
    expect(await page.getByTestId("calc-predicate").innerText()).toContain("Baik");
    // Raise the 16 service indicators (32–47, 45.5 %) to 5: 3 + 2 × 0.455 = 3.91 → Sangat Baik
    for (let i = 32; i <= 47; i++) await page.getByTestId(`level-${i}`).selectOption("5");
    await expect.poll(() => page.getByTestId("calc-index").innerText()).toBe("3,91");
    expect(await page.getByTestId("calc-predicate").innerText()).toContain("Sangat Baik");
    await keepScreenshot(page, path.join(demo.shots, `calculator-${TEST_DB_KIND}.png`), { fullPage: false });
    await page.close();
  });

  it("a client-side route survives a reload and unknown pages say so", async () => {
    const page = await demo.browser.newPage();
    const res = await page.goto(`${demo.url}/instrumen`);
    expect(res?.status()).toBe(200);
    await expect.poll(async () => (await page.locator("main").innerText()).includes("PermenPANRB 59/2020")).toBe(true);
    // no instrument carries a "Sementara" badge any more; Pemdi says how sure its text is on its own page
    expect(await page.locator("main").innerText()).not.toMatch(/Sementara/);
    await page.close();
  });
});
