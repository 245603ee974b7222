import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #18 item 1: a citizen finds a service in the public catalogue on a phone and reads its
// standard; the Koordinator SPBE puts the next version of a standard in force after confirming.
describe(`the service catalogue in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("service-catalogue");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it("on a phone: search /layanan, open a service, read its six public components", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}/publik`);
    await page.getByTestId("portal-services-link").click();
    await page.getByTestId("services-list").waitFor();
    expect(await page.getByTestId("service-card").count()).toBeGreaterThanOrEqual(24);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId("services-q").fill("akta kelahiran");
    await page.getByTestId("services-search").click();
    await expect.poll(() => page.getByTestId("service-card").count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("q")).toBe("akta kelahiran");
    await page.getByTestId("service-link").click();
    await page.getByTestId("service-page").waitFor();
    expect(await page.getByTestId("service-name").innerText()).toBe("Penerbitan Akta Kelahiran");
    expect(await page.getByTestId("component-requirements").innerText()).toContain("KTP-el orang tua");
    // The management components (dasar hukum among them) are not on the public page.
    expect(await page.locator("main").innerText()).not.toContain("Dasar hukum");
    expect(await page.getByTestId("service-decree").innerText()).toContain("DATA DEMO");
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, limit(120_000));

  it("the Koordinator SPBE puts a complete draft in force after confirming; the public page shows the new version", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.getByTestId("nav-service-catalogue").click();
    await page.getByTestId("agency-services").waitFor();
    await page.getByRole("link", { name: "Penerbitan Akta Kelahiran" }).click();
    await page.getByTestId("draft-editor").waitFor();
    // An unsaved edit holds the button back until it is saved.
    // The demo draft lacks its decree: the page names what is missing, and no button is offered.
    expect(await page.getByTestId("draft-missing").innerText()).toContain("Nomor keputusan penetapan");
    await page.getByTestId("draft-duration").fill("1 hari kerja (diusulkan: di hari yang sama).");
    await page.getByTestId("draft-decreeNumber").fill("DATA DEMO 100.3.3/2/Kep.Wal/2026");
    await page.getByTestId("draft-decreeDate").fill("2026-12-01");
    expect(await page.getByTestId("draft-in-force").count()).toBe(0);
    await page.getByTestId("draft-save").click();
    await page.getByTestId("draft-saved").waitFor();
    await page.getByTestId("draft-in-force").click();
    await page.getByTestId("draft-in-force-confirm").click();
    await page.getByTestId("draft-start").waitFor();
    expect(await page.getByTestId("service-versions").innerText()).toMatch(/2\s+Berlaku/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Halaman publik" }).click();
    await page.getByTestId("service-page").waitFor();
    expect(await page.getByTestId("component-duration").innerText()).toBe("1 hari kerja (diusulkan: di hari yang sama).");
    await page.close();
  }, limit(120_000));
});
