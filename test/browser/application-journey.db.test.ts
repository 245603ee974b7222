import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../helpers/accounts";
import { attachDomisiliFiles, citizenOidcSignIn, correctPhoto, downloadAndVerifyProduct, fillDomisiliForm, forwardAndApprove, officerAct, prepareApplicationService, submitApplication } from "../helpers/application-pages";
import { limit, startDemoServer, type DemoServer } from "../helpers/browser";
import { startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { freePort } from "../helpers/server-process";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { pdfText } from "../lib/pdf-text";

// Issue #19 "done when": on a phone, a citizen signs in through the local OpenID Connect provider
// (started here), applies with attachments, is asked for a correction, corrects, an officer approves,
// and the citizen downloads the product, whose QR's verification address verifies the file.
describe(`an application from OIDC sign-in to a verified product, in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-journey-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "true" };
  let drop: (() => Promise<void>) | undefined;
  let demo: DemoServer;
  let idp: TestOidcProvider;
  let prepared: Awaited<ReturnType<typeof prepareApplicationService>>;

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const { runCli } = await import("../helpers/run-cli");
    const seeded = runCli(["seed", "demo"], { env });
    expect(seeded.status, seeded.stderr).toBe(0);
    prepared = await prepareApplicationService(env);
    const port = await freePort();
    idp = await startTestOidcProvider([`http://127.0.0.1:${port}/api/citizen/oidc/callback`]);
    idp.accounts.set("inapas-1571", { sub: "inapas-1571", email: "siti.aminah@example.id", emailVerified: true, name: "Siti Aminah" });
    demo = await startDemoServer("application-journey", {
      ...env,
      PORT: String(port),
      PANDU_CITIZEN_OIDC_ISSUER: idp.issuer,
      PANDU_CITIZEN_OIDC_CLIENT_ID: idp.clientId,
      PANDU_CITIZEN_OIDC_CLIENT_SECRET: idp.clientSecret,
      PANDU_CITIZEN_OIDC_LABEL: "INApas",
    });
  }, limit(240_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await idp?.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in with INApas (OIDC), applies, corrects when asked, and downloads a product that verifies", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const warga = await context.newPage();
    await warga.goto(`${demo.url}/layanan/${prepared.serviceId}`);
    await warga.getByTestId("apply-online-button").click();
    const askedFrom = new URL(warga.url());
    await warga.getByTestId("citizen-sign-in-link").click();
    // INApas brings the citizen back to the page that asked them to sign in, where the form now opens.
    await citizenOidcSignIn(warga, demo.url, "inapas-1571", askedFrom.pathname + askedFrom.search);
    await warga.getByTestId("apply-online-button").click();
    await warga.getByTestId("application-form").waitFor();
    const applicationUrl = warga.url();
    await fillDomisiliForm(warga);
    await attachDomisiliFiles(warga);
    expect(await warga.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const trackingNumber = await submitApplication(warga);
    expect(await warga.getByTestId("application-state").innerText()).toBe("Diajukan");

    const officer = await demo.signIn(prepared.petugas, TEST_PASSWORD);
    await officer.getByTestId("nav-application-queue").click();
    await officer.getByTestId("queue-table").waitFor();
    await officer.getByTestId("queue-row").filter({ hasText: trackingNumber }).getByTestId("queue-link").click();
    await officer.getByTestId("officer-application").waitFor();
    await officerAct(officer, "accept_for_verification");
    await officerAct(officer, "request_correction", "Scan KTP terpotong, mohon foto lokasi diperjelas");
    expect(await officer.getByTestId("officer-state").innerText()).toBe("Menunggu perbaikan pemohon");

    await correctPhoto(warga, applicationUrl, "mohon foto lokasi diperjelas");
    await forwardAndApprove(demo, officer, prepared.pejabat, TEST_PASSWORD);

    const { pdf, verifyUrl } = await downloadAndVerifyProduct(demo, warga, applicationUrl);
    // pdftotext may break the number at its hyphen at the end of a line.
    expect(pdfText(pdf).replace(/-\n/g, "-")).toContain(trackingNumber);
    expect(new URL(verifyUrl).origin).toBe(demo.url);
    await context.close();
  }, limit(300_000));
});
