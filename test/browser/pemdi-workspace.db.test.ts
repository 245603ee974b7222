import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

interface Ws {
  score: { index: number; indexRounded: number; predicate: string };
  indicators: { code: string; level: number | null; answers: { mandiri?: { externalScore: { score: number; source: string; year: number } | null } } }[];
}

// A Pemdi 2026 self-assessment in the real SPA: a decimal value typed in, an indicator fed from
// Indeks SDI entered as its score with source and year, the converted value shown, and the live
// index agreeing with the server's.
describe(`Pemdi workspace in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let url = "";
  beforeAll(async () => {
    demo = await startDemoServer("pemdi-workspace");
  }, 120_000);
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("an administrator creates a 2026 period on Pemdi for Kota Jambi", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    await page.getByTestId("nav-assessments").click();
    await page.getByTestId("period-create").waitFor();
    await page.getByTestId("period-name").fill("Evaluasi Pemdi Uji");
    await page.getByTestId("period-year").fill("2026");
    await page.getByTestId("period-kind").selectOption("evaluasi");
    await page.getByTestId("period-instrument").selectOption("pemdi-2026");
    await page.getByTestId("period-agency-15.71").check();
    await page.getByTestId("period-submit").click();
    await page.getByTestId("period-created").waitFor();
    const link = page.locator("article", { hasText: "Evaluasi Pemdi Uji" }).getByTestId("assessment-15.71");
    await link.click();
    await page.getByTestId("ws-stage").waitFor();
    url = page.url();
    await page.close();
  });

  it("takes a decimal value and an SDI score, shows the converted value, and the live index matches the server", async () => {
    const page: Page = await demo.signIn("pelaksana.entri@demo.pandu.local");
    await page.goto(url);
    await page.getByTestId("ws-stage").waitFor();
    await page.getByTestId("ws-level-3").fill("1,255");
    expect(await page.getByTestId("ws-indicator-3").getByRole("alert").innerText()).toContain("1.00–5.00");
    await page.getByTestId("ws-level-3").fill("1,26");
    await page.getByTestId("ws-save-3").click();
    await page.getByTestId("ws-saved-3").waitFor();
    await page.getByTestId("ws-external-score-5").fill("68,75");
    await page.getByTestId("ws-external-source-5").fill("Laporan Evaluasi SDI 2025");
    await page.getByTestId("ws-external-year-5").fill("2025");
    await expect.poll(() => page.getByTestId("ws-external-value-5").innerText()).toContain("3,75");
    await page.getByTestId("ws-save-5").click();
    await page.getByTestId("ws-saved-5").waitFor();
    const ws = (await pageApi(page, "GET", new URL(url).pathname.replace("/penilaian/", "/api/assessments/"))).body as Ws;
    const five = ws.indicators.find((i) => i.code === "5")!;
    expect(five.level).toBe(3.75);
    expect(five.answers.mandiri?.externalScore).toEqual({ score: 68.75, source: "Laporan Evaluasi SDI 2025", year: 2025 });
    expect(ws.indicators.find((i) => i.code === "3")!.level).toBe(1.26);
    // preview over the two answered: (1.26 × 5 + 3.75 × 5) / 10 = 2.505
    expect(ws.score.index).toBe(2.505);
    expect(await page.getByTestId("ws-index").innerText()).toBe(ws.score.indexRounded.toFixed(2).replace(".", ","));
    await page.close();
  });
});
