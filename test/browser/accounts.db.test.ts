import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, submitOnceThePauseIsOver, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { currentTotp } from "../../src/lib/totp";
import { keepScreenshot } from "../helpers/screenshot";

// Accounts in the real SPA: sign-in, menus from abilities, user creation with an invitation link,
// setting a password with it, the audit trail, and a failed sign-in.
describe(`accounts UI in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("accounts");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the server wrote the demo passwords", () => {
    expect(demo.passwords.size).toBeGreaterThanOrEqual(9);
  });

  it("a Pelaksana Entri sees only the menus their abilities allow, manages a token, and signs out", async () => {
    const page = await demo.signIn("pelaksana.entri@demo.pandu.local");
    // Sign-in lands on the home page with the user's work.
    await expect.poll(() => page.url()).toBe(`${demo.url}/beranda`);
    await page.getByTestId("nav-profile").click();
    await expect.poll(() => page.url()).toBe(`${demo.url}/profil`);
    expect(await page.getByTestId("nav-profile").innerText()).toContain("Pelaksana Entri Data Kota Jambi");
    expect(await page.getByTestId("nav-tokens").isVisible()).toBe(true);
    expect(await page.getByTestId("logout").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-users").count()).toBe(0);
    expect(await page.getByTestId("nav-audit").count()).toBe(0);
    expect(await page.getByTestId("profile-facts").innerText()).toContain("Pelaksana Entri Data · Pemerintah Kota Jambi (15.71)");
    await keepScreenshot(page, path.join(demo.shots, `profile-${TEST_DB_KIND}.png`), { fullPage: true });

    // A write through the UI (the CSRF header is sent): create a token, see it once, revoke it.
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("token-name").fill("Skrip uji");
    await page.getByTestId("token-create").click();
    await expect.poll(async () => (await page.getByTestId("token-secret").inputValue()).length).toBeGreaterThan(20);
    await expect.poll(async () => (await page.getByTestId("tokens-table").innerText()).includes("Skrip uji")).toBe(true);
    await keepScreenshot(page, path.join(demo.shots, `tokens-${TEST_DB_KIND}.png`), { fullPage: true });
    await page.locator("[data-testid^=revoke-]").first().click();
    await page.locator("[data-testid$=-confirm]").first().click();
    await expect.poll(async () => page.getByTestId("tokens-table").innerText()).toContain("Dicabut");

    await page.getByTestId("logout").click();
    await page.getByRole("link", { name: "Masuk", exact: true }).waitFor();
    expect(await page.getByTestId("nav-profile").count()).toBe(0);
    await page.goto(`${demo.url}/token`);
    await expect.poll(() => page.url()).toBe(`${demo.url}/masuk?next=%2Ftoken`);
    await page.close();
  });

  it("an administrator creates a Pimpinan of Kota Sungai Penuh, who sets a password with the invitation and signs in", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    expect(await page.getByTestId("nav-users").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-audit").isVisible()).toBe(true);
    await page.getByTestId("nav-users").click();
    await page.getByTestId("users-table").waitFor();
    expect(await page.getByTestId("users-table").innerText()).toContain("koordinator.spbe@demo.pandu.local");

    await page.getByTestId("new-user-email").fill("pimpinan.sungaipenuh@example.go.id");
    await page.getByTestId("new-user-name").fill("Wali Kota Sungai Penuh");
    await page.getByTestId("new-user-role").selectOption("pimpinan");
    await page.getByTestId("new-user-agency").fill("15.72");
    await expect.poll(() => page.locator("main").innerText()).toContain("Kota Sungai Penuh");
    await page.getByTestId("new-user-submit").click();
    const link = page.getByTestId("invitation-link");
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${demo.url.replace(/\./g, "\\.")}/atur-sandi/\\S{20,}$`));
    await expect.poll(async () => page.getByTestId("users-table").innerText()).toContain("Pimpinan · Pemerintah Kota Sungai Penuh (15.72)");
    await keepScreenshot(page, path.join(demo.shots, `users-${TEST_DB_KIND}.png`), { fullPage: true });

    const invited = await demo.browser.newPage();
    await invited.goto(url);
    await expect.poll(async () => (await invited.locator("main").innerText()).includes("Wali Kota Sungai Penuh")).toBe(true);
    expect(await invited.getByTestId("set-password-who").innerText()).toContain("pimpinan.sungaipenuh@example.go.id");
    await invited.getByTestId("set-password-new").fill("Gulai-Tempoyak-Ikan-88");
    await invited.getByTestId("set-password-repeat").fill("Gulai-Tempoyak-Ikan-88");
    await invited.getByTestId("set-password-submit").click();
    await invited.getByTestId("set-password-done").waitFor();
    await keepScreenshot(invited, path.join(demo.shots, `set-password-${TEST_DB_KIND}.png`), { fullPage: true });
    // The link is used up now.
    await invited.reload();
    await invited.getByTestId("set-password-gone").waitFor();
    await invited.close();

    const newUser = await demo.signIn("pimpinan.sungaipenuh@example.go.id", "Gulai-Tempoyak-Ikan-88");
    expect(await newUser.getByTestId("nav-profile").innerText()).toContain("Wali Kota Sungai Penuh");
    expect(await newUser.getByTestId("nav-users").count()).toBe(0);
    await newUser.goto(`${demo.url}/profil`);
    await expect.poll(() => newUser.getByTestId("profile-facts").innerText()).toContain("Pimpinan · Pemerintah Kota Sungai Penuh (15.72)");
    await newUser.close();

    // The row actions: add a role, revoke it again (with confirmation), make a reset link.
    const row = page.getByTestId("user-pimpinan.sungaipenuh@example.go.id");
    await row.locator("[data-testid^=user-actions-]").click();
    const panel = page.locator("tr.row-panel:not([hidden])");
    await panel.locator("select").selectOption("penanggung_jawab");
    await panel.locator("input[list]").fill("15.72");
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => row.innerText()).toContain("Penanggung Jawab · Pemerintah Kota Sungai Penuh (15.72)");
    await row.locator("li", { hasText: "Penanggung Jawab" }).getByRole("button", { name: "Cabut" }).click();
    await row.locator("[data-testid$=-confirm]").click();
    await expect.poll(() => row.innerText()).not.toContain("Penanggung Jawab");
    await row.locator("[data-testid^=reset-link-]").click();
    await expect.poll(async () => page.locator("[data-testid^=reset-link-value-]").inputValue()).toContain("/atur-sandi/");
    await page.close();
  });

  it("a Koordinator SPBE has Users and Audit; the audit page filters and links its CSV", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    expect(await page.getByTestId("nav-users").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-audit").isVisible()).toBe(true);
    // Users: only the actions the policy allows. The Penanggung Jawab has a password and there is no
    // SMTP, so only an administrator may see their reset link; the coordinator's own row offers nothing.
    await page.getByTestId("nav-users").click();
    const pj = page.getByTestId("user-penanggung.jawab@demo.pandu.local");
    await pj.waitFor();
    expect(await pj.locator("[data-testid^=user-actions-]").count()).toBe(1);
    expect(await pj.locator("[data-testid^=reset-link-]").count()).toBe(0);
    expect(await page.getByTestId("user-koordinator.spbe@demo.pandu.local").locator("[data-testid^=user-above-]").count()).toBe(1);
    await page.getByTestId("nav-audit").click();
    await page.locator("[data-testid=audit-table], [data-testid=audit-empty]").first().waitFor();
    await page.getByTestId("audit-filter-agency").fill("15.71");
    await page.getByTestId("audit-apply").click();
    await expect.poll(() => page.url()).toContain("agency=15.71");
    await page.locator("[data-testid=audit-table], [data-testid=audit-empty]").first().waitFor();
    // The table of the unfiltered list is still on screen for a moment: wait for the filtered link.
    await expect.poll(async () => (await page.getByTestId("audit-csv").getAttribute("href")) ?? "").toContain("agency=15.71");
    const href = (await page.getByTestId("audit-csv").getAttribute("href")) ?? "";
    expect(href).toContain("format=csv");
    expect(href).toContain("agency=15.71");
    const csv = await page.request.get(`${demo.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toMatch(/^id,at,agency_code,actor,action/);
    await keepScreenshot(page, path.join(demo.shots, `audit-${TEST_DB_KIND}.png`), { fullPage: true });
    await page.close();
  });

  it("an administrator's audit trail shows the sign-ins and the user creation in Indonesian time format", async () => {
    const page = await demo.signIn("admin@demo.pandu.local");
    await page.goto(`${demo.url}/audit?action=user.create`);
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain("user.create");
    expect(text).toContain("admin@demo.pandu.local");
    expect(text).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2}/);
    await keepScreenshot(page, path.join(demo.shots, `audit-admin-${TEST_DB_KIND}.png`), { fullPage: true });
    await page.close();
  });

  it("two-step verification is set up on the profile; sign-in then asks for the code; a password change keeps writes working", async () => {
    const email = "asesor.internal@demo.pandu.local";
    const page = await demo.signIn(email);
    await page.goto(`${demo.url}/profil`);
    await page.getByTestId("totp-start").click();
    const secret = await page.getByTestId("totp-secret").innerText();
    await expect.poll(() => page.getByTestId("totp-qr").getAttribute("alt")).toBeTruthy();
    await page.getByTestId("totp-code").fill(currentTotp(secret));
    await page.getByTestId("totp-enable").click();
    await expect.poll(() => page.getByTestId("totp-state").innerText()).toBe("aktif");

    await page.getByTestId("logout").click();
    await page.getByTestId("login-email").fill(email);
    await page.getByTestId("login-password").fill(demo.password(email));
    await page.getByTestId("login-submit").click();
    await page.getByTestId("login-totp").waitFor();
    await page.getByTestId("login-totp").fill("000000");
    await page.getByTestId("login-submit").click();
    await expect.poll(async () => (await page.getByTestId("login-error").innerText()).includes("Kode autentikator salah")).toBe(true);
    await keepScreenshot(page, path.join(demo.shots, `login-totp-${TEST_DB_KIND}.png`), { fullPage: true });
    // the code that confirmed the setup is spent; the next step's code is within the drift allowance
    await page.getByTestId("login-totp").fill(currentTotp(secret, Date.now() + 30_000));
    await submitOnceThePauseIsOver(page);
    await page.getByTestId("nav-profile").waitFor();

    // The password change opens a new session with a new CSRF token; a later write must still pass.
    await page.getByTestId("password-current").fill(demo.password(email));
    await page.getByTestId("password-new").fill("Tempoyak-Durian-Jambi-2026");
    await page.getByTestId("password-repeat").fill("Tempoyak-Durian-Jambi-2026");
    await page.getByTestId("password-submit").click();
    await page.getByTestId("password-done").waitFor();
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("token-name").fill("Setelah ganti sandi");
    await page.getByTestId("token-create").click();
    await page.getByTestId("token-secret").waitFor();

    // Sign out everywhere (asks first) ends this session too.
    await page.getByTestId("nav-profile").click();
    await page.getByTestId("logout-all").click();
    await page.getByTestId("logout-all-confirm").click();
    await page.getByTestId("nav-login").waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/masuk");
    expect((await page.request.get(`${demo.url}/api/me`)).status()).toBe(401);
    await page.close();
  });

  it("a wrong password shows a translated error and the form stays usable", async () => {
    const email = "penanggung.jawab@demo.pandu.local";
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/masuk?next=/token`);
    await page.getByTestId("login-email").fill(email);
    await page.getByTestId("login-password").fill("bukan-kata-sandinya");
    await page.getByTestId("login-submit").click();
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.innerText()).toContain("Email atau kata sandi salah.");
    expect(await error.getAttribute("role")).toBe("alert");
    await keepScreenshot(page, path.join(demo.shots, `login-${TEST_DB_KIND}.png`), { fullPage: true });
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => error.innerText()).toContain("Wrong e-mail or password.");
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();

    // After the first failure the server asks for a short pause; then the right password works.
    await page.getByTestId("login-password").fill(demo.password(email));
    await submitOnceThePauseIsOver(page);
    await page.getByTestId("nav-profile").waitFor();
    await expect.poll(() => page.url()).toBe(`${demo.url}/token`);
    await page.close();
  });

  it("a user edits their profile; the saved language follows them to a new browser on sign-in", async () => {
    const email = "pimpinan@demo.pandu.local";
    const page = await demo.signIn(email);
    await page.goto(`${demo.url}/profil`);
    await page.getByTestId("profile-nip").fill("1985 1312 201001 1 003");
    await page.getByTestId("profile-phone").fill("+62 741 123456");
    await page.getByTestId("profile-save").click();
    // A NIP whose birth date is impossible is refused with the field named, and nothing is saved.
    await page.getByTestId("profile-error").waitFor();
    expect(await page.getByTestId("profile-error").innerText()).toMatch(/nip/i);
    await page.getByTestId("profile-nip").fill("198506122010011003");
    await page.getByTestId("profile-name").fill("Wali Kota Jambi (uji)");
    await page.getByTestId("profile-language").selectOption("en");
    await page.getByTestId("profile-save").click();
    await page.getByTestId("profile-saved").waitFor();
    // The interface switches to the saved language at once.
    await expect.poll(() => page.getByTestId("profile-saved").innerText()).toBe("Profile saved.");
    expect(await page.getByTestId("nav-profile").innerText()).toContain("Wali Kota Jambi (uji)");
    await page.close();

    // A fresh browser context starts in Indonesian; signing in applies the profile's English.
    const other = await demo.browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(`${demo.url}/masuk`);
    await expect.poll(() => fresh.locator("html").getAttribute("lang")).toBe("id");
    await fresh.getByTestId("login-email").fill(email);
    await fresh.getByTestId("login-password").fill(demo.password(email));
    await fresh.getByTestId("login-submit").click();
    await fresh.getByTestId("nav-profile").waitFor();
    await expect.poll(() => fresh.locator("html").getAttribute("lang")).toBe("en");
    await fresh.goto(`${demo.url}/profil`);
    await expect.poll(() => fresh.getByTestId("profile-nip").inputValue()).toBe("198506122010011003");
    await expect.poll(() => fresh.getByTestId("profile-phone").inputValue()).toBe("+62 741 123456");

    // The language switch in the header saves the choice back to the profile.
    await fresh.getByRole("button", { name: "Bahasa Indonesia" }).click();
    await expect.poll(async () => (await (await fresh.request.get(`${demo.url}/api/me`)).json()).user.language).toBe("id");
    await other.close();
  });
});
