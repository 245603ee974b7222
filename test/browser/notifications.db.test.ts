import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

const ADMIN = "admin@demo.pandu.local";
const KOORDINATOR = "koordinator.spbe@demo.pandu.local";

/** An ISO day `offset` days from today in Indonesian (WIB) time, the day the server judges windows on. */
function dayFromToday(offset: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}
const longDate = (iso: string) => new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

// The notification bell, /notifikasi and the stage schedule in the real SPA: an evaluator's
// clarification reaches the agency's coordinator, who sees the count, opens the list, follows the
// link and sees the count drop; the administrator changes a stage's dates on the period page and the
// workspace header shows them.
describe(`notifications and stage schedules in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let id = 0;
  let periodId = 0;
  let admin: Page;
  let coordinator: Page;
  const shot = (page: Page, name: string) => keepScreenshot(page, path.join(demo.shots, `notifications-${name}-${TEST_DB_KIND}.png`), { fullPage: false });
  const count = (page: Page) => page.getByTestId("notification-count").textContent();
  const ask = async (indicator: string, body: string) => expect((await pageApi(admin, "POST", `/api/assessments/${id}/clarifications/${indicator}/messages`, { body })).status).toBe(201);

  beforeAll(async () => {
    demo = await startDemoServer("notifications");
    admin = await demo.signIn(ADMIN);
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji Notifikasi", year: 2026, kind: "evaluasi", withVisit: false, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    periodId = (created.body as { id: number }).id;
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { id: number; assessments: { id: number }[] }[] };
    id = periods.periods.find((p) => p.id === periodId)!.assessments[0]!.id;
    coordinator = await demo.signIn(KOORDINATOR);
    // Whatever the demo data left unread does not count for this test.
    await pageApi(coordinator, "POST", "/api/notifications/read-all");
  }, limit(240_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("a clarification shows on the bell; the list links to its thread and reading it lowers the count", async () => {
    await ask("7", "Mohon unggah SK Tim Koordinasi SPBE yang berlaku.");
    await coordinator.goto(`${demo.url}/penilaian`);
    const bell = coordinator.getByTestId("notification-bell");
    await expect.poll(() => count(coordinator)).toBe("1");
    expect(await bell.getAttribute("aria-label")).toBe("Notifikasi, 1 belum dibaca");
    // Keyboard: the bell is a link reached and followed with the keyboard.
    await bell.focus();
    await coordinator.keyboard.press("Enter");
    await coordinator.waitForURL(/\/notifikasi$/);
    const list = coordinator.getByTestId("notification-list");
    await list.waitFor();
    const link = list.locator("a", { hasText: "indikator 7" });
    expect(await link.textContent()).toContain("Mohon unggah SK Tim Koordinasi SPBE");
    expect(await list.locator("time").first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2}$/);
    expect(await seriousViolations(coordinator)).toEqual([]);
    await shot(coordinator, "list");
    await link.click();
    await coordinator.waitForURL((u) => u.pathname === `/penilaian/${id}` && u.searchParams.get("klarifikasi") === "7");
    // The workspace opened (its clarification panel may cover the header, so only attached is asked).
    await coordinator.getByTestId("ws-schedule").waitFor({ state: "attached" });
    await expect.poll(() => count(coordinator)).toBe("0");
    expect(await coordinator.getByTestId("notification-bell").getAttribute("aria-label")).toBe("Notifikasi, tidak ada yang belum dibaca");
  });

  it("'Tandai dibaca' marks one, 'Tandai semua dibaca' the rest; 'Muat lebih banyak' pages on", async () => {
    for (let n = 8; n <= 30; n++) await ask(String(n), `Pertanyaan tentang indikator ${n}.`);
    await coordinator.goto(`${demo.url}/notifikasi`);
    await expect.poll(() => count(coordinator)).toBe("23");
    const items = coordinator.getByTestId("notification-list").locator("> li");
    await expect.poll(() => items.count()).toBe(20);
    await coordinator.getByTestId("notifications-more").click();
    // 24 in all: 23 unread, then the one read in the previous test.
    await expect.poll(() => items.count()).toBe(24);
    expect(await items.last().getAttribute("data-read")).toBe("true");
    expect(await coordinator.getByTestId("notifications-more").count()).toBe(0);
    const first = items.first();
    await first.getByRole("button", { name: /^Tandai dibaca/ }).click();
    await expect.poll(() => first.getAttribute("data-read")).toBe("true");
    await expect.poll(() => count(coordinator)).toBe("22");
    await coordinator.getByTestId("notifications-mark-all").click();
    await coordinator.getByTestId("notifications-marked").waitFor();
    expect(await coordinator.getByTestId("notifications-marked").textContent()).toContain("22");
    await expect.poll(() => count(coordinator)).toBe("0");
    expect((await pageApi(coordinator, "GET", "/api/notifications/unread-count")).body).toEqual({ unread: 0 });
  });

  it("the administrator edits a stage's dates, with errors per field; the workspace header shows the new dates", async () => {
    const [opens, closes] = [dayFromToday(-5), dayFromToday(10)];
    await admin.goto(`${demo.url}/penilaian`);
    const schedule = admin.getByTestId(`period-schedule-${periodId}`);
    await schedule.locator("summary").click();
    await admin.getByTestId(`schedule-edit-${periodId}-mandiri`).click();
    // Closing before opening: the closing field says so, and nothing is saved.
    await admin.getByTestId("schedule-opens-mandiri").fill(closes);
    await admin.getByTestId("schedule-closes-mandiri").fill(opens);
    await admin.getByTestId("schedule-save-mandiri").click();
    const closesError = admin.getByTestId("schedule-closes-mandiri-error");
    await closesError.waitFor();
    expect(await closesError.textContent()).toBe("Tanggal tutup harus sama dengan atau sesudah tanggal buka.");
    expect(await admin.getByTestId("schedule-closes-mandiri").getAttribute("aria-invalid")).toBe("true");
    expect(await admin.getByTestId("schedule-opens-mandiri-error").count()).toBe(0);
    await admin.getByTestId("schedule-opens-mandiri").fill(opens);
    await admin.getByTestId("schedule-closes-mandiri").fill(closes);
    await admin.getByTestId("schedule-save-mandiri").click();
    await admin.getByTestId(`schedule-saved-${periodId}`).waitFor();
    expect(await admin.getByTestId(`schedule-row-${periodId}-mandiri`).textContent()).toContain(longDate(closes));
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, "schedule");

    await coordinator.goto(`${demo.url}/penilaian/${id}`);
    const header = coordinator.getByTestId("ws-schedule");
    await header.waitFor();
    expect(await header.getAttribute("data-state")).toBe("open");
    expect(await coordinator.getByTestId("ws-schedule-dates").textContent()).toBe(`${longDate(opens)} – ${longDate(closes)}`);
    expect(await coordinator.getByTestId("ws-schedule-when").textContent()).toBe("sisa 10 hari");
    // The stage not yet open: "dibuka pada …".
    expect((await pageApi(admin, "PUT", `/api/periods/${periodId}/schedule`, { stage: "mandiri", opens: dayFromToday(3), closes: dayFromToday(20) })).status).toBe(200);
    await coordinator.reload();
    await expect.poll(() => coordinator.getByTestId("ws-schedule-when").textContent()).toBe(`dibuka pada ${longDate(dayFromToday(3))}`);
    await shot(coordinator, "workspace-header");
    // Dates set by mistake are removed after an inline confirmation: the stage is unscheduled again.
    await admin.reload();
    await schedule.locator("summary").click();
    await admin.getByTestId(`schedule-edit-${periodId}-mandiri`).click();
    await admin.getByTestId("schedule-remove-mandiri").click();
    await admin.getByTestId("schedule-remove-mandiri-confirm").click();
    await expect.poll(() => admin.getByTestId(`schedule-saved-${periodId}`).textContent().catch(() => "")).toContain("dihapus");
    expect(await admin.getByTestId(`schedule-row-${periodId}-mandiri`).textContent()).toContain("Tanpa jadwal");
    await coordinator.reload();
    await expect.poll(() => coordinator.getByTestId("ws-schedule").getAttribute("data-state").catch(() => null)).toBe("unscheduled");
  });

  it("the review team finds the evidence library in the menu and reads an agency's library without uploading", async () => {
    const reviewer = await demo.signIn("tim.reviu@demo.pandu.local");
    await reviewer.getByTestId("nav-evidence").click();
    await reviewer.getByTestId("evidence-agency").fill("15.71");
    await reviewer.getByTestId("evidence-agency-open").click();
    await reviewer.waitForURL(/\/bukti\?instansi=15\.71$/);
    await reviewer.getByTestId("evidence-read-only").waitFor();
    expect(await reviewer.getByTestId("evidence-total").count()).toBe(1);
    await reviewer.close();
  });
});
