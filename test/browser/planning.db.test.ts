import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRoadmap, scoreAssessment } from "../../src/core";
import { formatIndex } from "../../src/web/format";
import { launchChromium, demoPasswords, pageApi } from "../helpers/browser";
import { levelsFor, p59 } from "../helpers/instruments";
import { spawnServer, waitForHealth, type ServerProcess } from "../helpers/server-process";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// The plan page in the real SPA: the Koordinator SPBE opens the analysis of a self-assessment from
// the workspace, runs a what-if (the index follows the core), computes the cheapest roadmap to
// "Baik", turns it into actions under a new recommendation, and finds them on the actions page.
describe(`analysis & plan in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-planning-"));
  const shots = path.resolve(__dirname, "../../.test-results/screenshots");
  const compiled = p59();
  // Every indicator at level 2 except the first domain's at 1: index below "Cukup"'s neighbour "Baik".
  const levels = levelsFor(compiled, (c) => (Number(c) <= 10 ? 1 : 2));
  let server: ServerProcess;
  let browser: Browser;
  let dropDb: (() => Promise<void>) | undefined;
  let passwords: Map<string, string>;
  let assessmentId = 0;

  async function signIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/masuk`);
    await page.getByTestId("login-email").fill(email);
    await page.getByTestId("login-password").fill(passwords.get(email)!);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("nav-profile").waitFor();
    return page;
  }

  beforeAll(async () => {
    const env: Record<string, string | undefined> = { PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined, PANDU_DEMO: "true", SMTP_URL: undefined };
    if (TEST_DB_KIND === "postgres") {
      const db = await createPostgresTestDatabase();
      env.DATABASE_URL = db.url;
      dropDb = db.drop;
    }
    server = await spawnServer(env);
    await waitForHealth(server, 90_000);
    passwords = demoPasswords(server.output());
    browser = await launchChromium();
    fs.mkdirSync(shots, { recursive: true });

    const admin = await signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji Rencana", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    assessmentId = periods.periods.find((p) => p.name === "Evaluasi Uji Rencana")!.assessments[0]!.id;
    await admin.close();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    const code = await server?.stop();
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  it("what-if, roadmap to a predicate, actions from the roadmap, seen on the actions page", async () => {
    const page = await signIn("koordinator.spbe@demo.pandu.local");
    for (const [code, level] of Object.entries(levels)) {
      const r = await pageApi(page, "PUT", `/api/assessments/${assessmentId}/answers/${code}`, { stage: "mandiri", version: 0, level });
      expect(r.status).toBe(200);
    }
    await page.goto(`${server.url}/penilaian/${assessmentId}`);
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

    await page.getByTestId("roadmap-recommendation").selectOption("new");
    await page.getByTestId("roadmap-due").fill("2027-06-30");
    await page.getByTestId("roadmap-to-actions").click();
    await page.getByTestId("roadmap-actions-created").waitFor();
    await page.screenshot({ path: path.join(shots, `planning-plan-${TEST_DB_KIND}.png`), fullPage: false });

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
    await page.screenshot({ path: path.join(shots, `planning-actions-${TEST_DB_KIND}.png`), fullPage: false });
    await page.close();
  }, 180_000);
});
