import type { Page } from "playwright-core";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { smallInstrument } from "../helpers/instruments";
import { TEST_DB_KIND } from "../helpers/test-database";

// Instrumen → Unggah instrumen: an administrator uploads a broken file (every problem shown, in
// Indonesian around the validator's words), then a good YAML file, which is listed as version 1.
describe(`uploading an instrument in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("instrument-upload-ui");
  }, limit(120_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("shows every problem of a bad file, keeps a good one as version 1 and lists it", async () => {
    const page: Page = await demo.signIn("admin@demo.pandu.local");
    await page.goto(`${demo.url}/instrumen`);
    await page.getByTestId("instrument-upload-link").click();
    await page.getByTestId("instrument-versions-empty").waitFor();

    const bad = smallInstrument("instrumen-peramban");
    bad.tree[0]!.children[0]!.weight = 50;
    (bad.tree[0]!.children[1] as { scale: string }).scale = "tidak-ada";
    await page.getByTestId("instrument-file").setInputFiles({ name: "rusak.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByTestId("instrument-upload").click();
    await page.getByTestId("instrument-upload-confirm").click();
    const problems = page.getByTestId("instrument-problems");
    await problems.waitFor();
    expect(await problems.innerText()).toContain("Berkas ditolak: 2 masalah ditemukan.");
    const items = await page.getByTestId("instrument-problem").allInnerTexts();
    expect(items).toEqual(expect.arrayContaining([expect.stringContaining("tree[0]: children weights sum to 90, expected 100"), expect.stringContaining('tree[0].children[1].scale: unknown scale "tidak-ada"')]));
    expect(await seriousViolations(page)).toEqual([]);

    const good = YAML.stringify(smallInstrument("instrumen-peramban", "Instrumen Uji Peramban"));
    await page.getByTestId("instrument-file").setInputFiles({ name: "instrumen.yaml", mimeType: "application/yaml", buffer: Buffer.from(good) });
    await page.getByTestId("instrument-upload").click();
    await page.getByTestId("instrument-upload-confirm").click();
    await expect.poll(() => page.getByTestId("instrument-uploaded").innerText()).toContain("Instrumen instrumen-peramban disimpan sebagai versi 1.");
    await expect.poll(() => page.getByTestId("instrument-version").allInnerTexts()).toEqual([expect.stringContaining("Instrumen Uji Peramban")]);
    expect(await page.getByTestId("instrument-problems").count()).toBe(0);
    const listed = (await pageApi(page, "GET", "/api/instruments")).body as { instruments: { id: string; version: number | null }[] };
    expect(listed.instruments.filter((i) => i.version !== null).map((i) => i.id)).toEqual(["instrumen-peramban@1"]);
    // The version opens as an instrument of its own.
    await page.getByRole("link", { name: "Instrumen Uji Peramban" }).click();
    await page.waitForURL(/\/instrumen\/instrumen-peramban(%40|@)1$/);
    await expect.poll(() => page.locator("h1").innerText()).toContain("Instrumen Uji Peramban");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, limit(120_000));

  it("another role sees no upload link and the page refuses it", async () => {
    const page: Page = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    await page.goto(`${demo.url}/instrumen`);
    await page.locator("h1").waitFor();
    expect(await page.getByTestId("instrument-upload-link").count()).toBe(0);
    await page.goto(`${demo.url}/instrumen/unggah`);
    await page.locator("main#main").waitFor();
    expect(await page.getByTestId("instrument-file").count()).toBe(0);
    await page.close();
  }, limit(60_000));
});
