import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

interface Ws {
  stage: string;
  indicators: { code: string; answers: { mandiri?: { version: number } } }[];
}

const ASESOR = "asesor.eksternal@demo.pandu.local";
const KOORDINATOR = "koordinator.spbe@demo.pandu.local";
const QUESTION = "Mohon unggah SK Tim Koordinasi SPBE yang masih berlaku.";
const ANSWER = "SK terbaru sudah ada di pustaka bukti, kami rujuk di sini.";
const EVIDENCE_TITLE = "Keputusan Wali Kota tentang Tim Koordinasi SPBE";

/** Uploads a small PDF to the agency's library from inside the page (multipart, with the CSRF token). */
async function uploadEvidence(page: Page, agency: string, title: string): Promise<number> {
  return page.evaluate(
    async ({ agency, title }) => {
      const me = (await (await fetch("/api/me")).json()) as { csrfToken: string };
      const form = new FormData();
      form.append("title", title);
      form.append("file", new File(["%PDF-1.4\n% SK Tim Koordinasi SPBE\n", "x".repeat(2048), "\n%%EOF\n"], "sk-tim-spbe.pdf", { type: "application/pdf" }));
      const res = await fetch(`/api/agencies/${agency}/evidence`, { method: "POST", headers: { "x-csrf-token": me.csrfToken }, body: form });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { id: number }).id;
    },
    { agency, title },
  );
}

