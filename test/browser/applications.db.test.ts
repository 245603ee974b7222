import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { publishFormVersion, uploadFormVersion } from "../../src/db/commands/applications";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { listAgencyServices } from "../../src/db/queries/public-services";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";
import { citizenSessionFor, makeUser, TEST_PASSWORD } from "../helpers/accounts";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { sampleJpeg, samplePdf } from "../lib/evidence-fixtures";
import { pdfText } from "../lib/pdf-text";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

// Issue #19 items 3–4: a citizen applies online with attachments, the officer asks for a correction,
// the citizen corrects and resubmits, the officials approve, and the citizen downloads the product,
// whose verification address opens /verifikasi and matches the file.
describe(`online applications in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-applications-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "true" };
  let drop: (() => Promise<void>) | undefined;
  let demo: DemoServer;
  let serviceId = 0;
  let citizenCookie = "";
  let petugas = "";
  let pejabat = "";

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const seeded = runCli(["seed", "demo"], { env });
    expect(seeded.status, seeded.stderr).toBe(0);
    // Before the server starts: the service with its published form, the officers and a signed-in citizen.
    const database = await openDatabase(env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: path.resolve(dataDir) });
    try {
      const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
      // A demo service with a standard in force (on the public catalogue) gets the bundled domicile form, published.
      const service = (await listAgencyServices(database.db, agencyId)).find((s) => s.name === "Penerbitan Kartu Keluarga")!;
      serviceId = service.id;
      const form = bundledFormFiles().map(readFormFile).find((f) => f.id === "kota-jambi-domisili-usaha")!;
      const version = await uploadFormVersion(database.db, SYSTEM, agencyId, { ...form, id: "uji-permohonan-daring", service: service.slug, status: "draft" });
      await publishFormVersion(database.db, SYSTEM, agencyId, version.id);
      petugas = (await makeUser(database, "petugas_layanan", "15.71")).email;
      pejabat = (await makeUser(database, "pejabat_layanan", "15.71")).email;
      citizenCookie = (await citizenSessionFor(database)).cookie;
    } finally {
      await database.close();
    }
    demo = await startDemoServer("applications", env);
  }, limit(240_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const citizenPage = async (): Promise<Page> => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const at = citizenCookie.indexOf("=");
    await context.addCookies([{ name: citizenCookie.slice(0, at), value: citizenCookie.slice(at + 1), url: demo.url }]);
    return context.newPage();
  };

  /** Does an officer's action, claiming first when the engine asks for it, with the reason/confirmation dialog when there is one. */
  const act = async (page: Page, action: string, reason?: string) => {
    const button = page.getByTestId(`action-${action}`);
    await button.or(page.getByTestId("action-claim")).first().waitFor();
    if ((await button.count()) === 0) {
      await page.getByTestId("action-claim").click();
      await button.waitFor();
    }
    const before = await page.getByTestId("officer-state").innerText();
    await button.click();
    if (reason !== undefined) await page.getByTestId("action-reason").fill(reason);
    if (reason !== undefined || action === "approve" || action === "reject") await page.getByTestId("action-confirm").click();
    await expect.poll(() => page.getByTestId("officer-state").innerText()).not.toBe(before);
  };

  it("apply with attachments, correction, resubmission, approval, product download and verification", async () => {
    // Without a citizen session, "Ajukan online" asks to sign in and comes back to the page.
    const anonymous = await (await demo.browser.newContext()).newPage();
    await anonymous.goto(`${demo.url}/layanan/${serviceId}`);
    await anonymous.getByTestId("apply-online-button").click();
    expect(await anonymous.getByTestId("citizen-sign-in-link").getAttribute("href")).toBe(`/masuk-warga?returnTo=${encodeURIComponent(`/layanan/${serviceId}`)}`);
    await anonymous.context().close();

    // The citizen opens the service page on a phone and applies online.
    const warga = await citizenPage();
    await warga.goto(`${demo.url}/layanan/${serviceId}`);
    await warga.getByTestId("apply-online-button").click();
    await warga.getByTestId("application-form").waitFor();
    const applicationUrl = warga.url();
    expect(await warga.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await warga.getByTestId("answer-nama").fill("Siti Aminah");
    // The draft saves itself and is there after a reload.
    await expect.poll(() => warga.getByTestId("autosave-state").innerText(), { timeout: limit(10_000) }).toBe("Draf tersimpan.");
    await warga.reload();
    await warga.getByTestId("application-form").waitFor();
    expect(await warga.getByTestId("answer-nama").inputValue()).toBe("Siti Aminah");
    // The NIK is checked as it is typed (the core's validator).
    await warga.getByTestId("answer-nik").fill("1234");
    expect(await warga.getByTestId("answer-nik-hint").innerText()).toContain("16 angka");
    // Submitting now lists every error at once, each also next to its field.
    await warga.getByTestId("application-submit").click();
    await warga.getByTestId("application-errors").waitFor();
    expect(await warga.getByTestId("answer-telepon-err-errors").innerText()).toBe("Wajib diisi.");
    expect(await warga.getByTestId("answer-nik-err-errors").innerText()).toContain("NIK");
    expect(await warga.getByTestId("application-errors").locator("li").count()).toBeGreaterThan(5);

    await warga.getByTestId("answer-tanggal_lahir").fill("1990-05-17");
    await warga.getByTestId("answer-nik").fill("1571015705900002");
    await warga.getByTestId("answer-telepon").fill("0812-7400-1234");
    for (const [field, codes] of [
      ["alamat", { province: "15", regency: "1571", district: "157101", village: "1571011001", street: "Jl. Sultan Thaha No. 5, RT 03" }],
      ["lokasi_usaha", { province: "15", regency: "1571", district: "157102", village: "1571021003", street: "Jl. Gatot Subroto No. 12" }],
    ] as const) {
      for (const [level, code] of Object.entries(codes)) await warga.getByTestId(`answer-${field}-${level}`).fill(code);
    }
    await warga.getByTestId("answer-scan_ktp").setInputFiles({ name: "ktp.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await warga.getByTestId("answer-scan_ktp-files").waitFor();
    await warga.getByTestId("answer-nama_usaha").fill("Warung Siti");
    await warga.locator('input[name="answer-bidang_usaha"][value="kuliner"]').check();
    await warga.getByTestId("answer-jumlah_pekerja").fill("2");
    await warga.locator('input[name="answer-status_tempat"][value="sewa"]').check();
    // A conditional field appears only for its answer.
    expect(await warga.getByTestId("answer-bukti_kepemilikan").count()).toBe(0);
    await warga.getByTestId("answer-perjanjian_sewa").setInputFiles({ name: "sewa.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await warga.getByTestId("answer-perjanjian_sewa-files").waitFor();
    await warga.getByTestId("answer-foto_lokasi").setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: sampleJpeg() });
    await warga.getByTestId("answer-foto_lokasi-files").waitFor();
    await warga.getByTestId("application-submit").click();
    await warga.getByTestId("submitted").or(warga.getByTestId("application-errors")).or(warga.getByTestId("application-failure")).first().waitFor();
    expect(await warga.getByTestId("application-errors").or(warga.getByTestId("application-failure")).allInnerTexts()).toEqual([]);
    const trackingNumber = await warga.getByTestId("submitted-number").innerText();
    expect(trackingNumber).toMatch(/^PL-\d{4}-[2-9A-Z]{8}$/);
    expect(await warga.getByTestId("submitted-check").innerText()).toMatch(/\S{6,}/);
    expect(await warga.getByTestId("application-state").innerText()).toBe("Diajukan");
    expect(await seriousViolations(warga)).toEqual([]);

    // The petugas finds it in the queue, claims it in bulk, accepts it and asks for a correction.
    const officer = await demo.signIn(petugas, TEST_PASSWORD);
    await officer.getByTestId("nav-application-queue").click();
    await officer.getByTestId("queue-table").waitFor();
    const row = officer.getByTestId("queue-row").filter({ hasText: trackingNumber });
    await row.getByTestId("queue-select").check();
    await officer.getByTestId("bulk-claim").click();
    await expect.poll(() => officer.getByTestId("bulk-results").innerText()).toContain("1 berhasil, 0 gagal");
    expect(await seriousViolations(officer)).toEqual([]);
    await row.getByTestId("queue-link").click();
    await officer.getByTestId("officer-application").waitFor();
    expect(await officer.getByTestId("answer-file").count()).toBe(3);
    await act(officer, "accept_for_verification");
    await act(officer, "request_correction", "Foto lokasi buram");
    expect(await officer.getByTestId("officer-state").innerText()).toBe("Menunggu perbaikan pemohon");

    // The citizen reads the reason, replaces the photo and resubmits.
    await warga.goto(applicationUrl);
    expect(await warga.getByTestId("correction-reason").innerText()).toContain("Foto lokasi buram");
    await warga.getByTestId("answer-foto_lokasi").setInputFiles({ name: "foto2.jpg", mimeType: "image/jpeg", buffer: sampleJpeg() });
    await expect.poll(() => warga.getByTestId("answer-foto_lokasi-files").locator("li").count()).toBe(2);
    await warga.getByTestId("application-submit").click();
    await expect.poll(() => warga.getByTestId("application-state").innerText()).toBe("Verifikasi berkas");

    // The petugas forwards it; the pejabat decides after confirming.
    await officer.reload();
    await act(officer, "verify");
    await act(officer, "submit_for_decision");
    const detailPath = new URL(officer.url()).pathname;
    await officer.close();
    const official = await demo.signIn(pejabat, TEST_PASSWORD);
    await official.goto(`${demo.url}${detailPath}`);
    await act(official, "approve");
    expect(await official.getByTestId("officer-state").innerText()).toBe("Disetujui");
    await official.close();

    // The citizen downloads the product; its verification address matches the file.
    await warga.goto(applicationUrl);
    const link = warga.getByTestId("product-download");
    const [download] = await Promise.all([warga.waitForEvent("download"), link.click()]);
    const pdf = fs.readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const verifyUrl = /https?:\/\/\S+\/verifikasi\/[A-Za-z0-9_-]+/.exec(pdfText(pdf))?.[0];
    expect(verifyUrl).toBeTruthy();
    const reader = await (await demo.browser.newContext()).newPage();
    await reader.goto(`${demo.url}${new URL(verifyUrl!).pathname}`);
    await reader.getByTestId("verify-document").waitFor();
    await reader.getByTestId("verify-file").setInputFiles({ name: "produk.pdf", mimeType: "application/pdf", buffer: pdf });
    await reader.getByTestId("verify-match").waitFor();
    await reader.context().close();
    await warga.context().close();
  }, limit(240_000));
});
