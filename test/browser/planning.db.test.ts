import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planMultiYear, planRoadmap, scoreAssessment } from "../../src/core";
import { formatIndex, formatRupiah } from "../../src/web/format";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { levelsFor, p59 } from "../helpers/instruments";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

// The plan page in the real SPA: the Koordinator SPBE opens the analysis of a self-assessment from
// the workspace, runs a what-if (the index follows the core), computes the cheapest roadmap to
// "Baik", turns it into actions under a new recommendation, and finds them on the actions page.
describe(`analysis & plan in Chromium on ${TEST_DB_KIND}`, () => {
  const compiled = p59();
  // Every indicator at level 2 except the first domain's at 1: index below "Cukup"'s neighbour "Baik".
  const levels = levelsFor(compiled, (c) => (Number(c) <= 10 ? 1 : 2));
  let demo: DemoServer;
  let assessmentId = 0;

  beforeAll(async () => {
    demo = await startDemoServer("planning");
    const admin = await demo.signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji Rencana", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    assessmentId = periods.periods.find((p) => p.name === "Evaluasi Uji Rencana")!.assessments[0]!.id;
    await admin.close();
    const kspbe = await demo.signIn("koordinator.spbe@demo.pandu.local");
    for (const [code, level] of Object.entries(levels)) {
      const r = await pageApi(kspbe, "PUT", `/api/assessments/${assessmentId}/answers/${code}`, { stage: "mandiri", version: 0, level });
      expect(r.status).toBe(200);
    }
    await kspbe.close();
  }, limit(150_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("what-if, roadmap to a predicate, actions from the roadmap, seen on the actions page", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${assessmentId}`);
    await page.getByTestId("ws-plan-link").click();
    await page.getByTestId("plan-index").waitFor();
    const base = scoreAssessment(compiled, levels, { policy: "exact" });
    expect(await page.getByTestId("plan-index").innerText()).toBe(formatIndex(base.indexRounded, "id"));
    expect(await page.getByTestId("plan-general-text").inputValue()).not.toBe("");

    // What-if: indicator 1 from level 1 to 5; the index follows the core.
    expect(await page.getByTestId("whatif-index").innerText()).toBe(formatIndex(base.indexRounded, "id"));
    await page.getByTestId("whatif-level-1").selectOption("5");
    const simulated = scoreAssessment(compiled, { ...levels, "1": 5 }, { policy: "exact" });
    expect(simulated.indexRounded).not.toBe(base.indexRounded);
    await expect.poll(() => page.getByTestId("whatif-index").innerText()).toBe(formatIndex(simulated.indexRounded, "id"));
    const a1 = simulated.nodes.find((n) => n.code === "A1")!;
    expect(await page.getByTestId("whatif-node-A1").innerText()).toContain(formatIndex(a1.indexRounded!, "id"));

    // Roadmap to "Baik" from the assessment's levels (not the what-if), one step per indicator.
    const plan = planRoadmap(compiled, { levels, target: { predicate: "Baik" }, maxStepsPerIndicator: 1, policy: "exact" });
    expect(plan.feasible).toBe(true);
    if (!plan.feasible) return;
    await page.getByTestId("roadmap-predicate").selectOption("Baik");
    await page.getByTestId("roadmap-compute").click();
    await page.getByTestId("roadmap-result").waitFor();
    expect(await page.getByTestId("roadmap-steps").locator("tbody tr").count()).toBe(plan.steps.length);
    expect(await page.getByTestId("roadmap-predicate-result").innerText()).toBe(plan.predicate);

    // Unreachable target: named with the highest index reachable.
    await page.getByTestId("roadmap-kind-index").check();
    await page.getByTestId("roadmap-index").fill("4,9");
    await page.getByTestId("roadmap-compute").click();
    await page.getByTestId("roadmap-unreachable").waitFor();
    await page.getByTestId("roadmap-kind-predicate").check();
    await page.getByTestId("roadmap-predicate").selectOption("Baik");
    await page.getByTestId("roadmap-compute").click();
    await page.getByTestId("roadmap-result").waitFor();

    // No cost typed: the roadmap says it counts steps, never "N hari kerja" from the default cost of 1.
    expect(await page.getByTestId("roadmap-total").innerText()).toContain("menghitung langkah, bukan biaya");
    expect(await page.getByTestId("roadmap-result-summary").innerText()).not.toContain("hari kerja");
    await page.getByTestId("roadmap-recommendation").selectOption("new");
    await page.getByTestId("roadmap-due").fill("2027-06-30");
    await page.getByTestId("roadmap-to-actions").click();
    await page.getByTestId("roadmap-actions-created").waitFor();
    await keepScreenshot(page, path.join(demo.shots, `planning-plan-${TEST_DB_KIND}.png`), { fullPage: false });

    // The actions page lists them under the new recommendation, with due date and status.
    await page.getByTestId("roadmap-actions-created").getByRole("link").click();
    await page.getByTestId("recs-list").waitFor();
    const card = page.locator("article.rec-card").first();
    const items = card.locator(".action-item");
    expect(await items.count()).toBe(plan.steps.length);
    const titles = await items.locator(".action-title").allInnerTexts();
    expect(titles.map((x) => /^Indikator (\S+) /.exec(x)?.[1]).sort()).toEqual(plan.steps.map((s) => s.indicator).sort());
    expect(await card.innerText()).toContain("30 Juni 2027");

    // A status change sticks after a reload.
    const first = items.first();
    const actionTestId = (await first.getAttribute("data-testid"))!;
    await page.getByTestId(`${actionTestId}-status`).selectOption("in_progress");
    await expect.poll(async () => ((await pageApi(page, "GET", "/api/agencies/15.71/recommendations")).body as { recommendations: { actions: { id: number; status: string }[] }[] }).recommendations.flatMap((r) => r.actions).find((a) => `action-${a.id}` === actionTestId)?.status).toBe("in_progress");
    await page.reload();
    await page.getByTestId("recs-list").waitFor();
    expect(await page.getByTestId(`${actionTestId}-status`).inputValue()).toBe("in_progress");
    await keepScreenshot(page, path.join(demo.shots, `planning-actions-${TEST_DB_KIND}.png`), { fullPage: false });
    await page.close();
  }, limit(180_000));

  it("targets per year with Rupiah costs: a plan per year, an unreachable year named, actions due 31 December with the costs as budgets", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${assessmentId}/rencana`);
    await page.getByTestId("roadmap-form").waitFor();
    const costs = Object.fromEntries(compiled.codes.map((c) => [c, 1_000_000 * ((Number(c) % 4) + 1)]));
    const targets = [
      { year: 2027, target: { predicate: "Baik" } },
      { year: 2028, target: { predicate: "Sangat Baik" } },
      { year: 2029, target: { index: 5 } },
    ];
    const expected = planMultiYear(compiled, { levels, targets, costs, maxStepsPerIndicator: 1, policy: "exact" });
    expect(expected.map((y) => y.plan.feasible)).toEqual([true, true, false]);

    await page.getByTestId("roadmap-mode-years").check();
    await page.getByTestId("roadmap-year-0").fill("2027");
    await page.getByTestId("roadmap-year-target-0").selectOption("Baik");
    await page.getByTestId("roadmap-year-1").fill("2028");
    await page.getByTestId("roadmap-year-target-1").selectOption("Sangat Baik");
    await page.getByTestId("roadmap-add-year").click();
    await expect.poll(() => page.getByTestId("roadmap-year-2").inputValue()).toBe("2029");
    await page.getByTestId("roadmap-year-target-2").selectOption("");
    await page.getByTestId("roadmap-year-index-2").fill("5");
    await page.getByText("Satuan dan biaya per langkah").click();
    await page.getByTestId("roadmap-cost-unit").selectOption("rupiah");
    for (const [code, cost] of Object.entries(costs)) await page.getByTestId(`roadmap-cost-${code}`).fill(cost.toLocaleString("id-ID"));
    await page.getByTestId("roadmap-compute").click();

    // One plan per year, each from the previous year's levels; the last one is out of reach.
    for (const { year, plan } of expected.slice(0, 2)) {
      if (!plan.feasible) throw new Error("expected feasible");
      await page.getByTestId(`roadmap-plan-${year}`).waitFor();
      expect(await page.getByTestId(`roadmap-plan-${year}-steps`).locator("tbody tr").count()).toBe(plan.steps.length);
      const summary = await page.getByTestId(`roadmap-plan-${year}-summary`).innerText();
      expect(summary).toContain(formatRupiah(plan.totalCost, "id"));
      expect(summary).toContain(formatIndex(plan.index, "id"));
      expect(await page.getByTestId(`roadmap-plan-${year}-predicate`).innerText()).toBe(plan.predicate);
    }
    const last = expected[2]!.plan;
    if (last.feasible) throw new Error("expected infeasible");
    expect(await page.getByTestId("roadmap-plan-2029-unreachable").innerText()).toContain(formatIndex(last.maxIndex, "id"));
    expect(await page.getByTestId("roadmap-to-actions").count()).toBe(0);
    await keepScreenshot(page.getByTestId("roadmap-form"), path.join(demo.shots, `planning-multiyear-form-${TEST_DB_KIND}.png`));

    // Without the unreachable year: the total, then actions dated at each year's end with the costs as budgets.
    await page.getByRole("button", { name: "Hapus target tahun 2029" }).click();
    await page.getByTestId("roadmap-compute").click();
    const planned = expected.slice(0, 2).flatMap(({ year, plan }) => (plan.feasible ? plan.steps.map((s) => ({ year, ...s })) : []));
    const total = planned.reduce((n, s) => n + s.cost, 0);
    await expect.poll(() => page.getByTestId("roadmap-total").innerText()).toContain(formatRupiah(total, "id"));
    await page.getByTestId("roadmap-due-year-end").waitFor();
    await page.getByTestId("roadmap-recommendation").selectOption("new");
    await page.getByTestId("roadmap-new-text").fill("Peta jalan SPBE 2027–2028 (uji multi-tahun)");
    await page.getByTestId("roadmap-to-actions").click();
    await page.getByTestId("roadmap-actions-created").waitFor();
    await keepScreenshot(page, path.join(demo.shots, `planning-multiyear-${TEST_DB_KIND}.png`), { fullPage: false });
    const list = (await pageApi(page, "GET", "/api/agencies/15.71/recommendations")).body as { recommendations: { text: string; actions: { targetIndicatorCode: string; targetLevel: number; dueDate: string; budget: number }[] }[] };
    const rec = list.recommendations.find((r) => r.text.includes("uji multi-tahun"))!;
    expect(rec.actions.map((a) => [a.targetIndicatorCode, a.targetLevel, a.dueDate, a.budget])).toEqual(planned.map((s) => [s.indicator, s.to, `${s.year}-12-31`, s.cost]));
    await page.close();
  }, limit(180_000));

  it("a new recommendation with action rows is saved in one go", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/rekomendasi/15.71`);
    await page.getByTestId("recs-list").waitFor();
    await page.getByTestId("recs-new-open").click();
    await page.getByTestId("recs-new-text").fill("Susun kebijakan keamanan informasi");
    await page.getByTestId("recs-new-add-action").click();
    await page.getByTestId("recs-new-add-action").click();
    await page.getByTestId("recs-new-action-0-title").fill("Rancang Perwal keamanan");
    await page.getByTestId("recs-new-action-0-budget").fill("15.000.000");
    await page.getByTestId("recs-new-action-0-due").fill("2027-09-30");
    await page.getByTestId("recs-new-action-1-title").fill("Sosialisasi ke perangkat daerah");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("recs-new-submit").click();
    const card = page.locator("article.rec-card", { hasText: "Susun kebijakan keamanan informasi" });
    await card.waitFor();
    expect(await card.locator(".action-title").allInnerTexts()).toEqual(["Rancang Perwal keamanan", "Sosialisasi ke perangkat daerah"]);
    expect(await card.innerText()).toContain(formatRupiah(15_000_000, "id"));
    expect(await card.innerText()).toContain("30 September 2027");
    await page.close();
  }, limit(120_000));
});
