import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRoadmap, scoreAssessment } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { formatIndex } from "../../src/web/format";
import { pageApi, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

interface Ws {
  score: { index: number; indexRounded: number; predicate: string; partial: boolean };
  indicators: { code: string; level: number | null }[];
}

// Issue #14's walk through a Pemdi 2026 internal round in the real SPA: creating a 2026 period
// proposes Pemdi (2025 still 59/2020), an indicator fed from Indeks SDI is entered as its score and
// the live index and predicate follow it (agreeing with the core and the server), and the plan page
// proposes the cheapest roadmap to "Baik" — the one the core computes, with the SDI value held.
describe(`a Pemdi 2026 internal round in Chromium on ${TEST_DB_KIND}`, () => {
  const pemdi = bundledInstrument("pemdi-2026")!;
  /** Values typed as values (decimals where the evidence is partly accepted). */
  const values: Record<string, number> = {
    "1": 2, "2": 2, "3": 1.26, "4": 2, "8": 1.5, "9": 2, "10": 2, "11": 1.5, "12": 2,
    "13": 2, "14": 2, "15": 2, "16": 2, "17": 2.5, "19": 2, "20": 1.3,
  };
  /** Indicators valued from another agency's index, entered as scores: SJIG 2.0, IPS 2.0, SDI interoperability 25. */
  const scores: Record<string, { score: number; value: number }> = { "6": { score: 2, value: 2 }, "7": { score: 2, value: 2 }, "18": { score: 25, value: 2 } };
  /** Indeks SDI 25 converts to 2.00 (linear within 12.5–37.5 → 1.5–2.5), typed in the browser. */
  const all: Record<string, number> = { ...values, ...Object.fromEntries(Object.entries(scores).map(([c, s]) => [c, s.value])), "5": 2 };
  let demo: DemoServer;
  let assessmentId = 0;

  beforeAll(async () => {
    demo = await startDemoServer("pemdi-round");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("period creation proposes the instrument in force for the year: Pemdi for 2026, 59/2020 for 2025", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    await page.getByTestId("nav-assessments").click();
    await page.getByTestId("period-create").waitFor();
    await page.getByTestId("period-name").fill("Putaran Internal Pemdi Uji");
    await page.getByTestId("period-year").fill("2025");
    await expect.poll(() => page.getByTestId("period-instrument").inputValue()).toBe("permenpanrb-59-2020");
    await page.getByTestId("period-year").fill("2026");
    await expect.poll(() => page.getByTestId("period-instrument").inputValue()).toBe("pemdi-2026");
    expect(await page.getByTestId("period-instrument-proposed").innerText()).toContain("2026");
    // an internal round of the province, not the national evaluation; the proposal is kept
    await page.getByTestId("period-internal").check();
    await page.getByTestId("period-agency-15.71").check();
    await page.getByTestId("period-submit").click();
    await page.getByTestId("period-created").waitFor();
    await page.locator("article", { hasText: "Putaran Internal Pemdi Uji" }).getByTestId("assessment-15.71").click();
    await page.getByTestId("ws-stage").waitFor();
    assessmentId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const periods = (await pageApi(page, "GET", "/api/periods")).body as { periods: { name: string; instrument: string }[] };
    expect(periods.periods.find((p) => p.name === "Putaran Internal Pemdi Uji")!.instrument).toBe("pemdi-2026");
    await page.close();
  });

  it("an SDI score entered as a score moves the live index and predicate; saved, the server agrees with the core to the decimal", async () => {
    expect(assessmentId).toBeGreaterThan(0);
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    for (const [code, level] of Object.entries(values)) {
      expect((await pageApi(page, "PUT", `/api/assessments/${assessmentId}/answers/${code}`, { stage: "mandiri", version: 0, level })).status).toBe(200);
    }
    for (const [code, s] of Object.entries(scores)) {
      const r = await pageApi(page, "PUT", `/api/assessments/${assessmentId}/answers/${code}`, { stage: "mandiri", version: 0, level: null, externalScore: { score: s.score, source: "Hasil evaluasi 2025", year: 2025 } });
      expect(r.status).toBe(200);
    }
    await page.goto(`${demo.url}/penilaian/${assessmentId}`);
    await page.getByTestId("ws-stage").waitFor();
    const partial = scoreAssessment(pemdi, { ...values, ...Object.fromEntries(Object.entries(scores).map(([c, s]) => [c, s.value])) }, { policy: "exact", partial: true });
    await expect.poll(() => page.getByTestId("ws-index").innerText()).toBe(formatIndex(partial.indexRounded, "id"));

    const full = scoreAssessment(pemdi, all, { policy: "exact" });
    expect(full.indexRounded).not.toBe(partial.indexRounded);
    await page.getByTestId("ws-external-score-5").fill("25");
    await page.getByTestId("ws-external-source-5").fill("Laporan Evaluasi SDI 2025");
    await page.getByTestId("ws-external-year-5").fill("2025");
    await expect.poll(() => page.getByTestId("ws-external-value-5").innerText()).toContain("2,00");
    // before saving, the index and predicate follow the score in the browser
    await expect.poll(() => page.getByTestId("ws-index").innerText()).toBe(formatIndex(full.indexRounded, "id"));
    expect(await page.getByTestId("ws-predicate").innerText()).toContain(full.predicate);
    await page.getByTestId("ws-save-5").click();
    await page.getByTestId("ws-saved-5").waitFor();

    const ws = (await pageApi(page, "GET", `/api/assessments/${assessmentId}`)).body as Ws;
    expect(ws.indicators.find((i) => i.code === "5")!.level).toBe(2);
    expect(ws.score).toMatchObject({ index: full.index, indexRounded: full.indexRounded, predicate: full.predicate, partial: false });
    // Σ(w × v) = 184.3 → 1.843, Cukup (1.5 ≤ index < 2.5)
    expect([full.index, full.predicate]).toEqual([1.843, "Cukup"]);
    await page.close();
  });

  it("the plan page analyses the Pemdi aspects and proposes the cheapest roadmap to Baik, as the core does", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${assessmentId}`);
    await page.getByTestId("ws-plan-link").click();
    await page.getByTestId("plan-index").waitFor();
    const full = scoreAssessment(pemdi, all, { policy: "exact" });
    expect(await page.getByTestId("plan-index").innerText()).toBe(formatIndex(full.indexRounded, "id"));
    const draft = await page.getByTestId("plan-general-text").inputValue();
    expect(draft).toContain("Indeks Pemerintah Digital 1,84 dengan predikat Cukup.");
    expect(draft).not.toContain("Indeks SPBE");

    // the what-if keeps 1,26 choosable and rescored by the core
    expect(await page.getByTestId("whatif-level-3").inputValue()).toBe("1.26");
    await page.getByTestId("whatif-level-3").selectOption("2");
    const simulated = scoreAssessment(pemdi, { ...all, "3": 2 }, { policy: "exact" });
    await expect.poll(() => page.getByTestId("whatif-index").innerText()).toBe(formatIndex(simulated.indexRounded, "id"));

    const plan = planRoadmap(pemdi, { levels: all, target: { predicate: "Baik" }, maxStepsPerIndicator: 1, policy: "exact" });
    expect(plan.feasible).toBe(true);
    if (!plan.feasible) return;
    // values fed from other agencies' indices are not raised by the agency's own evidence
    expect(plan.steps.map((s) => s.indicator)).not.toContain("5");
    await page.getByTestId("roadmap-predicate").selectOption("Baik");
    await page.getByTestId("roadmap-compute").click();
    await page.getByTestId("roadmap-result").waitFor();
    expect(await page.getByTestId("roadmap-predicate-result").innerText()).toBe("Baik");
    const rows = page.getByTestId("roadmap-steps").locator("tbody tr");
    expect(await rows.count()).toBe(plan.steps.length);
    expect(await rows.locator("th .code").allInnerTexts()).toEqual(plan.steps.map((s) => s.indicator));
    await keepScreenshot(page, path.join(demo.shots, `pemdi-round-plan-${TEST_DB_KIND}.png`), { fullPage: false });
    await page.close();
  });
});
