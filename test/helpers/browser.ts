import { AxeBuilder } from "@axe-core/playwright";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { spawnServer, waitForHealth, type ServerProcess } from "./server-process";
import { createPostgresTestDatabase, TEST_DB_KIND } from "./test-database";

/**
 * On a slow or loaded machine (CI=true, or PANDU_TEST_SLOW=1) the time limits of browser tests, their
 * hooks and Playwright's waits are this many times longer: limits there catch a hang, not a slow run.
 */
export const SLOW_FACTOR = process.env.CI === "true" || process.env.CI === "1" || process.env.PANDU_TEST_SLOW === "1" ? 3 : 1;

/** A time limit (ms) of a browser test or hook, longer on a slow machine (SLOW_FACTOR). */
export const limit = (ms: number): number => ms * SLOW_FACTOR;

/** Debian's Chromium, headless, with the flags this sandbox needs (no network beyond loopback). */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Every context (browser.newPage makes one too) waits as long as the machine needs: Playwright's
  // 30 s for a locator or a navigation is scaled like the tests' own limits.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(limit(30_000));
    context.setDefaultNavigationTimeout(limit(30_000));
    return context;
  };
  return browser;
}

/** The demo passwords a first demo start writes to `<PANDU_DATA_DIR>/demo-accounts.txt`: e-mail → password. */
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

/** The texts of the page's charts (components/Chart.tsx) drawn past their chart's box: labels cut off at the edge. */
export function clippedChartTexts(page: Page): Promise<string[]> {
  return page.locator("figure.chart svg").evaluateAll((svgs) =>
    svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      }).map((t) => t.textContent ?? "");
    }),
  );
}

/** A demo server process (own data directory, own PostgreSQL database when the run is on PostgreSQL) and a Chromium. */
export interface DemoServer {
  url: string;
  server: ServerProcess;
  /** The server's data directory (PANDU_DATA_DIR). */
  dataDir: string;
  browser: Browser;
  /** Where screenshots go (created; outside the checkout: PANDU_TEST_SCREENSHOTS or the temporary directory). */
  shots: string;
  passwords: Map<string, string>;
  /** The demo password written for this e-mail; throws when the server wrote none. */
  password(email: string): string;
  /** Signs in through the login form in a context of its own (1280×900, downloads accepted) and waits for the signed-in header. */
  signIn(email: string, password?: string): Promise<Page>;
  /** Closes the browser, stops the server, drops the database and the data directory; returns the server's exit code. */
  stop(): Promise<number | null>;
}

/** Starts `pandu` in demo mode on the database kind of this run and launches Chromium: what every browser test begins with. */
export async function startDemoServer(name: string, extraEnv: Record<string, string | undefined> = {}): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pandu-${name}-`));
  const env: Record<string, string | undefined> = { PANDU_DATA_DIR: dataDir, DATABASE_URL: undefined, PANDU_DEMO: "true", SMTP_URL: undefined, ...extraEnv };
  let dropDb: (() => Promise<void>) | undefined;
  // A caller that prepared its own database (e.g. with the CLI) passes its DATABASE_URL and drops it itself.
  if (TEST_DB_KIND === "postgres" && !extraEnv.DATABASE_URL) {
    const db = await createPostgresTestDatabase();
    env.DATABASE_URL = db.url;
    dropDb = db.drop;
  }
  const server = spawnServer(env);
  let browser: Browser;
  try {
    await waitForHealth(server);
    browser = await launchChromium();
  } catch (e) {
    // A failed start leaves no server process, database or data directory behind (the hook's error still fails the file).
    await server.stop();
    await dropDb?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  // Outside the checkout: tests write nothing there. CI may point PANDU_TEST_SCREENSHOTS at its artefacts.
  const shots = process.env.PANDU_TEST_SCREENSHOTS ?? path.join(os.tmpdir(), "pandu-screenshots");
  fs.mkdirSync(shots, { recursive: true });
  const accountsFile = path.join(dataDir, "demo-accounts.txt");
  const passwords = demoPasswords(fs.existsSync(accountsFile) ? fs.readFileSync(accountsFile, "utf8") : "");
  const password = (email: string) => {
    const p = passwords.get(email);
    if (!p) throw new Error(`no demo password for ${email} in the server output`);
    return p;
  };
  return {
    url: server.url,
    server,
    dataDir,
    browser,
    shots,
    passwords,
    password,
    async signIn(email, pass) {
      // A context of its own per user: separate cookies, and axe-core needs a page from browser.newContext().
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      page.once("close", () => void context.close().catch(() => undefined));
      await page.goto(`${server.url}/masuk`);
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(pass ?? password(email));
      await page.getByTestId("login-submit").click();
      await page.getByTestId("nav-profile").waitFor();
      return page;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      const code = await server.stop();
      await dropDb?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * Submits the sign-in form (password, or the SSO code step with `endpoint`) until the server's pause
 * after a failed attempt is over: until then it answers 429 and counts nothing, so trying again is
 * harmless and no fixed sleep is needed.
 */
export async function submitOnceThePauseIsOver(page: Page, endpoint = "/api/auth/login"): Promise<void> {
  const submit = async () => {
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(endpoint)), page.getByTestId("login-submit").click()]);
    return res.status();
  };
  await expect.poll(submit, { timeout: limit(15_000), interval: 250 }).not.toBe(429);
}
