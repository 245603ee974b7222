import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenSessionFor, TEST_PASSWORD } from "../helpers/accounts";
import { attachDomisiliFiles, correctPhoto, downloadAndVerifyProduct, fillDomisiliForm, forwardAndApprove, officerAct, prepareApplicationService, submitApplication } from "../helpers/application-pages";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

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
    const prepared = await prepareApplicationService(env, async (database) => (await citizenSessionFor(database)).cookie);
    ({ serviceId, petugas, pejabat } = prepared);
    citizenCookie = prepared.extra;
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

  const act = officerAct;

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

    await fillDomisiliForm(warga);
    // A conditional field appears only for its answer.
    expect(await warga.getByTestId("answer-bukti_kepemilikan").count()).toBe(0);
    await attachDomisiliFiles(warga);
    const trackingNumber = await submitApplication(warga);
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

    // The citizen reads the reason, replaces the photo and resubmits; the petugas forwards it; the pejabat decides after confirming.
    await correctPhoto(warga, applicationUrl, "Foto lokasi buram");
    await forwardAndApprove(demo, officer, pejabat, TEST_PASSWORD);

    // The citizen downloads the product; its verification address matches the file.
    await downloadAndVerifyProduct(demo, warga, applicationUrl);
    await warga.context().close();
  }, limit(240_000));
});
