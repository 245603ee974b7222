import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clippedChartTexts, limit, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

const PHONE = { width: 390, height: 844 };

/** The page's width once its content (tables, charts) is there: what a phone user would scroll sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

// Issue #15, layouts: on a 390 px phone no page is wider than the screen (tables scroll inside their
// cards), the header menu folds behind a button, a final result says so at the top, and printing
// a result or a plan gives a report without navigation or buttons.
describe(`phone layouts, menu, final result header and print in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("phone-layout");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  /** A phone-sized context, signed in through the form when an e-mail is given. */
  async function phone(email?: string): Promise<Page> {
    const context = await demo.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    page.once("close", () => void context.close().catch(() => undefined));
    if (email) {
      await page.goto(`${demo.url}/masuk`);
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(demo.password(email));
      await page.getByTestId("login-submit").click();
      await page.getByTestId("nav-profile").waitFor();
    }
    return page;
  }

  /** The demo assessment ids: a final one of the national round and Jambi's (in progress). */
  async function assessmentIds(page: Page): Promise<{ final: number; jambi: number }> {
    const periods = (await page.evaluate(async () => (await fetch("/api/periods")).json())) as { periods: { assessments: { id: number; agencyCode: string; stage: string }[] }[] };
    const all = periods.periods.flatMap((p) => p.assessments);
    return { final: all.find((a) => a.stage === "final")!.id, jambi: all.find((a) => a.agencyCode === "15")!.id };
  }

  it("no tested page is wider than a 390 px phone; the predicate chart keeps every label", async () => {
    const anon = await phone();
    for (const [path, ready] of [
      ["/", "jambi-results"],
      ["/publik", "portal-results"],
      ["/publik/instansi/15", "agency-history"],
      ["/publik/provinsi/15", "province-ranking"],
    ] as const) {
      await anon.goto(`${demo.url}${path}`);
      await anon.getByTestId(ready).waitFor({ state: "attached" });
      expect({ path, width: await pageWidth(anon) }).toEqual({ path, width: PHONE.width });
    }
    // The portal's predicate chart names every predicate on a phone, none cut at the edge.
    await anon.goto(`${demo.url}/publik`);
    await anon.getByTestId("portal-results").waitFor();
    const chart = anon.locator("figure.chart").filter({ has: anon.locator("svg") }).first();
    await chart.locator("svg text").first().waitFor();
    const texts = await chart.locator("svg text").allTextContents();
    const predicates = await anon.getByTestId("portal-results").locator("tbody .badge").allTextContents();
    for (const p of new Set(predicates)) expect(texts).toContain(p);
    expect(await clippedChartTexts(anon)).toEqual([]);
    await anon.close();

    const admin = await phone("admin@demo.pandu.local");
    const ids = await assessmentIds(admin);
    for (const [path, ready] of [
      ["/kokpit", "cockpit"],
      ["/nasional", "national-predicates"],
      [`/penilaian/${ids.final}`, "ws-final"],
      [`/penilaian/${ids.jambi}`, "ws-stage"],
      [`/penilaian/${ids.jambi}/rencana`, "plan-aspects"],
      ["/rekomendasi/15", "recs-list"],
      ["/papan-piloting/15", "board-agencies"],
      ["/pengguna", "users-table"],
      ["/audit", "audit-table"],
      ["/penilaian", "nav-profile"],
    ] as const) {
      await admin.goto(`${demo.url}${path}`);
      await admin.getByTestId(ready).first().waitFor({ state: "attached" });
      expect({ path, width: await pageWidth(admin) }).toEqual({ path, width: PHONE.width });
    }
    // The piloting board's colour key counts the cells of each band.
    await admin.goto(`${demo.url}/papan-piloting/15`);
    await admin.getByTestId("board-legend").waitFor();
    expect(await admin.getByTestId("board-legend-0").innerText()).toMatch(/^0–24% selesai: \d+ sel$/);
    expect(await admin.getByTestId("board-legend-empty").innerText()).toMatch(/^Belum ada aksi: \d+ sel$/);
    await admin.close();
  });

  it("the header menu folds behind a button on a phone, opens and closes by keyboard, and holds the public portal", async () => {
    const page = await phone("koordinator.spbe@demo.pandu.local");
    const toggle = page.getByTestId("menu-toggle");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByTestId("site-menu").isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => page.getByTestId("nav-assessments").isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("nav-portal").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("menu-toggle");
    // Choosing an entry closes the menu again.
    await toggle.click();
    await page.getByTestId("nav-assessments").click();
    await page.waitForURL(/\/penilaian$/);
    await expect.poll(() => toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await pageWidth(page)).toBe(PHONE.width);
    await page.close();

    // Wide screen: no button, the menu is simply there; signed out, the public portal is in it.
    const wide = await (await demo.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await wide.goto(`${demo.url}/`);
    await wide.getByTestId("nav-portal").click();
    await wide.waitForURL(/\/publik$/);
    expect(await wide.getByTestId("menu-toggle").isVisible()).toBe(false);
    await wide.context().close();
  });

  it("a final result shows its final index, predicate and revision in the header; print drops navigation and buttons", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    const ids = await assessmentIds(page);
    const ws = (await page.evaluate(async (id) => (await fetch(`/api/assessments/${id}`)).json(), ids.final)) as { results: { revision: number; indexRounded: number; predicate: string }[] };
    const latest = ws.results.at(-1)!;
    await page.goto(`${demo.url}/penilaian/${ids.final}`);
    await page.getByTestId("ws-final").waitFor();
    expect(await page.getByTestId("ws-final-index").innerText()).toBe(latest.indexRounded.toFixed(2).replace(".", ","));
    expect(await page.getByTestId("ws-final-predicate").innerText()).toBe(latest.predicate);
    expect(await page.getByTestId("ws-final-revision").innerText()).toContain(`Revisi ${latest.revision}`);
    expect(await page.getByTestId("ws-score-title").innerText()).toBe("Indeks final");
    expect(await page.locator("body").innerText()).not.toContain("Indeks sementara");
    expect(await page.getByTestId("ws-review-status").count()).toBe(0);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByTestId("ws-print").isVisible()).toBe(false);
    expect(await page.getByTestId("ws-plan-link").isVisible()).toBe(false);
    expect(await page.getByTestId("ws-final").isVisible()).toBe(true);
    const visibleControls = await page.locator("button, select, input, textarea, nav").evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(visibleControls).toBe(0);

    // The plan prints as a report too: its general recommendation as text, no form controls.
    await page.emulateMedia({ media: "screen" });
    await page.goto(`${demo.url}/penilaian/${ids.jambi}/rencana`);
    await page.getByTestId("plan-aspects").waitFor({ state: "attached" });
    expect(await page.getByTestId("plan-general-print").isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByTestId("plan-general-print").isVisible()).toBe(true);
    expect(await page.getByTestId("plan-general-text").isVisible()).toBe(false);
    expect(await page.getByTestId("roadmap-compute").isVisible()).toBe(false);
    await page.context().close();
  });

  it("in English the final header and the menu read in English", async () => {
    const page = await phone("admin@demo.pandu.local");
    const ids = await assessmentIds(page);
    await page.getByRole("button", { name: "English" }).first().click();
    await page.goto(`${demo.url}/penilaian/${ids.final}`);
    await page.getByTestId("ws-final").waitFor();
    await expect.poll(() => page.getByTestId("ws-final").locator("h2").innerText()).toBe("Final evaluation result");
    await expect.poll(() => page.getByTestId("ws-score-title").innerText()).toBe("Final index");
    await expect.poll(() => page.getByTestId("menu-toggle").innerText()).toBe("Menu");
    expect(await pageWidth(page)).toBe(PHONE.width);
    await page.close();
  });
});
