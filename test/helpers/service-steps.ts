import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** The SKM elements U1–U9 of the public survey form. */
export const SKM_ELEMENTS = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"] as const;

/** A 390 × 844 touch phone context (issue #18's citizen): its pages are what a citizen on a phone sees. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
}

/** The page's document is no wider than the phone (nothing scrolls sideways but its own table wrappers). */
export async function expectFitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** A number as the page prints it in Indonesian ("1.234" → 1234). */
export const pageNumber = async (page: Page, testId: string): Promise<number> => Number((await page.getByTestId(testId).innerText()).trim().replace(/\./g, ""));

/** Ticks an answer (1–4) for every SKM element on the open survey form (`/survei/:id`). */
export async function answerSkmElements(page: Page, value: (index: number) => number): Promise<void> {
  for (const [i, code] of SKM_ELEMENTS.entries()) await page.getByTestId(`skm-${code}-${value(i)}`).check();
}

/** Sends the filled survey form and waits for the thanks. */
export async function submitSkm(page: Page): Promise<void> {
  await page.getByTestId("skm-submit").click();
  await page.getByTestId("skm-thanks").waitFor();
}

export interface ComplaintInput {
  agency: string;
  category: string;
  title: string;
  description: string;
  name: string;
  /** Pick the agency's first public service in the form's service list. */
  firstService?: boolean;
}

/** Fills the public complaint form on `/pengaduan` (already open); returns the chosen service's name when one was picked. */
export async function fillComplaintForm(page: Page, input: ComplaintInput): Promise<string | null> {
  await page.getByTestId("complaint-form").waitFor();
  await page.getByTestId("complaint-agency").fill(input.agency);
  let service: string | null = null;
  if (input.firstService) {
    // The services of the agency load after its code is typed.
    const option = page.getByTestId("complaint-service").locator("option:not([value=''])").first();
    await option.waitFor({ state: "attached" });
    service = (await option.innerText()).trim();
    await page.getByTestId("complaint-service").selectOption((await option.getAttribute("value"))!);
  }
  await page.getByTestId("complaint-category").selectOption(input.category);
  await page.getByTestId("complaint-title").fill(input.title);
  await page.getByTestId("complaint-description").fill(input.description);
  await page.getByTestId("complaint-name").fill(input.name);
  return service;
}

/** Sends the filled complaint form; returns the tracking number and check value shown once. */
export async function submitComplaint(page: Page): Promise<{ trackingNumber: string; checkValue: string }> {
  await page.getByTestId("complaint-submit").click();
  await page.getByTestId("complaint-filed").waitFor();
  const trackingNumber = await page.getByTestId("complaint-tracking-number").inputValue();
  const checkValue = await page.getByTestId("complaint-check-value").inputValue();
  expect(trackingNumber).toMatch(/^ADU-/);
  return { trackingNumber, checkValue };
}

/** The officer (petugas layanan) opens the complaint from the inbox, verifies it (confirmed) and claims the follow-up. */
export async function verifyAndClaimComplaint(officer: Page, title: string): Promise<void> {
  await officer.getByTestId("nav-complaints").click();
  await officer.getByTestId("complaint-inbox").waitFor();
  await officer.getByRole("link", { name: title }).click();
  await officer.getByTestId("complaint-detail").waitFor();
  await officer.getByTestId("complaint-action-verify").click();
  await officer.getByTestId("complaint-action-verify-confirm").click();
  await expect.poll(() => officer.getByTestId("complaint-state").innerText()).toBe("Tindak lanjut");
  await officer.getByTestId("complaint-action-claim").click();
  await officer.getByTestId("complaint-action-release").waitFor();
}

/** The official (pejabat layanan, who holds post_answer) answers the complaint from the inbox, confirmed. */
export async function answerComplaint(official: Page, title: string, answer: string): Promise<void> {
  await official.getByTestId("nav-complaints").click();
  await official.getByRole("link", { name: title }).click();
  await official.getByTestId("complaint-answer").fill(answer);
  await official.getByTestId("complaint-action-post_answer").click();
  await official.getByTestId("complaint-action-post_answer-confirm").click();
  await expect.poll(() => official.getByTestId("complaint-state").innerText()).toBe("Ditanggapi, menunggu pelapor");
}

/** The reporter looks the complaint up on `/pengaduan/lacak`, reads the answer and accepts it: finished. */
export async function acceptAnswerOnTrackingPage(page: Page, baseUrl: string, filed: { trackingNumber: string; checkValue: string }, answerContains: string): Promise<void> {
  await page.goto(`${baseUrl}/pengaduan/lacak`);
  await page.getByTestId("track-number").fill(filed.trackingNumber);
  await page.getByTestId("track-check").fill(filed.checkValue);
  await page.getByTestId("track-submit").click();
  await page.getByTestId("tracked-answer").waitFor();
  expect(await page.getByTestId("tracked-answer").innerText()).toContain(answerContains);
  await page.getByTestId("track-action-accept_answer").click();
  await expect.poll(() => page.getByTestId("tracked-state").innerText()).toBe("Selesai");
}
