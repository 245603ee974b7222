import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #18 item 3: a citizen on a phone files a complaint; the service officer verifies and forwards
// it, the official answers it (post_answer is the pejabat_berwenang's, held by pejabat_layanan), and the
// citizen accepts the answer on the tracking page: finished.
describe(`complaints in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("complaints");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("file on a phone, verify, answer, confirm on the tracking page", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(`${demo.url}/pengaduan`);
    await phone.getByTestId("complaint-form").waitFor();
    await phone.getByTestId("complaint-agency").fill("15.71");
    await phone.getByTestId("complaint-category").selectOption("waktu");
    await phone.getByTestId("complaint-title").fill("Antrean loket terlalu lama");
    await phone.getByTestId("complaint-description").fill("Saya menunggu lebih dari tiga jam di loket tanpa nomor antrean yang jelas.");
    await phone.getByTestId("complaint-name").fill("Warga Uji");
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByTestId("complaint-submit").click();
    await phone.getByTestId("complaint-filed").waitFor();
    const trackingNumber = await phone.getByTestId("complaint-tracking-number").inputValue();
    const checkValue = await phone.getByTestId("complaint-check-value").inputValue();
    expect(trackingNumber).toMatch(/^ADU-/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const officer = await demo.signIn("petugas.layanan@demo.pandu.local");
    await officer.getByTestId("nav-complaints").click();
    await officer.getByTestId("complaint-inbox").waitFor();
    await officer.getByRole("link", { name: "Antrean loket terlalu lama" }).click();
    await officer.getByTestId("complaint-detail").waitFor();
    await officer.getByTestId("complaint-action-verify").click();
    await officer.getByTestId("complaint-action-verify-confirm").click();
    await expect.poll(() => officer.getByTestId("complaint-state").innerText()).toBe("Tindak lanjut");
    await officer.getByTestId("complaint-action-claim").click();
    await officer.getByTestId("complaint-action-release").waitFor();

    const official = await demo.signIn("pejabat.layanan@demo.pandu.local");
    await official.getByTestId("nav-complaints").click();
    await official.getByRole("link", { name: "Antrean loket terlalu lama" }).click();
    await official.getByTestId("complaint-answer").fill("Mulai pekan ini loket memakai nomor antrean elektronik; mohon maaf atas ketidaknyamanannya.");
    await official.getByTestId("complaint-action-post_answer").click();
    await official.getByTestId("complaint-action-post_answer-confirm").click();
    await expect.poll(() => official.getByTestId("complaint-state").innerText()).toBe("Ditanggapi, menunggu pelapor");

    await phone.goto(`${demo.url}/pengaduan/lacak`);
    await phone.getByTestId("track-number").fill(trackingNumber);
    await phone.getByTestId("track-check").fill(checkValue);
    await phone.getByTestId("track-submit").click();
    await phone.getByTestId("tracked-answer").waitFor();
    expect(await phone.getByTestId("tracked-answer").innerText()).toContain("nomor antrean elektronik");
    await phone.getByTestId("track-action-accept_answer").click();
    await expect.poll(() => phone.getByTestId("tracked-state").innerText()).toBe("Selesai");
    expect(await seriousViolations(phone)).toEqual([]);
    await context.close();
  }, limit(180_000));
});
