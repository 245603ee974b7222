import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "../../src/web/i18n/en.json";
import id from "../../src/web/i18n/id.json";
import { limit, pageApi, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The app's page routes as the router files declare them ("" is the home page), read from the source so a new page is walked too. */
function routePatterns(): string[] {
  const files = ["src/web/main.tsx", "src/web/pages/Public/routes.tsx"].map((f) => fs.readFileSync(path.join(ROOT, f), "utf8"));
  const paths = files.flatMap((src) => [...src.matchAll(/\bpath: "([^"]+)"/g)].map((m) => m[1]!));
  return ["", ...paths.filter((p) => p !== "/" && p !== "*")];
}
const ROUTES = routePatterns();
/** Routes no walk can reach by following links, and why. */
const NOT_WALKED: Record<string, string> = {
  "atur-sandi/:token": "opened only from the one-time link an administrator hands out",
  lacak: "public tracking by number + check value, opened from the submission e-mail (docs/applications.md); no page links it yet",
  warga: "the citizen's account, reached once a citizen signs in; test/browser/citizen-sign-in.db.test.ts opens it",
  "pengaduan-masuk/:code/:id": "a complaint's page, reached from the inbox when the demo has open complaints; test/browser/complaints.db.test.ts opens it",
  "permohonan-saya": "a citizen's page (pandu_citizen session; the walk signs in staff only); linked from a service page with an online form; test/browser/applications.db.test.ts opens it",
  "permohonan-saya/:id": "a citizen's application; test/browser/applications.db.test.ts opens it",
  "layanan-masuk": "the officers' workbench, linked in the menu of petugas_layanan / pejabat_layanan (no such demo account); test/browser/applications.db.test.ts opens it",
  "layanan-masuk/:id": "an application in the officers' workbench; test/browser/applications.db.test.ts opens it",
  "formulir/:code": "an agency's application forms, linked in the menu of petugas_layanan / pejabat_layanan (no such demo account); test/browser/form-builder.db.test.ts opens it",
  "formulir/:code/:formVersionId/ubah": "the form builder of a form version; test/browser/form-builder.db.test.ts opens it",
  "pengaduan-saya": "a citizen's complaints (pandu_citizen session; the walk signs in staff only), linked from /warga; test/browser/citizen-sign-in.db.test.ts opens it",
  "verifikasi/:id": "opened from the address or QR code printed on a document; test/browser/evidence-cycle.db.test.ts opens it",
};

/** The route a pathname belongs to, or null (an address outside the app's pages, e.g. /api/…). */
function routeOf(pathname: string): string | null {
  const segments = pathname.replace(/^\/|\/$/g, "").split("/");
  for (const route of ROUTES) {
    const parts = route === "" ? [""] : route.split("/");
    if (parts.length === segments.length && parts.every((p, i) => p.startsWith(":") || p === segments[i])) return route;
  }
  return null;
}

const ROLES = [
  "admin@demo.pandu.local",
  "koordinator.provinsi@demo.pandu.local",
  "koordinator.spbe@demo.pandu.local",
  "penanggung.jawab@demo.pandu.local",
  "pelaksana.entri@demo.pandu.local",
  "asesor.internal@demo.pandu.local",
  "pimpinan@demo.pandu.local",
  "asesor.eksternal@demo.pandu.local",
  "tim.reviu@demo.pandu.local",
];
/** How many different addresses of one route with parameters a walk opens (e.g. two workspaces). */
const PER_ROUTE = 2;

interface Problem {
  page: string;
  kind: "console" | "pageerror" | "response";
  text: string;
}

/** Records what a user would never want to see in the console: errors and warnings, uncaught exceptions, server errors. */
function watch(page: Page, problems: Problem[]): { at: string } {
  const where = { at: "(before the first page)" };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push({ page: where.at, kind: "console", text: `${m.type()}: ${m.text()} ${m.location().url ?? ""}`.trim() });
  });
  page.on("pageerror", (e) => problems.push({ page: where.at, kind: "pageerror", text: e.message }));
  page.on("response", (r) => {
    if (r.status() >= 500) problems.push({ page: where.at, kind: "response", text: `${r.status()} ${r.request().method()} ${r.url()}` });
  });
  return where;
}

