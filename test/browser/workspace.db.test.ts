import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

interface WsAnswer {
  level: number | null;
  explanation: string | null;
  verified: boolean;
  version: number;
}
interface Ws {
  stage: string;
  score: { indexRounded: number; predicate: string };
  indicators: { code: string; answers: { mandiri?: WsAnswer } }[];
}

// The assessment workspace in the real SPA: a period created through the form, answers with the
// criteria in view and a live index, a conflict between two users resolved without losing either
// version, verification by the Penanggung Jawab, and submission to the document review.
describe(`assessment workspace in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let workspaceUrl = "";
  const shot = (page: Page, name: string) => keepScreenshot(page, path.join(demo.shots, `workspace-${name}-${TEST_DB_KIND}.png`), { fullPage: false });

  async function openWorkspace(email: string): Promise<Page> {
    const page = await demo.signIn(email);
    await page.goto(workspaceUrl);
    await page.getByTestId("ws-stage").waitFor();
    return page;
  }

  const workspace = async (page: Page) => (await pageApi(page, "GET", new URL(workspaceUrl).pathname.replace("/penilaian/", "/api/assessments/"))).body as Ws;

  beforeAll(async () => {
    demo = await startDemoServer("workspace");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("an administrator creates a period for Kota Jambi through the form", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    await page.getByTestId("nav-assessments").click();
    const form = page.getByTestId("period-create");
    await form.waitFor();
    await page.getByTestId("period-name").fill("Evaluasi Uji Workspace");
    await page.getByTestId("period-year").fill("2026");
    await page.getByTestId("period-kind").selectOption("evaluasi");
    await page.getByTestId("period-instrument").selectOption("permenpanrb-59-2020");
    await page.getByTestId("period-agency-15.71").check();
    await page.getByTestId("period-submit").click();
    await page.getByTestId("period-created").waitFor();
    const card = page.locator("article", { hasText: "Evaluasi Uji Workspace" });
    const link = card.getByTestId("assessment-15.71");
    await link.waitFor();
    expect(await card.innerText()).toContain("Penilaian Mandiri");
    await keepScreenshot(page, path.join(demo.shots, `workspace-periods-${TEST_DB_KIND}.png`), { fullPage: true });
    await link.click();
    await page.getByTestId("ws-stage").waitFor();
    workspaceUrl = page.url();
    expect(workspaceUrl).toMatch(/\/penilaian\/\d+$/);
    await page.close();
  });

  let entry: Page;

  it("the Pelaksana Entri answers with the criteria in view; the index moves live and matches the server after saving", async () => {
    entry = await openWorkspace("pelaksana.entri@demo.pandu.local");
    expect(await entry.getByTestId("ws-stage").innerText()).toBe("Penilaian Mandiri");
    expect(await entry.getByTestId("ws-index").innerText()).toBe("–");
    await entry.getByTestId("ws-criteria-1").click();
    // Criteria and expected evidence of every level, visible (textContent: the headings are upper-cased by CSS).
    await expect.poll(() => entry.getByTestId("ws-indicator-1").locator(".levels").isVisible()).toBe(true);
    expect(await entry.getByTestId("ws-indicator-1").locator(".levels").textContent()).toContain("Bukti dukung yang diharapkan");
    await entry.getByTestId("ws-level-1").selectOption("3");
    await expect.poll(() => entry.getByTestId("ws-index").innerText()).not.toBe("–");
    const live = await entry.getByTestId("ws-index").innerText();
    expect(await entry.getByTestId("ws-unsaved").isVisible()).toBe(true);
    await entry.getByTestId("ws-level-2").selectOption("4");
    await expect.poll(() => entry.getByTestId("ws-index").innerText()).not.toBe(live);
    await entry.getByTestId("ws-level-3").selectOption("2");
    for (const code of ["1", "2", "3"]) {
      await entry.getByTestId(`ws-explanation-${code}`).fill(`Penjelasan pelaksana untuk indikator ${code}`);
      await entry.getByTestId(`ws-save-${code}`).click();
      await entry.getByTestId(`ws-saved-${code}`).waitFor();
    }
    await expect.poll(() => entry.getByTestId("ws-unsaved").count()).toBe(0);
    expect(await entry.getByTestId("ws-progress").innerText()).toContain("Terisi 3 · terverifikasi 0 · dari 47");
    const server = await workspace(entry);
    expect(await entry.getByTestId("ws-index").innerText()).toBe(server.score.indexRounded.toFixed(2).replace(".", ","));
    expect(await entry.getByTestId("ws-predicate").innerText()).toContain(server.score.predicate);
    // The levels for pandu score / pandu plan, one link away: the saved levels, null for the rest.
    const download = entry.getByTestId("ws-levels-download");
    expect(await download.innerText()).toBe("Unduh level (levels.json)");
    const levels = (await pageApi(entry, "GET", (await download.getAttribute("href"))!)).body as Record<string, number | null>;
    expect(Object.keys(levels)).toHaveLength(47);
    expect(levels).toMatchObject({ "1": 3, "2": 4, "3": 2, "4": null });
    await shot(entry, "entry");
  });

  it("a second user saves first; the stale save shows both versions and keeping mine saves it", async () => {
    const coordinator = await openWorkspace("koordinator.spbe@demo.pandu.local");
    await coordinator.getByTestId("ws-level-1").selectOption("5");
    await coordinator.getByTestId("ws-explanation-1").fill("Versi koordinator");
    await coordinator.getByTestId("ws-save-1").click();
    await coordinator.getByTestId("ws-saved-1").waitFor();

    await entry.getByTestId("ws-level-1").selectOption("2");
    await entry.getByTestId("ws-explanation-1").fill("Versi pelaksana");
    await entry.getByTestId("ws-save-1").click();
    const conflict = entry.getByTestId("ws-conflict");
    await conflict.waitFor();
    const text = await conflict.innerText();
    expect(text).toContain("Versi koordinator");
    expect(text).toContain("Versi pelaksana");
    expect(text).toMatch(/5/);
    await conflict.scrollIntoViewIfNeeded();
    await shot(entry, "conflict");
    // Autosave may have saved a step on either side first: keeping mine writes one version past the coordinator's.
    const theirs = (await workspace(entry)).indicators.find((i) => i.code === "1")!.answers.mandiri!.version;
    await entry.getByTestId("ws-keep-mine").click();
    await entry.getByTestId("ws-saved-1").waitFor();
    expect(await entry.getByTestId("ws-conflict").count()).toBe(0);
    const saved = (await workspace(entry)).indicators.find((i) => i.code === "1")!.answers.mandiri!;
    expect(saved).toMatchObject({ level: 2, explanation: "Versi pelaksana", version: theirs + 1 });
    await coordinator.close();
  });

  it("the Penanggung Jawab verifies an answer", async () => {
    const pj = await openWorkspace("penanggung.jawab@demo.pandu.local");
    const box = pj.getByTestId("ws-verify-1");
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await expect.poll(() => pj.getByTestId("ws-progress").innerText()).toContain("terverifikasi 1");
    expect(await box.isChecked()).toBe(true);
    expect((await workspace(pj)).indicators.find((i) => i.code === "1")!.answers.mandiri!.verified).toBe(true);
    await pj.getByTestId("ws-indicator-1").scrollIntoViewIfNeeded();
    await shot(pj, "verify");
    await pj.close();
  });

  it("the Koordinator SPBE sees what is missing, then submits; the stage becomes Penilaian Dokumen", async () => {
    const coordinator = await openWorkspace("koordinator.spbe@demo.pandu.local");
    // Which indicators the Penanggung Jawab has verified shows on each row, not only in the totals.
    expect(await coordinator.getByTestId("ws-verified-1").innerText()).toBe("Terverifikasi");
    expect(await coordinator.getByTestId("ws-verified-2").count()).toBe(0);
    await coordinator.getByTestId("ws-submit").click();
    await coordinator.getByTestId("ws-submit-confirm").click();
    await expect.poll(() => coordinator.getByTestId("ws-submit-error").innerText()).toContain("Indikator berikut belum diberi tingkat");

    // Fill the other indicators through the API (the UI path is covered above), then verify them all.
    const before = await workspace(coordinator);
    for (const i of before.indicators.filter((x) => x.answers.mandiri?.level == null)) {
      const r = await pageApi(coordinator, "PUT", `/api/assessments/${workspaceUrl.split("/").pop()}/answers/${i.code}`, { stage: "mandiri", version: 0, level: 3, explanation: "Diisi lewat API" });
      expect(r.status).toBe(200);
    }
    const pj = await openWorkspace("penanggung.jawab@demo.pandu.local");
    for (const i of (await workspace(pj)).indicators.filter((x) => !x.answers.mandiri!.verified)) {
      const r = await pageApi(pj, "POST", `/api/assessments/${workspaceUrl.split("/").pop()}/answers/${i.code}/verify`, { verified: true, version: i.answers.mandiri!.version });
      expect(r.status).toBe(200);
    }
    await pj.close();

    await coordinator.reload();
    await coordinator.getByTestId("ws-stage").waitFor();
    expect(await coordinator.getByTestId("ws-progress").innerText()).toContain("Terisi 47 · terverifikasi 47 · dari 47");
    await coordinator.getByTestId("ws-submit").click();
    await coordinator.getByTestId("ws-submit-confirm").click();
    await expect.poll(() => coordinator.getByTestId("ws-stage").innerText()).toBe("Penilaian Dokumen");
    expect(await coordinator.getByTestId("ws-submit").count()).toBe(0);
    const after = await workspace(coordinator);
    expect(after.stage).toBe("dokumen");
    expect(await coordinator.getByTestId("ws-index").innerText()).toBe(after.score.indexRounded.toFixed(2).replace(".", ","));
    // The self levels now carry into the document review, marked as such.
    expect(await coordinator.getByTestId("ws-indicator-1").innerText()).toContain("dibawa dari Penilaian Mandiri");
    await shot(coordinator, "submitted");
    await coordinator.close();
    await entry.close();
  });
});
