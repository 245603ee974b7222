import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

// The Koordinator SPBE sets the agency's kop surat on the profile page: text, a preview, the logo
// upload (a wrong file is refused in words), on a phone-sized screen.
describe(`the kop surat settings in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("letterhead-ui");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("saves the address and seat, shows them in the preview, uploads a logo and refuses a PDF", async () => {
    const page: Page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.url}/profil`);
    const section = page.getByTestId("letterhead-15.71");
    await section.waitFor();
    await expect.poll(() => page.getByTestId("letterhead-preview").innerText()).toContain("PEMERINTAH KOTA JAMBI");
    // A city is its own seat until another is set.
    expect(await page.getByTestId("letterhead-preview").innerText()).toContain("Tempat penandatanganan: Jambi");
    await page.getByTestId("letterhead-officeName").fill("Dinas Komunikasi dan Informatika");
    await page.getByTestId("letterhead-address").fill("Jl. Jenderal Basuki Rahmat No. 1, Jambi");
    await page.getByTestId("letterhead-phone").fill("(0741) 40100");
    await page.getByTestId("letterhead-save").click();
    await page.getByTestId("letterhead-saved").waitFor();
    const preview = await page.getByTestId("letterhead-preview").innerText();
    expect(preview).toContain("Dinas Komunikasi dan Informatika");
    expect(preview).toContain("Telepon (0741) 40100");

    await page.getByTestId("letterhead-logo").setInputFiles({ name: "logo.pdf", mimeType: "image/png", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await expect.poll(() => page.getByTestId("letterhead-logo-error").innerText()).toContain("PNG atau JPEG");
    const { default: QRCode } = await import("qrcode");
    await page.getByTestId("letterhead-logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: await QRCode.toBuffer("Logo Kota Jambi") });
    await page.getByTestId("letterhead-logo-saved").waitFor();
    await page.locator(".letterhead-preview-logo").waitFor();
    expect(await page.locator(".letterhead-preview-logo").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect((await pageApi(page, "GET", "/api/agencies/15.71/letterhead")).body).toMatchObject({ address: "Jl. Jenderal Basuki Rahmat No. 1, Jambi", logo: { contentType: "image/png" } });
    // Nothing wider than the phone's screen, and no serious accessibility problem.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, limit(120_000));
});
