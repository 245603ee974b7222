import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, headless, with the flags this sandbox needs (no network beyond loopback). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The demo passwords the server prints once on its first start: e-mail → password. */
export function demoPasswords(output: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of output.matchAll(/^\s+[a-z_]+\s+(\S+@demo\.pandu\.local)\s+(\S+)\s*$/gm)) found.set(m[1]!, m[2]!);
  return found;
}

export interface PageApiAnswer {
  status: number;
  body: unknown;
}

/** Calls the API from inside the page with its session cookie and CSRF token (as the SPA does). */
export function pageApi(page: Page, method: string, url: string, body?: unknown): Promise<PageApiAnswer> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = (await (await fetch("/api/me")).json()) as { csrfToken: string };
      const res = await fetch(url, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, url, body },
  );
}

/** Serious or critical WCAG 2.0/2.1 A and AA violations axe-core finds on the page, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}
