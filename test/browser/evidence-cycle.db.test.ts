import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";
import { pdfText } from "../lib/pdf-text";

/** A PDF of about `kb` kilobytes: a valid header, then distinct padding. */
const pdfOf = (label: string, kb: number) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${label}\n`, "latin1"), Buffer.alloc(kb * 1024, label.length % 7), Buffer.from("\n%%EOF\n", "latin1")]);

interface Ws {
  stage: string;
  indicators: { code: string; answers: { mandiri?: { level: number | null; verified: boolean; version: number } }; evidence: { id: number; title: string; tooOld: boolean }[] }[];
}

// The evidence library and the end of the self-assessment in the real SPA: an upload with its
// progress on /bukti, evidence uploaded and attached on indicators in the workspace, the sectoral
// services, submission by the Koordinator SPBE and the Berita Acara download.
describe(`evidence and the Berita Acara in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let assessmentId = 0;
  const shot = (page: Page, name: string) => keepScreenshot(page, path.join(demo.shots, `evidence-${name}-${TEST_DB_KIND}.png`), { fullPage: false });

  async function openWorkspace(email: string): Promise<Page> {
    const page = await demo.signIn(email);
    await page.goto(`${demo.url}/penilaian/${assessmentId}`);
    await page.getByTestId("ws-stage").waitFor();
    return page;
  }
  const workspace = async (page: Page) => (await pageApi(page, "GET", `/api/assessments/${assessmentId}`)).body as Ws;

  beforeAll(async () => {
    demo = await startDemoServer("evidence-ui");
    const admin = await demo.signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Pemantauan Uji Bukti", year: 2026, kind: "pemantauan", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    assessmentId = periods.periods.find((p) => p.name === "Pemantauan Uji Bukti")!.assessments[0]!.id;
    await admin.close();
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the Pelaksana Entri uploads to the library on /bukti, watching the progress bar, and sees the too-old review flag", async () => {
    const page = await demo.signIn("pelaksana.entri@demo.pandu.local");
    await page.getByTestId("nav-evidence").click();
    await page.getByTestId("evidence-upload").waitFor();
    // An empty file is refused with a clear message before anything is sent.
    await page.getByTestId("evidence-upload-title").fill("Berkas kosong");
    await page.getByTestId("evidence-upload-file").setInputFiles({ name: "kosong.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) });
    await page.getByTestId("evidence-upload-submit").click();
    await expect.poll(() => page.getByTestId("evidence-upload-error").innerText()).toContain("Berkas kosong");
    // A file that is not an accepted type: the server's 415 in words.
    await page.getByTestId("evidence-upload-file").setInputFiles({ name: "program.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\0", "latin1"), Buffer.alloc(2048, 1)]) });
    await page.getByTestId("evidence-upload-submit").click();
    await expect.poll(() => page.getByTestId("evidence-upload-error").innerText()).toContain("Jenis berkas tidak diterima");

    await page.getByTestId("evidence-upload-title").fill("Peraturan Wali Kota tentang Arsitektur SPBE");
    await page.getByTestId("evidence-upload-number").fill("Perwal Nomor 12 Tahun 2021");
    await page.getByTestId("evidence-upload-date").fill("2021-03-01");
    await page.getByTestId("evidence-upload-review").fill("2022-01-10");
    await page.getByTestId("evidence-upload-file").setInputFiles({ name: "1.a.Perwal-12-2021.pdf", mimeType: "application/pdf", buffer: pdfOf("perwal", 3 * 1024) });
    await page.getByTestId("evidence-upload-submit").click();
    const progress = page.getByTestId("evidence-upload-progress");
    await expect.poll(() => progress.getAttribute("data-complete")).toBe("true");
    const bar = progress.locator("progress");
    expect(await bar.getAttribute("value")).toBe(await bar.getAttribute("max"));
    expect(await progress.innerText()).toContain("100%");
    await page.getByTestId("evidence-upload-done").waitFor();
    const table = page.getByTestId("evidence-table");
    await expect.poll(() => table.innerText()).toContain("Perwal Nomor 12 Tahun 2021");
    const row = table.locator("tr", { hasText: "Arsitektur SPBE" });
    expect(await row.innerText()).toContain("3 MB");
    expect(await row.innerText()).toContain("10 Januari 2022");
    expect(await row.locator(".badge-too-old").innerText()).toContain("Reviu ≥ 2 tahun");
    // The detail opened after the upload: one version, no links yet.
    await page.getByTestId("evidence-detail").waitFor();
    expect(await page.getByTestId("evidence-versions").locator("tbody tr").count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "library");
    await page.close();
  });

  it("in the workspace, indicators get evidence uploaded there (with progress) or attached from the library", async () => {
    const page = await openWorkspace("pelaksana.entri@demo.pandu.local");
    for (const [code, level] of [["1", "3"], ["2", "4"], ["3", "2"]] as const) {
      await page.getByTestId(`ws-level-${code}`).selectOption(level);
      await page.getByTestId(`ws-explanation-${code}`).fill(`Penjelasan indikator ${code}`);
      await page.getByTestId(`ws-save-${code}`).click();
      await page.getByTestId(`ws-saved-${code}`).waitFor();
    }
    // Indicator 1: a new file uploaded right there, then linked.
    await page.getByTestId("ws-evidence-upload-open-1").click();
    await page.getByTestId("ws-upload-1-title").fill("Reviu Arsitektur SPBE 2026");
    await page.getByTestId("ws-upload-1-review").fill("2026-02-01");
    await page.getByTestId("ws-upload-1-file").setInputFiles({ name: "1.b.Reviu-Arsitektur.pdf", mimeType: "application/pdf", buffer: pdfOf("reviu arsitektur", 2 * 1024) });
    await page.getByTestId("ws-upload-1-submit").click();
    await expect.poll(() => page.getByTestId("ws-upload-1-progress").getAttribute("data-complete")).toBe("true");
    await expect.poll(() => page.locator('[data-testid^="ws-evidence-item-1-"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId("ws-evidence-1").innerText()).toContain("Reviu Arsitektur SPBE 2026");
    // Indicators 2 and 3: the Perwal from the library.
    for (const code of ["2", "3"]) {
      await page.getByTestId(`ws-evidence-attach-open-${code}`).click();
      await page.getByTestId(`ws-evidence-search-${code}`).fill("Perwal");
      await page.getByTestId(`ws-evidence-search-submit-${code}`).click();
      // The list shows the whole library at once and the search narrows it: click the Perwal's own button.
      await page.locator(`[data-testid^="ws-evidence-attach-${code}-"]`).filter({ hasText: "Peraturan Wali Kota tentang Arsitektur SPBE" }).first().click();
      const item = page.locator(`[data-testid^="ws-evidence-item-${code}-"]`);
      await expect.poll(() => item.count()).toBe(1);
      await expect.poll(() => item.innerText()).toContain("Peraturan Wali Kota tentang Arsitektur SPBE");
    }
    // The badges and counts follow the workspace's next load: read them until they have.
    await expect.poll(() => page.getByTestId("ws-evidence-2").locator(".badge-too-old").count()).toBe(1);
    await expect.poll(() => page.getByTestId("ws-evidence-count-1").innerText()).toBe("1 bukti");
    await expect.poll(() => page.getByTestId("ws-progress-evidence").innerText()).toContain("3 dari 47");
    // Detach from indicator 3 and the counts follow.
    await page.locator('[data-testid^="ws-evidence-unlink-3-"]').click();
    await expect.poll(() => page.getByTestId("ws-progress-evidence").innerText()).toContain("2 dari 47");
    const w = await workspace(page);
    expect(w.indicators.filter((i) => i.evidence.length).map((i) => i.code)).toEqual(["1", "2"]);
    await page.getByTestId("ws-indicator-1").scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "workspace");
    await page.close();
  });

  it("the Koordinator SPBE names the sectoral services, submits, and downloads the Berita Acara", async () => {
    const coordinator = await openWorkspace("koordinator.spbe@demo.pandu.local");
    const services = [
      ["45", "Layanan Administrasi Kependudukan Daring", "Dinas Kependudukan dan Pencatatan Sipil"],
      ["46", "Layanan Perizinan Berusaha", "DPMPTSP"],
      ["47", "Layanan Pengaduan Masyarakat", "Dinas Komunikasi dan Informatika"],
    ];
    for (const [code, name, unit] of services) {
      await coordinator.getByTestId(`ws-sectoral-name-${code}`).fill(name!);
      await coordinator.getByTestId(`ws-sectoral-unit-${code}`).fill(unit!);
    }
    await coordinator.getByTestId("ws-sectoral-save").click();
    await coordinator.getByTestId("ws-sectoral-done").waitFor();
    await expect.poll(() => coordinator.getByTestId("ws-sectoral-46").innerText()).toContain("Layanan Perizinan Berusaha");

    // The rest through the API (the UI path is covered above), then the Penanggung Jawab verifies all.
    for (const i of (await workspace(coordinator)).indicators.filter((x) => x.answers.mandiri?.level == null)) {
      expect((await pageApi(coordinator, "PUT", `/api/assessments/${assessmentId}/answers/${i.code}`, { stage: "mandiri", version: 0, level: 3, explanation: "Diisi lewat API" })).status).toBe(200);
    }
    const pj = await openWorkspace("penanggung.jawab@demo.pandu.local");
    for (const i of (await workspace(pj)).indicators) {
      expect((await pageApi(pj, "POST", `/api/assessments/${assessmentId}/answers/${i.code}/verify`, { verified: true, version: i.answers.mandiri!.version })).status).toBe(200);
    }
    await pj.close();

    await coordinator.reload();
    await coordinator.getByTestId("ws-stage").waitFor();
    expect(await coordinator.getByTestId("ws-berita-acara").count()).toBe(0);
    await coordinator.getByTestId("ws-submit").click();
    await coordinator.getByTestId("ws-submit-confirm").click();
    await expect.poll(() => coordinator.getByTestId("ws-stage").innerText()).toBe("Penilaian Dokumen");
    const link = coordinator.getByTestId("ws-berita-acara");
    await link.waitFor();
    const [download] = await Promise.all([coordinator.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("berita-acara-penilaian-mandiri-15.71-2026.pdf");
    const file = await download.path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5000);
    await shot(coordinator, "submitted");
    await coordinator.close();

    // Anyone holding the printed copy opens the address under its QR code, without signing in,
    // and checks the downloaded file against the registered SHA-256 in the browser.
    const text = pdfText(pdf);
    const verifyUrl = /https?:\/\/\S+\/verifikasi\/[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(verifyUrl).toBeTruthy();
    const reader = await (await demo.browser.newContext()).newPage();
    await reader.goto(`${demo.url}${new URL(verifyUrl!).pathname}`);
    await reader.getByTestId("verify-document").waitFor();
    expect(await reader.getByTestId("verify-number").innerText()).toBe("1/BA-PM/15.71/2026");
    expect(text).toContain("Nomor: 1/BA-PM/15.71/2026");
    expect(await reader.getByTestId("verify-title").innerText()).toContain("Berita Acara Penilaian Mandiri");
    // (the download was removed with its context: hand the same bytes over)
    await reader.getByTestId("verify-file").setInputFiles({ name: "berita-acara.pdf", mimeType: "application/pdf", buffer: pdf });
    await reader.getByTestId("verify-match").waitFor();
    expect(await seriousViolations(reader)).toEqual([]);
    await shot(reader, "verified");
    // A forged address is not found.
    await reader.goto(`${demo.url}/verifikasi/bukanDokumenAsli123`);
    await reader.getByTestId("verify-not-found").waitFor();
    expect(await reader.getByTestId("verify-not-found").innerText()).toContain("Tidak ada dokumen yang diterbitkan");
    await reader.context().close();
  });
});
