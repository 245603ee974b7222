import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { openDatabase } from "../../src/db/client";
import { publishFormVersion, uploadFormVersion } from "../../src/db/commands/applications";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { listAgencyServices } from "../../src/db/queries/public-services";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";
import type { Database } from "../../src/db/client";
import type { DemoServer } from "./browser";
import { limit } from "./browser";
import { makeUser } from "./accounts";
import { sampleJpeg, samplePdf } from "../lib/evidence-fixtures";
import { pdfText } from "../lib/pdf-text";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

/**
 * Before the demo server starts (the database seeded by `pandu seed demo`): a demo service of Kota
 * Jambi with a standard in force gets the bundled domicile form, published, and a petugas and a
 * pejabat layanan are made. `more` runs on the same database (e.g. to make a signed-in citizen).
 */
export async function prepareApplicationService<T = undefined>(env: Record<string, string>, more?: (database: Database) => Promise<T>) {
  const database = await openDatabase(env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: path.resolve(env.PANDU_DATA_DIR!) });
  try {
    const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
    const service = (await listAgencyServices(database.db, agencyId)).find((s) => s.name === "Penerbitan Kartu Keluarga")!;
    const form = bundledFormFiles().map(readFormFile).find((f) => f.id === "kota-jambi-domisili-usaha")!;
    const version = await uploadFormVersion(database.db, SYSTEM, agencyId, { ...form, id: "uji-permohonan-daring", service: service.slug, status: "draft" });
    await publishFormVersion(database.db, SYSTEM, agencyId, version.id);
    const petugas = (await makeUser(database, "petugas_layanan", "15.71")).email;
    const pejabat = (await makeUser(database, "pejabat_layanan", "15.71")).email;
    const extra = more ? await more(database) : (undefined as T);
    return { serviceId: service.id, petugas, pejabat, extra };
  } finally {
    await database.close();
  }
}

/** Fills every required answer of the domicile form (address codes typed, three attachments). */
export async function fillDomisiliForm(warga: Page) {
  await warga.getByTestId("answer-nama").fill("Siti Aminah");
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
}

/** Attaches the rental agreement and the photo (the answers `fillDomisiliForm` leaves to the test). */
export async function attachDomisiliFiles(warga: Page) {
  await warga.getByTestId("answer-perjanjian_sewa").setInputFiles({ name: "sewa.pdf", mimeType: "application/pdf", buffer: samplePdf() });
  await warga.getByTestId("answer-perjanjian_sewa-files").waitFor();
  await warga.getByTestId("answer-foto_lokasi").setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: sampleJpeg() });
  await warga.getByTestId("answer-foto_lokasi-files").waitFor();
}

/** Submits the form and answers the tracking number (no errors shown). */
export async function submitApplication(warga: Page): Promise<string> {
  await warga.getByTestId("application-submit").click();
  await warga.getByTestId("submitted").or(warga.getByTestId("application-errors")).or(warga.getByTestId("application-failure")).first().waitFor();
  expect(await warga.getByTestId("application-errors").or(warga.getByTestId("application-failure")).allInnerTexts()).toEqual([]);
  return warga.getByTestId("submitted-number").innerText();
}

/** The citizen replaces the location photo and sends the correction. */
export async function correctPhoto(warga: Page, applicationUrl: string, reason: string) {
  await warga.goto(applicationUrl);
  expect(await warga.getByTestId("correction-reason").innerText()).toContain(reason);
  await warga.getByTestId("answer-foto_lokasi").setInputFiles({ name: "foto2.jpg", mimeType: "image/jpeg", buffer: sampleJpeg() });
  await expect.poll(() => warga.getByTestId("answer-foto_lokasi-files").locator("li").count()).toBe(2);
  await warga.getByTestId("application-submit").click();
  await expect.poll(() => warga.getByTestId("application-state").innerText()).toBe("Verifikasi berkas");
}

/** Does an officer's action, claiming first when the engine asks for it, with the reason/confirmation dialog when there is one. */
export async function officerAct(page: Page, action: string, reason?: string) {
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
}

/** The officers forward a corrected application and the pejabat approves it (signs in on a fresh page). */
export async function forwardAndApprove(demo: DemoServer, officer: Page, pejabat: string, password: string) {
  await officer.reload();
  await officerAct(officer, "verify");
  await officerAct(officer, "submit_for_decision");
  const detailPath = new URL(officer.url()).pathname;
  await officer.close();
  const official = await demo.signIn(pejabat, password);
  await official.goto(`${demo.url}${detailPath}`);
  await officerAct(official, "approve");
  expect(await official.getByTestId("officer-state").innerText()).toBe("Disetujui");
  await official.close();
}

/** The citizen downloads the product; the verification address printed with its QR opens /verifikasi and matches the file. */
export async function downloadAndVerifyProduct(demo: DemoServer, warga: Page, applicationUrl: string) {
  await warga.goto(applicationUrl);
  const link = warga.getByTestId("product-download");
  const [download] = await Promise.all([warga.waitForEvent("download"), link.click()]);
  const pdf = fs.readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const verifyUrl = /https?:\/\/\S+\/verifikasi\/[A-Za-z0-9_-]+/.exec(pdfText(pdf))?.[0];
  expect(verifyUrl).toBeTruthy();
  const reader = await (await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await reader.goto(`${demo.url}${new URL(verifyUrl!).pathname}`);
  await reader.getByTestId("verify-document").waitFor();
  await reader.getByTestId("verify-file").setInputFiles({ name: "produk.pdf", mimeType: "application/pdf", buffer: pdf });
  await reader.getByTestId("verify-match").waitFor({ timeout: limit(20_000) });
  await reader.context().close();
  return { pdf, verifyUrl: verifyUrl! };
}

/**
 * Signs in through the local OIDC provider's development login and consent forms, from the citizen sign-in page,
 * and waits to land on `landing` (the sign-in page's `?returnTo=`, the citizen's account page without one).
 */
export async function citizenOidcSignIn(page: Page, baseUrl: string, login: string, landing = "/warga") {
  await page.getByTestId("citizen-oidc").click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("apa-saja");
  await page.locator("button[type=submit]").click();
  await page.locator("button[type=submit]").click();
  await page.waitForURL(`${baseUrl}${landing}`, { timeout: limit(20_000) });
}
