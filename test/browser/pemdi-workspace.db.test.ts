import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

interface Ws {
  stage: string;
  score: { index: number; indexRounded: number; predicate: string };
  indicators: { code: string; level: number | null; answers: { mandiri?: { version: number; level: number | null; externalScore: { score: number; source: string; year: number } | null } } }[];
}

// A Pemdi 2026 self-assessment in the real SPA: a decimal value typed in, an indicator fed from
// Indeks SDI entered as its score with source and year, the converted value shown, and the live
// index agreeing with the server's.
describe(`Pemdi workspace in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let url = "";
  beforeAll(async () => {
    demo = await startDemoServer("pemdi-workspace");
  }, limit(120_000));
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
    await expect.poll(() => page.getByTestId("ws-indicator-3").getByRole("alert").innerText()).toContain("1.00–5.00");
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

  // Evidence items (butir bukti dukung) of indicator 4, Kolaborasi: the coordinator links an uploaded
  // file to L1-01 (portal code PG_04_01); after the submission the external assessor rejects L2-01,
  // and the items of levels 3–5 show as rejected automatically, naming L2-01.
  const TITLE = "SK Tim Koordinasi Pemdi Kota Jambi";
  const apiPath = () => new URL(url).pathname.replace("/penilaian/", "/api/assessments/");
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n% SK Tim Koordinasi Pemdi\n", "latin1"), Buffer.alloc(2048, 3), Buffer.from("\n%%EOF\n", "latin1")]);

  it("the coordinator uploads a file on indicator 4 and links it to evidence item L1-01", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(url);
    await page.getByTestId("ws-stage").waitFor();
    await page.getByTestId("ws-evidence-upload-open-4").click();
    await page.getByTestId("ws-upload-4-title").fill(TITLE);
    await page.getByTestId("ws-upload-4-file").setInputFiles({ name: "PG_04_01.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByTestId("ws-upload-4-submit").click();
    await expect.poll(() => page.getByTestId("ws-evidence-4").innerText()).toContain(TITLE);
    await page.getByTestId("ws-items-open-4").click();
    await expect.poll(() => page.getByTestId("ws-item-4-L1-01-portal").innerText()).toBe("PG_04_01");
    await expect.poll(() => page.getByTestId("ws-item-4-L1-01-badge").getAttribute("data-status")).toBe("none");
    await page.getByTestId("ws-item-4-L1-01-file").selectOption({ label: TITLE });
    await page.getByTestId("ws-item-4-L1-01-link").click();
    await expect.poll(() => page.getByTestId("ws-item-4-L1-01").innerText()).toContain(TITLE);
    // The coordinator may link but not decide.
    expect(await page.getByTestId("ws-item-4-L1-01-status").count()).toBe(0);
    await page.close();
  });

  it("the external assessor rejects L2-01 with a note, and the level-3 to level-5 items show as rejected automatically", async () => {
    // The agency completes and submits the self-assessment; the administrator assigns the external assessor.
    const coordinator = await demo.signIn("koordinator.spbe@demo.pandu.local");
    const ws = (await pageApi(coordinator, "GET", apiPath())).body as Ws;
    for (const i of ws.indicators.filter((x) => x.answers.mandiri?.level == null)) {
      const saved = await pageApi(coordinator, "PUT", `${apiPath()}/answers/${i.code}`, { stage: "mandiri", version: i.answers.mandiri?.version ?? 0, level: 3 });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    const pj = await demo.signIn("penanggung.jawab@demo.pandu.local");
    for (const i of ((await pageApi(pj, "GET", apiPath())).body as Ws).indicators) {
      expect((await pageApi(pj, "POST", `${apiPath()}/answers/${i.code}/verify`, { verified: true, version: i.answers.mandiri!.version })).status).toBe(200);
    }
    await pj.close();
    const admin = await demo.signIn("admin@demo.pandu.local");
    expect((await pageApi(admin, "POST", `${apiPath()}/assignments`, { email: "asesor.eksternal@demo.pandu.local", role: "asesor_eksternal" })).status).toBe(204);
    await admin.close();
    expect((await pageApi(coordinator, "POST", `${apiPath()}/submit`, {})).body).toMatchObject({ stage: "dokumen" });
    await coordinator.close();

    const page = await demo.signIn("asesor.eksternal@demo.pandu.local");
    await page.goto(url);
    await page.getByTestId("ws-stage").waitFor();
    await page.getByTestId("ws-items-open-4").click();
    await expect.poll(() => page.getByTestId("ws-item-4-L1-01").innerText()).toContain(TITLE);
    await page.getByTestId("ws-item-4-L1-01-status").selectOption("diterima");
    await page.getByTestId("ws-item-4-L1-01-save").click();
    await expect.poll(() => page.getByTestId("ws-item-4-L1-01-badge").getAttribute("data-status")).toBe("diterima");
    await page.getByTestId("ws-item-4-L2-01-status").selectOption("ditolak");
    await page.getByTestId("ws-item-4-L2-01-note").fill("Rencana kolaborasi antarinstansi tidak dirinci");
    await page.getByTestId("ws-item-4-L2-01-save").click();
    await expect.poll(() => page.getByTestId("ws-item-4-L2-01-badge").getAttribute("data-status")).toBe("ditolak");
    expect(await page.getByTestId("ws-item-4-L2-01-note-text").innerText()).toContain("Rencana kolaborasi antarinstansi tidak dirinci");
    expect(await page.getByTestId("ws-item-4-L2-01-badge").getAttribute("data-auto")).toBeNull();
    expect(await page.getByTestId("ws-item-4-L2-02-badge").getAttribute("data-status")).toBe("none");
    for (const code of ["L3-01", "L3-02", "L4-01", "L5-02"]) {
      const badge = page.getByTestId(`ws-item-4-${code}-badge`);
      expect(await badge.getAttribute("data-auto"), code).toBe("true");
      expect(await badge.innerText(), code).toContain("L2-01");
    }
    expect(await page.getByTestId("ws-item-4-L1-01-badge").getAttribute("data-status")).toBe("diterima");
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, `${demo.shots}/pemdi-evidence-items-${TEST_DB_KIND}.png`, { fullPage: false });
    await page.close();
  }, limit(240_000));
});
