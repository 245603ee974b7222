import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

const DEMO_ACCOUNTS = [
  "admin@demo.pandu.local",
  "koordinator.provinsi@demo.pandu.local",
  "koordinator.spbe@demo.pandu.local",
  "penanggung.jawab@demo.pandu.local",
  "pelaksana.entri@demo.pandu.local",
  "asesor.internal@demo.pandu.local",
  "pimpinan@demo.pandu.local",
  "asesor.eksternal@demo.pandu.local",
  "tim.reviu@demo.pandu.local",
];
/** The citizen-service roles' demo accounts: their tasks are the service queues (complaints, applications), not an evaluation. */
const SERVICE_ACCOUNTS = ["petugas.layanan@demo.pandu.local", "pejabat.layanan@demo.pandu.local"];

// Everyone lands on their work: each demo role signs in and finds at least one task on its home page.
describe(`the home page (Beranda kerja) in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("home");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the first demo start wrote every demo account to demo-accounts.txt, readable by the owner only", () => {
    const file = path.join(demo.dataDir, "demo-accounts.txt");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect([...demo.passwords.keys()].sort()).toEqual([...DEMO_ACCOUNTS, ...SERVICE_ACCOUNTS].sort());
    expect(demo.server.output()).toContain(`demo passwords: ${file}`);
  });

  for (const email of DEMO_ACCOUNTS) {
    it(`${email} lands on /beranda with at least one task that links to the work`, async () => {
      const page = await demo.signIn(email);
      await expect.poll(() => page.url()).toBe(`${demo.url}/beranda`);
      await page.getByTestId("task-list").waitFor();
      const items = page.getByTestId("task-item");
      expect(await items.count()).toBeGreaterThanOrEqual(1);
      const first = items.first().getByRole("link");
      const href = await first.getAttribute("href");
      expect(href).toMatch(/^\/(penilaian|rekomendasi)/);
      if (email.startsWith("koordinator.spbe")) {
        expect(await page.getByTestId("task-count-fill").innerText()).toBe("1");
        expect(await seriousViolations(page)).toEqual([]);
        await keepScreenshot(page, path.join(demo.shots, `home-${TEST_DB_KIND}.png`), { fullPage: true });
        await first.click();
        await expect.poll(() => new URL(page.url()).pathname).toBe(href);
      }
      await page.close();
    });
  }

  for (const email of SERVICE_ACCOUNTS) {
    it(`${email} lands on /beranda with the complaints waiting for their roles, linking to the inbox`, async () => {
      const page = await demo.signIn(email);
      await expect.poll(() => page.url()).toBe(`${demo.url}/beranda`);
      await page.getByTestId("task-list").waitFor();
      const item = page.locator('[data-testid="task-item"][data-kind="complaints"]');
      await expect.poll(() => item.count()).toBe(1);
      const link = item.getByRole("link");
      expect(await link.getAttribute("href")).toBe("/pengaduan-masuk/15.71");
      await link.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe("/pengaduan-masuk/15.71");
      await page.close();
    });
  }

  it("a sign-in with a next target still goes there", async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/masuk?next=%2Fbukti`);
    await page.getByTestId("login-email").fill("koordinator.spbe@demo.pandu.local");
    await page.getByTestId("login-password").fill(demo.password("koordinator.spbe@demo.pandu.local"));
    await page.getByTestId("login-submit").click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/bukti");
    await context.close();
  });

  it("'Lupa kata sandi?' leads to a page that, without SMTP, sends people to their administrator", async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${demo.url}/masuk`);
    await page.getByTestId("login-forgot").click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/lupa-sandi");
    expect(await page.getByTestId("forgot-ask-admin").innerText()).toContain("Administrator");
    expect(await page.getByTestId("forgot-email").count()).toBe(0);
    await context.close();
  });
});
