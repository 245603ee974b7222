import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit, seriousViolations, startDemoServer, submitOnceThePauseIsOver, type DemoServer } from "../helpers/browser";
import { freePort } from "../helpers/server-process";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startTestOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { currentTotp } from "../../src/lib/totp";

const EMAIL = "koordinator.spbe@demo.pandu.local";

// A staff member with two-factor on signs in through the SSO provider: the sign-in page then asks for
// the authenticator code, and only the right code opens the session (at the page they were going to).
describe(`staff SSO with two-factor in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let idp: TestOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestOidcProvider([`http://127.0.0.1:${port}/api/auth/oidc/callback`]);
    idp.accounts.set("pegawai-77", { sub: "pegawai-77", email: EMAIL, emailVerified: true, name: "Koordinator SPBE" });
    demo = await startDemoServer("staff-sso", {
      PORT: String(port),
      PANDU_STAFF_OIDC_ISSUER: idp.issuer,
      PANDU_STAFF_OIDC_CLIENT_ID: idp.clientId,
      PANDU_STAFF_OIDC_CLIENT_SECRET: idp.clientSecret,
      PANDU_STAFF_OIDC_LABEL: "SSO Pemprov",
    });
  }, limit(180_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await idp?.close();
  });

  it("asks for the authenticator code after the provider and opens the session only with the right one", async () => {
    // Two-factor turned on for the account (through its own API, signed in with the password).
    const own = await demo.signIn(EMAIL);
    const secret = await own.evaluate(async () => {
      const { csrfToken } = (await (await fetch("/api/session")).json()) as { csrfToken: string };
      const setup = (await (await fetch("/api/me/2fa/setup", { method: "POST", headers: { "x-csrf-token": csrfToken } })).json()) as { secret: string };
      return { secret: setup.secret, csrfToken };
    });
    const enabled = await own.evaluate(
      async ({ code, csrfToken }) => (await fetch("/api/me/2fa/enable", { method: "POST", headers: { "x-csrf-token": csrfToken, "content-type": "application/json" }, body: JSON.stringify({ code }) })).status,
      { code: currentTotp(secret.secret), csrfToken: secret.csrfToken },
    );
    expect(enabled).toBe(204);
    await own.context().close();

    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/masuk?next=${encodeURIComponent("/profil")}`);
    await page.getByTestId("login-sso").click();
    await page.locator("input[name=login]").fill("pegawai-77");
    await page.locator("input[name=password]").fill("apa-saja");
    await page.locator("button[type=submit]").click();
    await page.locator("button[type=submit]").click();
    await page.waitForURL(`${demo.url}/masuk?sso=kode`, { timeout: limit(20_000) });
    // No session yet: only the code field.
    await page.getByTestId("login-totp").waitFor();
    expect(await page.getByTestId("login-email").count()).toBe(0);
    expect(await page.getByTestId("nav-profile").count()).toBe(0);
    const code = currentTotp(secret.secret, Date.now() + 30_000);
    await page.getByTestId("login-totp").fill(code === "123456" ? "654321" : "123456");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").innerText()).toContain("Kode autentikator salah");
    expect(await seriousViolations(page)).toEqual([]);
    // The next 30-second window's code (the enrolment used the current one), once the pause the wrong
    // code asked for is over.
    await page.getByTestId("login-totp").fill(code);
    await submitOnceThePauseIsOver(page, "/api/auth/oidc/totp");
    await page.waitForURL(`${demo.url}/profil`, { timeout: limit(20_000) });
    await page.getByTestId("nav-profile").waitFor();
    await context.close();
  }, limit(120_000));
});
