import { createHash } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

// A large file from a regency on a bad connection: the library page sends it in chunks, the
// connection breaks in the middle of one, the page says it will try again, and the upload resumes
// from what the server kept; the stored file is byte for byte the one chosen.
describe(`resumable evidence upload in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("resumable");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("a broken connection mid-chunk is retried and the upload completes from where it stopped", async () => {
    const page = await demo.signIn("pelaksana.entri@demo.pandu.local");
    await page.getByTestId("nav-evidence").click();
    await page.getByTestId("evidence-upload").waitFor();

    // 17 MB: above the 8 MB threshold, so three chunks of at most 8 MB.
    const file = Buffer.concat([Buffer.from("%PDF-1.4\n% rekaman rapat\n", "latin1"), Buffer.alloc(17 * 1024 * 1024, 0x41), Buffer.from("\n%%EOF\n", "latin1")]);
    const chunks: string[] = [];
    let broken = false;
    await page.route("**/api/evidence-uploads/*", async (route) => {
      const req = route.request();
      if (req.method() === "PATCH") chunks.push(req.headers()["upload-offset"] ?? "?");
      // The second chunk's first attempt never arrives: the connection resets.
      if (req.method() === "PATCH" && req.headers()["upload-offset"] !== "0" && !broken) {
        broken = true;
        return route.abort("connectionreset");
      }
      return route.continue();
    });

    await page.getByTestId("evidence-upload-title").fill("Rekaman rapat koordinasi SPBE");
    await page.getByTestId("evidence-upload-file").setInputFiles({ name: "rekaman-rapat.pdf", mimeType: "application/pdf", buffer: file });
    await page.getByTestId("evidence-upload-submit").click();
    await page.getByTestId("evidence-upload-retry").waitFor({ timeout: limit(30_000) });
    expect(await page.getByTestId("evidence-upload-retry").innerText()).toContain("Koneksi terputus");
    await page.getByTestId("evidence-upload-done").waitFor({ timeout: limit(60_000) });
    expect(await page.getByTestId("evidence-upload-retry").count()).toBe(0);
    await keepScreenshot(page, path.join(demo.shots, `resumable-upload-${TEST_DB_KIND}.png`));

    // Chunks at 0, 8 MB (broken), 8 MB again, 16 MB: the retry resumed at the server's offset.
    const mb8 = String(8 * 1024 * 1024);
    expect(chunks).toEqual(["0", mb8, mb8, String(16 * 1024 * 1024)]);
    const list = (await pageApi(page, "GET", "/api/agencies/15.71/evidence?q=Rekaman")).body as { evidence: { sha256: string; size: number; fileName: string }[] };
    expect(list.evidence).toEqual([expect.objectContaining({ sha256: createHash("sha256").update(file).digest("hex"), size: file.length, fileName: "rekaman-rapat.pdf" })]);
    await page.close();
  }, limit(120_000));
});