// Clarifications, interview notes and a result correction in the real SPA: the external assessor asks
// on an indicator, the agency's coordinator follows the notification link and answers with a
// document of the library, the assessor resolves the thread and writes an interview note; after the
// review team's Valid, the administrator corrects the final result with a reason.
describe(`clarifications, interview notes and result corrections in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let id = 0;
  let evidenceId = 0;
  const shot = (page: Page, name: string) => keepScreenshot(page, path.join(demo.shots, `clarifications-${name}-${TEST_DB_KIND}.png`), { fullPage: false });
  const openWorkspace = async (email: string, query = "") => {
    const page = await demo.signIn(email);
    await page.goto(`${demo.url}/penilaian/${id}${query}`);
    await page.getByTestId("ws-stage").waitFor();
    return page;
  };
  const workspace = async (page: Page) => (await pageApi(page, "GET", `/api/assessments/${id}`)).body as Ws;

  beforeAll(async () => {
    demo = await startDemoServer("clarifications");
    // An evaluation period (without a site visit) for Kota Jambi, with the demo external assessor assigned.
    const admin = await demo.signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji Klarifikasi", year: 2026, kind: "evaluasi", withVisit: false, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    id = periods.periods.find((p) => p.name === "Evaluasi Uji Klarifikasi")!.assessments[0]!.id;
    expect((await pageApi(admin, "POST", `/api/assessments/${id}/assignments`, { email: ASESOR, role: "asesor_eksternal" })).status).toBe(204);
    await admin.close();

    // The agency fills, verifies and submits its self-assessment: the document review (dokumen) opens.
    const coordinator = await demo.signIn(KOORDINATOR);
    for (const i of (await workspace(coordinator)).indicators) {
      expect((await pageApi(coordinator, "PUT", `/api/assessments/${id}/answers/${i.code}`, { stage: "mandiri", version: 0, level: 3, explanation: "Diisi untuk uji klarifikasi" })).status).toBe(200);
    }
    evidenceId = await uploadEvidence(coordinator, "15.71", EVIDENCE_TITLE);
    const pj = await demo.signIn("penanggung.jawab@demo.pandu.local");
    for (const i of (await workspace(pj)).indicators) {
      expect((await pageApi(pj, "POST", `/api/assessments/${id}/answers/${i.code}/verify`, { verified: true, version: i.answers.mandiri!.version })).status).toBe(200);
    }
    await pj.close();
    expect((await pageApi(coordinator, "POST", `/api/assessments/${id}/submit`, {})).body).toMatchObject({ stage: "dokumen" });
    await coordinator.close();
  }, limit(240_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the external assessor asks a question on indicator 7; the indicator list marks the open thread", async () => {
    const page = await openWorkspace(ASESOR);
    expect(await page.getByTestId("ws-clar-open-7").count()).toBe(0);
    await page.getByTestId("ws-clar-toggle-7").click();
    await page.getByTestId("ws-clar-thread-7").waitFor();
    // An empty message is refused in words before anything is sent.
    await page.getByTestId("ws-clar-body-7").fill("   ");
    await page.getByTestId("ws-clar-send-7").click();
    await expect.poll(() => page.getByTestId("ws-clar-error-7").innerText()).toContain("Tulis pesan");
    await page.getByTestId("ws-clar-body-7").fill(QUESTION);
    await page.getByTestId("ws-clar-send-7").click();
    const messages = page.getByTestId("ws-clar-messages-7");
    await expect.poll(() => messages.innerText().catch(() => "")).toContain(QUESTION);
    expect(await messages.innerText()).toContain("Asesor");
    expect(await messages.innerText()).toContain("Asesor Eksternal Demo");
    // Indonesian date-time: "29 Nov 2026 08.05".
    expect(await messages.locator("time").innerText()).toMatch(/^\d{1,2} \S+ \d{4} \d{2}\.\d{2}$/);
    await page.getByTestId("ws-clar-open-7").waitFor();
    expect(await page.getByTestId("ws-clar-status-7").innerText()).toContain("terbuka");
    await page.close();
  });

  it("the Koordinator SPBE follows the notification link, lands on the thread and answers with a library document", async () => {
    const notes = await demo.signIn(KOORDINATOR);
    const list = (await pageApi(notes, "GET", "/api/notifications")).body as { notifications: { kind: string; link: string }[] };
    const link = list.notifications.find((n) => n.kind === "clarification.message")?.link;
    expect(link).toBe(`/penilaian/${id}?klarifikasi=7`);
    await notes.close();

    const page = await openWorkspace(KOORDINATOR, `?klarifikasi=7`);
    const thread = page.getByTestId("ws-clar-thread-7");
    await thread.waitFor();
    // The indicator is selected and its thread has the focus (keyboard users continue from there).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("ws-clar-thread-7");
    expect(await page.getByTestId("ws-indicator-7").getAttribute("class")).toContain("is-selected");
    expect(await thread.isVisible()).toBe(true);
    expect(await thread.innerText()).toContain(QUESTION);
    // Other indicators stay folded.
    expect(await page.getByTestId("ws-clar-thread-8").count()).toBe(0);

    await page.getByTestId("ws-clar-body-7").fill(ANSWER);
    await page.getByTestId("ws-clar-evidence-7").selectOption(String(evidenceId));
    await page.getByTestId("ws-clar-send-7").click();
    const messages = page.getByTestId("ws-clar-messages-7");
    await expect.poll(() => messages.locator("li").count()).toBe(2);
    const reply = messages.locator("li").nth(1);
    expect(await reply.innerText()).toContain("Instansi");
    expect(await reply.innerText()).toContain(ANSWER);
    expect(await reply.getByRole("link", { name: EVIDENCE_TITLE }).getAttribute("href")).toBe(`/api/agencies/15.71/evidence/${evidenceId}/file`);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "thread");
    await page.close();
  });

  it("a reader (Pimpinan) sees the thread without a form", async () => {
    const page = await openWorkspace("pimpinan@demo.pandu.local", "?klarifikasi=7");
    await page.getByTestId("ws-clar-thread-7").waitFor();
    expect(await page.getByTestId("ws-clar-messages-7").innerText()).toContain(ANSWER);
    await page.getByTestId("ws-clar-readonly-7").waitFor();
    expect(await page.getByTestId("ws-clar-body-7").count()).toBe(0);
    expect(await page.getByTestId("ws-clar-resolve-7").count()).toBe(0);
    await page.close();
  });

  it("the assessor reads the answer and resolves the thread; the marker goes away, and reopening brings it back", async () => {
    const page = await openWorkspace(ASESOR);
    await page.getByTestId("ws-clar-open-7").waitFor();
    await page.getByTestId("ws-clar-toggle-7").click();
    await expect.poll(() => page.getByTestId("ws-clar-messages-7").innerText().catch(() => "")).toContain(EVIDENCE_TITLE);
    await page.getByTestId("ws-clar-resolve-7").click();
    await expect.poll(() => page.getByTestId("ws-clar-status-7").innerText()).toContain("selesai");
    expect(await page.getByTestId("ws-clar-status-7").innerText()).toContain("Asesor Eksternal Demo");
    await expect.poll(() => page.getByTestId("ws-clar-open-7").count()).toBe(0);
    const summary = (await pageApi(page, "GET", `/api/assessments/${id}/clarifications`)).body as { threads: { indicatorCode: string; status: string }[] };
    expect(summary.threads).toEqual([expect.objectContaining({ indicatorCode: "7", status: "resolved" })]);
    // Reopen with the keyboard: Tab-reachable button, Enter activates it.
    await page.getByTestId("ws-clar-reopen-7").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("ws-clar-open-7").waitFor();
    await page.getByTestId("ws-clar-resolve-7").click();
    await expect.poll(() => page.getByTestId("ws-clar-open-7").count()).toBe(0);
    await page.close();
  });

  let noteId = 0;

  it("in the interviu stage the assessor writes and edits an interview note; the agency cannot read it before final", async () => {
    const page = await openWorkspace(ASESOR);
    // No stage for notes is open yet during the document review.
    await page.getByTestId("ws-notes-interviu").waitFor();
    expect(await page.getByTestId("ws-note-new-interviu").count()).toBe(0);
    await page.getByTestId("ws-advance").click();
    await page.getByTestId("ws-advance-confirm").click();
    await expect.poll(() => page.getByTestId("ws-stage").innerText()).toBe("Penilaian Interviu");
    const form = page.getByTestId("ws-note-new-interviu");
    await form.waitFor();
    await page.getByTestId("ws-note-new-interviu-date").fill("2026-08-03");
    await page.getByTestId("ws-note-new-interviu-place").fill("Ruang Rapat Wali Kota Jambi");
    await page.getByTestId("ws-note-new-interviu-participants").fill("Sekretaris Daerah, Kepala Dinas Kominfo");
    await page.getByTestId("ws-note-new-interviu-summary").fill("Wawancara domain kebijakan internal SPBE.");
    await page.getByTestId("ws-note-new-interviu-obs-code").selectOption("1");
    await page.getByTestId("ws-note-new-interviu-obs-text").fill("Perwal arsitektur SPBE ditunjukkan saat wawancara.");
    await page.getByTestId("ws-note-new-interviu-obs-add").click();
    await expect.poll(() => page.getByTestId("ws-note-new-interviu-obs-list").innerText()).toContain("Perwal arsitektur SPBE ditunjukkan");
    await page.getByTestId("ws-note-new-interviu-save").click();
    const stage = page.getByTestId("ws-notes-interviu");
    await expect.poll(() => stage.locator("article").count()).toBe(1);
    const note = stage.locator("article").first();
    expect(await note.innerText()).toContain("3 Agustus 2026 · Ruang Rapat Wali Kota Jambi");
    expect(await note.innerText()).toContain("Perwal arsitektur SPBE ditunjukkan saat wawancara.");
    noteId = Number((await note.getAttribute("data-testid"))!.replace("ws-note-", ""));
    await page.getByTestId(`ws-note-edit-open-${noteId}`).click();
    await page.getByTestId(`ws-note-edit-${noteId}-summary`).fill("Wawancara domain kebijakan: Perwal arsitektur SPBE sudah ditetapkan.");
    await page.getByTestId(`ws-note-edit-${noteId}-save`).click();
    await expect.poll(() => page.getByTestId(`ws-note-${noteId}`).innerText().catch(() => "")).toContain("Perwal arsitektur SPBE sudah ditetapkan");
    expect(await page.getByTestId(`ws-note-${noteId}`).innerText()).toContain("versi 2");
    // Editing the summary kept the observation.
    expect(await page.getByTestId(`ws-note-${noteId}`).innerText()).toContain("Perwal arsitektur SPBE ditunjukkan saat wawancara.");
    // A note written on the wrong assessment is removed after an inline confirmation.
    const stray = (await pageApi(page, "POST", `/api/assessments/${id}/field-notes`, { stage: "interviu", heldOn: "2026-08-04", place: "Salah instansi", participants: "Tidak ada", summary: "Catatan keliru." })).body as { id: number };
    await page.reload();
    await page.getByTestId(`ws-note-delete-${stray.id}`).click();
    await page.getByTestId(`ws-note-delete-${stray.id}-confirm`).click();
    await expect.poll(() => stage.locator("article").count()).toBe(1);
    expect(await stage.innerText()).not.toContain("Salah instansi");
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "notes");
    await page.close();

    const coordinator = await openWorkspace(KOORDINATOR);
    await coordinator.getByTestId("ws-notes-hidden").waitFor();
    expect(await coordinator.getByTestId("ws-notes").innerText()).not.toContain("Ruang Rapat");
    await coordinator.close();
  });

  it("after the review team's Valid, the administrator corrects the final result with a reason; the note is read-only for all", async () => {
    const asesor = await openWorkspace(ASESOR);
    expect((await pageApi(asesor, "POST", `/api/assessments/${id}/advance`, {})).body).toMatchObject({ reviewStatus: "pending" });
    await asesor.close();
    const reviu = await demo.signIn("tim.reviu@demo.pandu.local");
    expect((await pageApi(reviu, "POST", `/api/assessments/${id}/review`, { decision: "valid" })).body).toMatchObject({ stage: "final" });
    await reviu.close();

    const admin = await openWorkspace("admin@demo.pandu.local");
    const table = admin.getByTestId("ws-results-table");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(1);
    const before = await admin.getByTestId("ws-result-1").innerText();
    expect(before).toContain("Tim Reviu Demo");
    // The reason is mandatory: nothing is sent without one.
    await admin.getByTestId("ws-revise-code-0").selectOption("7");
    await admin.getByTestId("ws-revise-level-0").selectOption("5");
    await admin.getByTestId("ws-revise-reason").fill("kurang");
    await admin.getByTestId("ws-revise-submit").click();
    await expect.poll(() => admin.getByTestId("ws-revise-error").innerText()).toContain("minimal 10");
    expect(await table.locator("tbody tr").count()).toBe(1);
    // Two indicators changed, with the reason.
    await admin.getByTestId("ws-revise-add").click();
    await admin.getByTestId("ws-revise-code-1").selectOption("8");
    await admin.getByTestId("ws-revise-level-1").selectOption("4");
    const reason = "Koreksi atas keberatan instansi: bukti SK dan kebijakan ditemukan lengkap.";
    await admin.getByTestId("ws-revise-reason").fill(reason);
    await admin.getByTestId("ws-revise-submit").click();
    await admin.getByTestId("ws-revise-submit-confirm").click();
    await admin.getByTestId("ws-revise-done").waitFor();
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
    const row = await admin.getByTestId("ws-result-2").innerText();
    expect(row).toContain(reason);
    expect(row).toContain("Administrator Demo");
    const results = ((await pageApi(admin, "GET", `/api/assessments/${id}`)).body as { results: { revision: number; levels: Record<string, number>; indexRounded: number }[] }).results;
    expect(results[1]).toMatchObject({ revision: 2, levels: expect.objectContaining({ "7": 5, "8": 4, "1": 3 }) });
    expect(results[1]!.indexRounded).toBeGreaterThan(results[0]!.indexRounded);
    expect(row).toContain(results[1]!.indexRounded.toFixed(2).replace(".", ","));
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, "revisions");
    await admin.close();

    // Final: the agency now reads the interview note; nobody edits it any more.
    const coordinator = await openWorkspace(KOORDINATOR);
    await expect.poll(() => coordinator.getByTestId(`ws-note-${noteId}`).innerText().catch(() => "")).toContain("Ruang Rapat Wali Kota Jambi");
    expect(await coordinator.getByTestId(`ws-note-edit-open-${noteId}`).count()).toBe(0);
    expect(await coordinator.getByTestId("ws-revise").count()).toBe(0);
    await coordinator.close();
  });
});
