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
  review: { status: string | null };
  indicators: { code: string; answers: { mandiri?: WsAnswer } }[];
}

const ENTRY = "pelaksana.entri@demo.pandu.local";
const KOORDINATOR = "koordinator.spbe@demo.pandu.local";
const PJ = "penanggung.jawab@demo.pandu.local";
const ASESOR = "asesor.eksternal@demo.pandu.local";
const REVIU = "tim.reviu@demo.pandu.local";

// The everyday workflow without traps (issue #15): answers save themselves and survive navigation
// and reload, typed text is not dropped by leaving a page, every irreversible button asks first
// (cancel changes nothing, confirm acts, the outcome stays on screen), the review form has no
// decision chosen beforehand, and the workspace filters and "next unfinished" find the work.
describe(`workflow safety in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let id = 0;
  // Screenshots are for people reading a run, not assertions: one that Chromium cannot take in time (it
  // waits for fonts, slow on a loaded machine) is skipped rather than failing the behaviour under test.
  const shot = (page: Page, name: string) =>
    keepScreenshot(page, path.join(demo.shots, `workflow-${name}-${TEST_DB_KIND}.png`), { fullPage: false });
  const openWorkspace = async (email: string, page?: Page) => {
    const p = page ?? (await demo.signIn(email));
    await p.goto(`${demo.url}/penilaian/${id}`);
    await p.getByTestId("ws-stage").waitFor();
    return p;
  };
  const workspace = async (page: Page) => (await pageApi(page, "GET", `/api/assessments/${id}`)).body as Ws;
  const answer = async (page: Page, code: string) => (await workspace(page)).indicators.find((i) => i.code === code)!.answers.mandiri;

  beforeAll(async () => {
    demo = await startDemoServer("workflow");
    const admin = await demo.signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji Alur Kerja", year: 2026, kind: "evaluasi", withVisit: false, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    id = periods.periods.find((p) => p.name === "Evaluasi Uji Alur Kerja")!.assessments[0]!.id;
    expect((await pageApi(admin, "POST", `/api/assessments/${id}/assignments`, { email: ASESOR, role: "asesor_eksternal" })).status).toBe(204);
    await admin.close();
  }, limit(300_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  let entry: Page;

  it("a level and an explanation survive a menu click right after typing, and an answer saves itself before a reload", async () => {
    entry = await openWorkspace(ENTRY);
    await entry.getByTestId("ws-level-1").selectOption("3");
    await entry.getByTestId("ws-explanation-1").fill("Disimpan sebelum pindah halaman");
    await expect.poll(() => entry.getByTestId("ws-autosave-1").getAttribute("data-state")).toBe("pending");
    // Straight to another page: the guard saves first, then lets the move happen.
    await entry.getByTestId("nav-assessments").click();
    await entry.waitForURL(/\/penilaian$/);
    expect(await answer(entry, "1")).toMatchObject({ level: 3, explanation: "Disimpan sebelum pindah halaman", version: 1 });
    await entry.goBack();
    await entry.getByTestId("ws-stage").waitFor();
    expect(await entry.getByTestId("ws-level-1").inputValue()).toBe("3");
    expect(await entry.getByTestId("ws-explanation-1").inputValue()).toBe("Disimpan sebelum pindah halaman");

    // No button pressed: a moment after the last change the answer saves itself, and says so.
    await entry.getByTestId("ws-level-2").selectOption("4");
    await entry.getByTestId("ws-explanation-2").fill("Tersimpan otomatis");
    await expect.poll(() => entry.getByTestId("ws-autosave-2").getAttribute("data-state"), { timeout: limit(15_000) }).toBe("saved");
    expect(await entry.getByTestId("ws-saved-2").innerText()).toContain("Tersimpan");
    // Leaving the text field saves at once as well.
    await entry.getByTestId("ws-level-3").selectOption("2");
    await entry.getByTestId("ws-explanation-3").fill("Disimpan saat fokus pindah");
    await entry.getByTestId("ws-explanation-3").press("Tab");
    await expect.poll(() => entry.getByTestId("ws-autosave-3").getAttribute("data-state"), { timeout: limit(15_000) }).toBe("saved");
    await shot(entry, "autosaved");
    await entry.reload();
    await entry.getByTestId("ws-stage").waitFor();
    expect(await entry.getByTestId("ws-level-2").inputValue()).toBe("4");
    expect(await entry.getByTestId("ws-explanation-2").inputValue()).toBe("Tersimpan otomatis");
    expect(await entry.getByTestId("ws-explanation-3").inputValue()).toBe("Disimpan saat fokus pindah");
    expect(await answer(entry, "3")).toMatchObject({ level: 2, explanation: "Disimpan saat fokus pindah" });
  });

  it("the filters narrow the indicator list and 'next unfinished' moves to the first unanswered indicator", async () => {
    const count = () => entry.getByTestId("ws-filter-count").innerText();
    await expect.poll(count).toBe("47 dari 47 indikator ditampilkan");
    await entry.getByTestId("ws-filter").selectOption("unanswered");
    await expect.poll(count).toBe("44 dari 47 indikator ditampilkan");
    await expect.poll(() => entry.getByTestId("ws-indicator-1").isVisible()).toBe(false);
    await expect.poll(() => entry.getByTestId("ws-indicator-4").isVisible()).toBe(true);
    await entry.getByTestId("ws-filter").selectOption("unverified");
    await expect.poll(count).toBe("47 dari 47 indikator ditampilkan");
    await entry.getByTestId("ws-filter").selectOption("noEvidence");
    await expect.poll(count).toBe("47 dari 47 indikator ditampilkan");
    await entry.getByTestId("ws-filter").selectOption("openClarification");
    await expect.poll(count).toBe("0 dari 47 indikator ditampilkan");
    await entry.getByTestId("ws-filter-empty").waitFor();
    // Since the visit before the reload, answers 2 and 3 changed; answer 1 was saved before it.
    await entry.getByTestId("ws-filter").selectOption("changed");
    await expect.poll(() => entry.getByTestId("ws-last-visit").innerText()).toContain("Kunjungan terakhir Anda");
    await expect.poll(count).toBe("2 dari 47 indikator ditampilkan");
    await expect.poll(() => entry.getByTestId("ws-indicator-2").isVisible()).toBe(true);
    await expect.poll(() => entry.getByTestId("ws-indicator-1").isVisible()).toBe(false);
    await entry.getByTestId("ws-filter").selectOption("all");

    const focusedIndicator = () => entry.evaluate(() => document.activeElement?.closest("[data-testid^='ws-indicator-']")?.getAttribute("data-testid") ?? null);
    await expect.poll(() => entry.getByTestId("ws-next-unfinished").innerText()).toContain("44 tersisa");
    await entry.getByTestId("ws-next-unfinished").click();
    await expect.poll(focusedIndicator).toBe("ws-indicator-4");
    await entry.getByTestId("ws-next-unfinished").click();
    await expect.poll(focusedIndicator).toBe("ws-indicator-5");
    await entry.close();
  });

  it("a typed note that cannot save itself keeps the reader on the page until they choose to leave", async () => {
    const coordinator = await openWorkspace(KOORDINATOR);
    const note = coordinator.getByTestId("ws-submit").locator("xpath=ancestor::form").locator("textarea");
    await note.fill("Catatan pengiriman yang belum dikirim");
    await coordinator.getByTestId("nav-assessments").click();
    const dialog = coordinator.getByTestId("unsaved-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.innerText()).toContain("belum tersimpan");
    await shot(coordinator, "unsaved");
    await coordinator.getByTestId("unsaved-cancel").click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => new URL(coordinator.url()).pathname).toBe(`/penilaian/${id}`);
    expect(await note.inputValue()).toBe("Catatan pengiriman yang belum dikirim");
    await coordinator.getByTestId("nav-assessments").click();
    await coordinator.getByTestId("unsaved-confirm").click();
    await coordinator.waitForURL(/\/penilaian$/);
    await coordinator.close();
  });

  it("submitting the self-assessment asks first, names what is still unverified, and the outcome stays on screen", async () => {
    const coordinator = await demo.signIn(KOORDINATOR);
    for (const i of (await workspace(coordinator)).indicators.filter((x) => x.answers.mandiri?.level == null)) {
      expect((await pageApi(coordinator, "PUT", `/api/assessments/${id}/answers/${i.code}`, { stage: "mandiri", version: 0, level: 3, explanation: "Diisi lewat API" })).status).toBe(200);
    }
    const pj = await demo.signIn(PJ);
    // All verified but indicator 47.
    for (const i of (await workspace(pj)).indicators.filter((x) => x.code !== "47")) {
      expect((await pageApi(pj, "POST", `/api/assessments/${id}/answers/${i.code}/verify`, { verified: true, version: i.answers.mandiri!.version })).status).toBe(200);
    }
    await openWorkspace(KOORDINATOR, coordinator);
    await coordinator.getByTestId("ws-submit").click();
    const dialog = coordinator.getByTestId("ws-submit-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.innerText()).toContain("terkunci");
    expect(await coordinator.getByTestId("ws-submit-warnings").innerText()).toContain("1 indikator belum diverifikasi");
    await shot(coordinator, "submit-confirm");
    await coordinator.getByTestId("ws-submit-cancel").click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await workspace(coordinator)).stage).toBe("mandiri");

    const last = (await workspace(pj)).indicators.find((i) => i.code === "47")!;
    expect((await pageApi(pj, "POST", `/api/assessments/${id}/answers/47/verify`, { verified: true, version: last.answers.mandiri!.version })).status).toBe(200);
    await pj.close();
    await coordinator.reload();
    await coordinator.getByTestId("ws-stage").waitFor();
    await coordinator.getByTestId("ws-submit").click();
    await dialog.waitFor({ state: "visible" });
    expect(await coordinator.getByTestId("ws-submit-warnings").count()).toBe(0);
    await coordinator.getByTestId("ws-submit-confirm").click();
    await expect.poll(() => coordinator.getByTestId("ws-stage").innerText()).toBe("Penilaian Dokumen");
    // The form that was used is gone; the message is not.
    const notice = coordinator.getByTestId("ws-submit-done");
    await notice.waitFor();
    expect(await coordinator.getByTestId("ws-submit").count()).toBe(0);
    expect(await notice.innerText()).toContain("Penilaian Dokumen");
    await coordinator.getByTestId("ws-notice-dismiss").click();
    await expect.poll(() => notice.count()).toBe(0);
    await coordinator.close();
  });

  it("closing a stage with an open clarification warns about it; cancel keeps the stage, confirm closes it", async () => {
    const asesor = await demo.signIn(ASESOR);
    expect((await pageApi(asesor, "POST", `/api/assessments/${id}/clarifications/7/messages`, { body: "Mohon unggah SK yang berlaku.", evidenceId: null })).status).toBeLessThan(300);
    await openWorkspace(ASESOR, asesor);
    await asesor.getByTestId("ws-filter").selectOption("openClarification");
    await expect.poll(() => asesor.getByTestId("ws-filter-count").innerText()).toBe("1 dari 47 indikator ditampilkan");
    expect(await asesor.getByTestId("ws-indicator-7").isVisible()).toBe(true);
    await asesor.getByTestId("ws-advance").click();
    const dialog = asesor.getByTestId("ws-advance-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await asesor.getByTestId("ws-advance-warnings").innerText()).toContain("1 klarifikasi masih terbuka");
    await asesor.getByTestId("ws-advance-cancel").click();
    expect((await workspace(asesor)).stage).toBe("dokumen");
    await asesor.getByTestId("ws-advance").click();
    await asesor.getByTestId("ws-advance-confirm").click();
    await asesor.locator("[data-testid='ws-advance-done'], [data-testid='ws-advance-error']").first().waitFor();
    await shot(asesor, "advanced");
    expect(await asesor.getByTestId("ws-advance-error").count(), await asesor.getByTestId("ws-advance-error").innerText().catch(() => "")).toBe(0);
    await expect.poll(() => asesor.getByTestId("ws-stage").innerText()).toBe("Penilaian Interviu");
    await asesor.getByTestId("ws-advance-done").waitFor();
    // The interview stage closes to the review team.
    expect((await pageApi(asesor, "POST", `/api/assessments/${id}/advance`, {})).body).toMatchObject({ reviewStatus: "pending" });
    await asesor.close();
  });

  it("the review form has no decision chosen; a decision is confirmed before it finalises the result", async () => {
    const reviu = await openWorkspace(REVIU);
    expect(await reviu.getByTestId("ws-review-valid").isChecked()).toBe(false);
    expect(await reviu.getByTestId("ws-review-tidak_valid").isChecked()).toBe(false);
    await reviu.getByTestId("ws-review-submit").click();
    await expect.poll(() => reviu.getByTestId("ws-review-missing").innerText()).toContain("Pilih keputusan");
    expect(await reviu.getByTestId("ws-review-submit-dialog").isVisible()).toBe(false);
    await reviu.getByTestId("ws-review-valid").check();
    await expect.poll(() => reviu.getByTestId("ws-review-missing").count()).toBe(0);
    await reviu.getByTestId("ws-review-submit").click();
    const dialog = reviu.getByTestId("ws-review-submit-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.innerText()).toContain("final");
    await shot(reviu, "review-confirm");
    await reviu.getByTestId("ws-review-submit-cancel").click();
    expect((await workspace(reviu)).stage).not.toBe("final");
    await reviu.getByTestId("ws-review-submit").click();
    await reviu.getByTestId("ws-review-submit-confirm").click();
    const done = reviu.getByTestId("ws-review-done");
    await done.waitFor();
    expect(await done.innerText()).toContain("final");
    await expect.poll(() => reviu.getByTestId("ws-stage").innerText()).toBe("Final");
    expect((await workspace(reviu)).stage).toBe("final");
    await reviu.close();
  });
});
