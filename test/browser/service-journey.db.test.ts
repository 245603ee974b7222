import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDayAt } from "../../src/core";
import { formatDate } from "../../src/web/format";
import { limit, pageApi, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import {
  acceptAnswerOnTrackingPage,
  answerComplaint,
  answerSkmElements,
  expectFitsPhone,
  fillComplaintForm,
  pageNumber,
  phoneContext,
  submitComplaint,
  submitSkm,
  verifyAndClaimComplaint,
} from "../helpers/service-steps";
import { TEST_DB_KIND } from "../helpers/test-database";

interface SurveyList {
  surveys: { id: number; status: string; periodStart: string; service: { name: string } }[];
}

const AGENCY = "15.71";
const TITLE = "Petugas loket tidak menjelaskan persyaratan";
const ANSWER = "Daftar persyaratan kini dipasang di setiap loket dan petugas sudah diberi pengarahan; terima kasih atas masukannya.";

/** A card's note (the `dd` after its value), e.g. "3 terbuka, 0 lewat batas waktu". */
const cardNote = (page: Page, testId: string) => page.getByTestId(testId).locator("xpath=following-sibling::dd[1]").innerText();
/** The first number a pattern captures in a text printed the Indonesian way. */
const numberIn = (text: string, pattern: RegExp) => Number(pattern.exec(text)![1]!.replace(/\./g, ""));

/** The dashboard's headline figures for the agency, read from the page (its cards and their notes). */
async function dashboardFigures(page: Page): Promise<{ respondents: number; complaints: number; open: number; closed: number }> {
  await page.getByTestId("service-dashboard-agency-respondents").waitFor();
  return {
    respondents: await pageNumber(page, "service-dashboard-agency-respondents"),
    complaints: await pageNumber(page, "service-dashboard-agency-complaints"),
    open: numberIn(await cardNote(page, "service-dashboard-agency-complaints"), /^([\d.]+) terbuka/),
    closed: numberIn(await cardNote(page, "service-dashboard-agency-complaint-sla"), /dari ([\d.]+) selesai/),
  };
}

// Issue #18 "Done when": a citizen on a phone answers a survey and files a complaint; an officer
// dispositions it, it is answered and closed; the service dashboard counts both, and the Koordinator
// SPBE keeps the dashboard as evidence, which the library then lists.
describe(`the service journey (#18) in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer("service-journey");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("survey and complaint on a phone, disposition and close, the dashboard counts them, saved as evidence", async () => {
    // The officer's dashboard before: the figures of the year it opens on, as the page shows them.
    const officer = await demo.signIn("petugas.layanan@demo.pandu.local");
    await officer.getByTestId("nav-service-dashboard").click();
    const before = await dashboardFigures(officer);
    expect(await seriousViolations(officer)).toEqual([]);

    // An open survey of the year the dashboard shows (it counts surveys by the year their period starts).
    const year = await officer.getByTestId("service-dashboard-year").inputValue();
    const list = (await pageApi(officer, "GET", `/api/agencies/${AGENCY}/surveys`)).body as SurveyList;
    const survey = list.surveys.find((s) => s.status === "open" && s.periodStart.startsWith(year));
    expect(survey, `an open ${year} survey of ${AGENCY} in the demo data`).toBeDefined();

    // The citizen, on a phone: the survey, then a complaint about a service of the same agency.
    const context = await phoneContext(demo.browser);
    const phone = await context.newPage();
    await phone.goto(`${demo.url}/survei/${survey!.id}`);
    await phone.getByTestId("skm-form").waitFor();
    await answerSkmElements(phone, (i) => (i % 3) + 2);
    await expectFitsPhone(phone);
    await submitSkm(phone);

    await phone.goto(`${demo.url}/pengaduan`);
    const service = await fillComplaintForm(phone, {
      agency: AGENCY,
      firstService: true,
      category: "pelayanan",
      title: TITLE,
      description: "Saya bolak-balik tiga kali karena persyaratan berkas tidak pernah dijelaskan dengan lengkap di loket.",
      name: "Warga Uji Perjalanan",
    });
    expect(service).toBeTruthy();
    await expectFitsPhone(phone);
    const filed = await submitComplaint(phone);

    // The petugas verifies and takes it on (disposition), the pejabat answers, the reporter accepts: closed.
    await verifyAndClaimComplaint(officer, TITLE);
    const official = await demo.signIn("pejabat.layanan@demo.pandu.local");
    await answerComplaint(official, TITLE, ANSWER);
    await official.close();
    await acceptAnswerOnTrackingPage(phone, demo.url, filed, "Daftar persyaratan");
    await expectFitsPhone(phone);
    await context.close();

    // The dashboard again: one more respondent, one more complaint received and closed (none more open), read from the page.
    await officer.goto(`${demo.url}/dasbor-layanan/${AGENCY}`);
    await expect.poll(() => dashboardFigures(officer)).toEqual({ respondents: before.respondents + 1, complaints: before.complaints + 1, open: before.open, closed: before.closed + 1 });
    // Its service has a row of its own in the per-service table.
    expect(await officer.getByTestId("service-dashboard-by-service").getByRole("rowheader", { name: service!, exact: true }).count()).toBe(1);
    // The officer reads but may not save as evidence.
    expect(await officer.getByTestId("save-evidence").count()).toBe(0);
    await officer.close();

    // The Koordinator SPBE keeps the dashboard as evidence (asked first), and the library lists it dated today.
    const coordinator = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await coordinator.goto(`${demo.url}/dasbor-layanan/${AGENCY}`);
    expect((await dashboardFigures(coordinator)).complaints).toBe(before.complaints + 1);
    expect(await seriousViolations(coordinator)).toEqual([]);
    await coordinator.getByTestId("save-evidence").click();
    await coordinator.getByTestId("save-evidence-confirm").click();
    const result = coordinator.getByTestId("save-evidence-result");
    await result.waitFor();
    const title = `Bukti dari Pandu: Kepuasan dan pengaduan layanan ${year}`;
    expect(await result.innerText()).toContain(title);
    expect(await seriousViolations(coordinator)).toEqual([]);

    await result.getByRole("link").click();
    const table = coordinator.getByTestId("evidence-table");
    await table.waitFor();
    const row = table.locator("tbody tr", { hasText: title });
    await expect.poll(() => row.count()).toBe(1);
    // "Today" in WIB, as the server dates it (either side of a midnight passed during the run).
    const today = [calendarDayAt(Date.now()), calendarDayAt(Date.now() - 3_600_000)].map((d) => formatDate(d, "id"));
    const rowText = await row.innerText();
    expect(today.some((d) => rowText.includes(d)), `${rowText} shows one of ${today.join(", ")}`).toBe(true);
    expect(rowText).toContain("XLSX");
    await coordinator.close();
  }, limit(300_000));
});
