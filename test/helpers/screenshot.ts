import type { Locator, Page } from "playwright-core";

/**
 * Keeps a screenshot of a page or an element for the documentation (`.test-results/screenshots`).
 * It asserts nothing: on a loaded machine Chromium may not capture in time (it waits for fonts),
 * and a picture that could not be taken must not fail the behaviour the test checks.
 */
export async function keepScreenshot(target: Page | Locator, file: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await target.screenshot({ path: file, timeout: 10_000, ...options }).catch(() => undefined);
}
