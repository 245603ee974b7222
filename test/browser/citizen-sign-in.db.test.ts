import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { fillComplaintForm, submitComplaint } from "../helpers/service-steps";
import { freePort } from "../helpers/server-process";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { citizenOidcSignIn } from "../helpers/application-pages";

// A citizen signs in through a local OpenID Connect provider (oidc-provider's development login and
// consent forms) and lands on /warga; another signs in with the e-mail code shown in demo mode.
describe(`citizen sign-in in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let idp: TestOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestOidcProvider([`http://127.0.0.1:${port}/api/citizen/oidc/callback`]);
    idp.accounts.set("inapas-3571", { sub: "inapas-3571", email: "rina@example.id", emailVerified: true, name: "Rina Marlina" });
    demo = await startDemoServer("citizen-sign-in", {
      PORT: String(port),
      PANDU_CITIZEN_OIDC_ISSUER: idp.issuer,
      PANDU_CITIZEN_OIDC_CLIENT_ID: idp.clientId,
      PANDU_CITIZEN_OIDC_CLIENT_SECRET: idp.clientSecret,
      PANDU_CITIZEN_OIDC_LABEL: "INApas",
    });
  }, limit(180_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await idp?.close();
  });

  it("signs in through the OpenID Connect provider and lands on the account page; the export downloads", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}/layanan`);
    await page.getByTestId("nav-citizen").click();
    // The provider's development login form, then its consent form.
    await citizenOidcSignIn(page, demo.url, "inapas-3571");
    await expect.poll(() => page.getByTestId("citizen-account-email").innerText()).toBe("rina@example.id");
    expect(await page.getByTestId("citizen-account-name").inputValue()).toBe("Rina Marlina");
    expect(await page.getByTestId("nav-citizen").innerText()).toBe("Akun Warga");

    await page.getByTestId("citizen-account-phone").fill("0812 3456 7890");
    await page.getByTestId("citizen-account-save").click();
    await page.getByTestId("citizen-account-saved").waitFor();

    const download = page.waitForEvent("download");
    await page.getByTestId("citizen-export").click();
    const file = await (await download).path();
    const exported = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(file, "utf8")));
    expect(exported.sections.account.data.account).toMatchObject({ email: "rina@example.id", phone: "0812 3456 7890", oidcSubject: "inapas-3571" });

    // "Pengaduan saya": empty at first; a complaint filed while signed in is listed there with its number.
    await page.getByTestId("citizen-my-complaints").click();
    await page.getByTestId("my-complaints").waitFor();
    expect(await page.getByTestId("my-complaints").innerText()).toContain("belum mengajukan pengaduan");
    await page.goto(`${demo.url}/pengaduan`);
    await fillComplaintForm(page, { agency: "15.71", category: "pelayanan", title: "Antrean loket terlalu lama", description: "Saya menunggu tiga jam di loket tanpa kepastian kapan dilayani.", name: "Rina Marlina" });
    const filed = await submitComplaint(page);
    await page.goto(`${demo.url}/warga`);
    await page.getByTestId("citizen-my-complaints").click();
    await expect.poll(() => page.getByTestId("my-complaint-number").allInnerTexts()).toEqual([filed.trackingNumber]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${demo.url}/warga`);
    await page.getByTestId("citizen-sign-out").click();
    await page.waitForURL(`${demo.url}/masuk-warga`);
    await context.close();
  }, limit(120_000));

  it("signs in with the e-mail code (shown in demo mode); a wrong code is explained in Indonesian", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/masuk-warga`);
    await page.getByTestId("citizen-email").fill("warga.kode@example.id");
    await page.getByTestId("citizen-send-code").click();
    const shown = await page.getByTestId("citizen-demo-code").innerText();
    const code = /(\d{6})/.exec(shown)![1]!;
    await page.getByTestId("citizen-code").fill(code === "000000" ? "000001" : "000000");
    await page.getByTestId("citizen-verify").click();
    await expect.poll(() => page.getByTestId("citizen-error").innerText()).toContain("Kode salah. Sisa percobaan: 4");
    await page.getByTestId("citizen-code").fill(code);
    await page.getByTestId("citizen-verify").click();
    await page.waitForURL(`${demo.url}/warga`);
    await expect.poll(() => page.getByTestId("citizen-account-email").innerText()).toBe("warga.kode@example.id");
    await context.close();
  }, limit(120_000));

  it("comes back to where the citizen was going (?returnTo=), and only to a same-site path", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/masuk-warga?returnTo=${encodeURIComponent("//jahat.example/curi")}`);
    expect(await page.getByTestId("citizen-oidc").getAttribute("href")).toBe(`/api/citizen/oidc/start?returnTo=${encodeURIComponent("/warga")}`);
    await page.goto(`${demo.url}/masuk-warga?returnTo=${encodeURIComponent("/pengaduan-saya")}`);
    expect(await page.getByTestId("citizen-oidc").getAttribute("href")).toBe(`/api/citizen/oidc/start?returnTo=${encodeURIComponent("/pengaduan-saya")}`);
    await page.getByTestId("citizen-email").fill("warga.kembali@example.id");
    await page.getByTestId("citizen-send-code").click();
    const code = /(\d{6})/.exec(await page.getByTestId("citizen-demo-code").innerText())![1]!;
    await page.getByTestId("citizen-code").fill(code);
    await page.getByTestId("citizen-verify").click();
    await page.waitForURL(`${demo.url}/pengaduan-saya`);
    await page.getByTestId("my-complaints").waitFor();
    await context.close();
  }, limit(120_000));

  it("explains a refused provider sign-in on the sign-in page", async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/api/citizen/oidc/callback?code=x&state=tidak-dikenal`);
    await page.waitForURL(`${demo.url}/masuk-warga?galat=oidc_state_invalid`);
    await expect.poll(() => page.getByTestId("citizen-oidc-refused").innerText()).toContain("Proses masuk tidak dikenali");
    await page.close();
  }, limit(60_000));
});
