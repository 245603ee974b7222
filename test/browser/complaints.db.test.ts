import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { acceptAnswerOnTrackingPage, answerComplaint, expectFitsPhone, fillComplaintForm, phoneContext, submitComplaint, verifyAndClaimComplaint } from "../helpers/service-steps";
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
    const context = await phoneContext(demo.browser);
    const phone = await context.newPage();
    await phone.goto(`${demo.url}/pengaduan`);
    await fillComplaintForm(phone, {
      agency: "15.71",
      category: "waktu",
      title: "Antrean loket terlalu lama",
      description: "Saya menunggu lebih dari tiga jam di loket tanpa nomor antrean yang jelas.",
      name: "Warga Uji",
    });
    expect(await seriousViolations(phone)).toEqual([]);
    const filed = await submitComplaint(phone);
    await expectFitsPhone(phone);

    const officer = await demo.signIn("petugas.layanan@demo.pandu.local");
    await verifyAndClaimComplaint(officer, "Antrean loket terlalu lama");

    const official = await demo.signIn("pejabat.layanan@demo.pandu.local");
    await answerComplaint(official, "Antrean loket terlalu lama", "Mulai pekan ini loket memakai nomor antrean elektronik; mohon maaf atas ketidaknyamanannya.");

    await acceptAnswerOnTrackingPage(phone, demo.url, filed, "nomor antrean elektronik");
    expect(await seriousViolations(phone)).toEqual([]);
    await context.close();
  }, limit(180_000));
});
