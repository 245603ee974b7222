import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { answerSkmElements, expectFitsPhone, phoneContext, submitSkm } from "../helpers/service-steps";
import { TEST_DB_KIND } from "../helpers/test-database";

// Issue #18 item 2: a citizen answers an SKM survey on a phone (no sign-in) and the officer sees the
// respondent count go up.
describe(`the SKM survey in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("skm-survey");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("a citizen answers on a phone and sees thanks; the officer's respondent count goes up by one", async () => {
    const officer = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await officer.getByTestId("nav-service-catalogue").click();
    await officer.getByTestId("skm-surveys-link").click();
    await officer.getByTestId("skm-surveys").waitFor();
    const first = officer.getByTestId("skm-surveys").locator("tbody tr").first();
    const href = (await first.getByRole("link").getAttribute("href"))!;
    const surveyId = Number(href.split("/").pop());
    const cell = officer.getByTestId(`skm-respondents-${surveyId}`);
    const before = Number((await cell.innerText()).replace(/\./g, ""));
    expect(before).toBeGreaterThan(0);
    expect(await seriousViolations(officer)).toEqual([]);
    await first.getByRole("link").click();
    await officer.getByTestId("skm-nrr").waitFor();
    expect(await officer.getByTestId("skm-public-link").getAttribute("href")).toBe(`/survei/${surveyId}`);
    expect(await seriousViolations(officer)).toEqual([]);

    const context = await phoneContext(demo.browser);
    const phone = await context.newPage();
    await phone.goto(`${demo.url}/survei/${surveyId}?loket=Loket%201`);
    await phone.getByTestId("skm-form").waitFor();
    expect(await phone.locator("main").innerText()).toContain("Dikelola dengan baik");
    // Submitting with an element unanswered names it and sends nothing.
    await phone.getByTestId("skm-submit").click();
    expect(await phone.getByTestId("skm-error").innerText()).toContain("U1");
    await answerSkmElements(phone, (i) => (i % 4) + 1);
    await phone.getByTestId("skm-profile-sex").selectOption("P");
    await expectFitsPhone(phone);
    expect(await seriousViolations(phone)).toEqual([]);
    await submitSkm(phone);
    // The same phone again: the server refuses a second response from this device.
    await phone.reload();
    await answerSkmElements(phone, () => 4);
    await phone.getByTestId("skm-submit").click();
    expect(await phone.getByTestId("skm-error").innerText()).toContain("sudah mengisi");
    await context.close();

    await officer.goBack();
    await officer.reload();
    await officer.getByTestId("skm-surveys").waitFor();
    await expect.poll(async () => Number((await officer.getByTestId(`skm-respondents-${surveyId}`).innerText()).replace(/\./g, ""))).toBe(before + 1);
    await officer.close();
  }, limit(180_000));

  it("the survey page offers the published report (a PDF) and saves it into the evidence library after a confirmation", async () => {
    const officer = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await officer.getByTestId("nav-service-catalogue").click();
    await officer.getByTestId("skm-surveys-link").click();
    await officer.getByTestId("skm-surveys").locator("tbody tr").first().getByRole("link").click();
    await officer.getByTestId("skm-nrr").waitFor();
    const pdf = await officer.request.get(new URL((await officer.getByTestId("skm-report-pdf").getAttribute("href"))!, demo.url).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await officer.getByTestId("skm-report-evidence").click();
    // Nothing is saved until the confirmation.
    expect(await officer.getByTestId("skm-report-evidence-result").count()).toBe(0);
    await officer.getByTestId("skm-report-evidence-confirm").click();
    const result = officer.getByTestId("skm-report-evidence-result");
    await result.waitFor();
    expect(await result.innerText()).toContain("pustaka bukti");
    expect(await seriousViolations(officer)).toEqual([]);
    await officer.close();
  }, limit(180_000));
});