/** Opens `page` and lets it finish: its code, its API requests and its charts (no request for half a second). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "networkidle" });
  await page.locator("main#main").waitFor();
}

// Issue #15, console noise: a normal walk through every page a user can reach, by every demo role and
// signed out, logs no error or warning in the browser console, throws nothing and meets no server error.
describe(`a walk through every page in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  const walked = new Set<string>();

  beforeAll(async () => {
    demo = await startDemoServer("console-walk");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  /**
   * Follows the links of every page from `start` (breadth first): each route without parameters
   * once, a route with parameters at most PER_ROUTE times. Returns the problems seen on the way.
   */
  async function walk(email: string | null, also: string[] = []): Promise<{ problems: Problem[]; pages: string[] }> {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: Problem[] = [];
    const where = watch(page, problems);
    let start = "/";
    if (email) {
      where.at = "/masuk";
      await open(page, `${demo.url}/masuk`);
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(demo.password(email));
      await page.getByTestId("login-submit").click();
      await page.getByTestId("nav-profile").waitFor();
      await page.waitForLoadState("networkidle");
      start = "/beranda";
    }
    const queue = [start, ...also];
    const seen = new Set(queue);
    const perRoute = new Map<string, number>();
    const pages: string[] = [];
    while (queue.length) {
      const pathname = queue.shift()!;
      where.at = pathname;
      await open(page, `${demo.url}${pathname}`);
      pages.push(pathname);
      walked.add(routeOf(pathname)!);
      const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      for (const href of hrefs) {
        const route = routeOf(href);
        if (route === null || seen.has(href)) continue;
        const max = route.includes(":") ? PER_ROUTE : 1;
        if ((perRoute.get(route) ?? 0) >= max) continue;
        perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
        seen.add(href);
        queue.push(href);
      }
    }
    await context.close();
    return { problems, pages };
  }

  it("signed out: the public pages log nothing", async () => {
    const { problems, pages } = await walk(null);
    expect(pages).toEqual(expect.arrayContaining(["/", "/publik", "/masuk"]));
    expect(problems).toEqual([]);
  }, limit(300_000));

  for (const email of ROLES) {
    it(`${email}: every page reachable from the home page logs nothing`, async () => {
      // The board of one province is chosen with a form, not a link.
      const { problems, pages } = await walk(email, email.startsWith("admin") ? ["/papan-piloting/15"] : []);
      expect(pages.length).toBeGreaterThan(3);
      expect(problems).toEqual([]);
    }, limit(300_000));
  }

  it("together the walks opened every page of the router", () => {
    const missing = ROUTES.filter((r) => !walked.has(r) && !(r in NOT_WALKED));
    expect(missing).toEqual([]);
  });
});

// Issue #15, errors by code and dead ends: what the server answers in English never reaches the
// screen, and an address of an agency that does not exist is a not-found page, not an error to retry.
describe(`error messages and unknown addresses in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;

  beforeAll(async () => {
    demo = await startDemoServer("error-pages");
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  for (const [lang, catalogue] of [
    ["id", id],
    ["en", en],
  ] as const) {
    it(`submitting a self-assessment with indicators left open shows the catalogue's sentence (${lang}), no server English`, async () => {
      const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
      expect((await pageApi(page, "PATCH", "/api/me", { language: lang })).status).toBe(200);
      const { periods } = (await pageApi(page, "GET", "/api/periods")).body as { periods: { assessments: { id: number; agencyCode: string; stage: string }[] }[] };
      const own = periods.flatMap((p) => p.assessments).find((a) => a.agencyCode === "15.71" && a.stage === "mandiri")!;
      await page.goto(`${demo.url}/penilaian/${own.id}`);
      await page.getByTestId("ws-stage").waitFor();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(lang);
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/assessments/${own.id}/submit`) && r.request().method() === "POST");
      await page.getByTestId("ws-submit").click();
      await page.getByTestId("ws-submit-confirm").click();
      // A real 4xx from the server, with its stable code and its English message.
      const res = await answer;
      const body = (await res.json()) as { error: string; message: string; details: { indicators: string[] } };
      expect(res.status()).toBe(400);
      expect(body.error).toBe("indicators_without_level");
      const shown = page.getByTestId("ws-submit-error");
      await shown.waitFor();
      const text = await shown.innerText();
      expect(text).toBe(catalogue.apiErrors.indicators_without_level.replace("{{indicators}}", body.details.indicators.join(", ")));
      expect(text).not.toMatch(/server/i);
      expect(text).not.toContain(body.message);
      // In Indonesian not one English word of the server's message.
      if (lang === "id") for (const word of body.message.match(/[a-z]{3,}/gi)!) expect(text.toLowerCase()).not.toContain(word.toLowerCase());
      await page.close();
    });
  }

  for (const [address, kind, status] of [
    ["/publik/instansi/99.99", "agency", 404],
    ["/publik/provinsi/99", "province", 404],
    ["/publik/instansi/bukan-kode", "agency code", 400],
  ] as const) {
    it(`an unknown ${kind} (${address}) is a not-found page with a way back, no retry; only the API's ${status} itself reaches the console`, async () => {
      const context = await demo.browser.newContext();
      const page = await context.newPage();
      const problems: Problem[] = [];
      watch(page, problems);
      await open(page, `${demo.url}${address}`);
      const notFound = page.getByTestId("not-found");
      await notFound.waitFor();
      expect(await notFound.getByRole("heading", { level: 1 }).innerText()).toBe(id.notFound.title);
      expect(await notFound.getByRole("link").getAttribute("href")).toBe("/");
      expect(await page.getByRole("button", { name: id.errors.retry }).count()).toBe(0);
      expect(await page.title()).toContain(id.notFound.title);
      // Chromium itself logs every 4xx answer as a failed resource; the page adds nothing of its own.
      const isTheAnswer = (p: Problem) => p.kind === "console" && p.text.includes(`Failed to load resource: the server responded with a status of ${status}`);
      expect(problems.filter(isTheAnswer)).toHaveLength(1); // the watcher sees what the walk above would have reported
      expect(problems.filter((p) => !isTheAnswer(p))).toEqual([]);
      await context.close();
    });
  }
});
