import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, startDemoServer, type DemoServer } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

const ADMIN = "admin@demo.pandu.local";
const KOORDINATOR = "koordinator.spbe@demo.pandu.local";
const PROVINSI = "koordinator.provinsi@demo.pandu.local";
const ASESOR = "asesor.eksternal@demo.pandu.local";

/** Changed-field lines of the audit table that run past the right edge of their cell. */
function overflowingChanges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=audit-changes] li")].flatMap((li) => {
      const cell = li.closest("td")!.getBoundingClientRect();
      return li.getBoundingClientRect().right > cell.right + 1 ? [li.textContent ?? ""] : [];
    }),
  );
}

/** The changed-field lines as a sighted reader sees them (without the "becomes" said only to screen readers). */
function changeLines(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=audit-changes] li")].map((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".visually-hidden").forEach((e) => e.remove());
      return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
    }),
  );
}

// Issue #15, the admin and role parts: role pickers offer only grantable roles, the Koordinator
// Provinsi assigns external assessors in its province's internal round, and the audit page names
// actions and changes in the reader's language, wrapping inside the table.
describe(`roles and the audit trail in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  const shot = (page: Page, name: string) =>
    keepScreenshot(page, path.join(demo.shots, `admin-roles-${name}-${TEST_DB_KIND}.png`), { fullPage: true });

  beforeAll(async () => {
    demo = await startDemoServer("admin-roles");
  }, 240_000);
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("a Koordinator SPBE is offered only the roles it may grant, in its own agency, and creates a user with one", async () => {
    const page = await demo.signIn(KOORDINATOR);
    await page.goto(`${demo.url}/pengguna`);
    const role = page.getByTestId("new-user-role");
    await role.waitFor();
    const offered = await role.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(["penanggung_jawab", "pelaksana_entri", "asesor_internal", "pimpinan", "petugas_layanan", "pejabat_layanan"]);
    expect(await role.innerText()).not.toContain("Administrator");
    // The agency is a choice among the coordinator's own agencies: Kota Jambi only.
    const agency = page.getByTestId("new-user-agency");
    expect(await agency.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["15.71"]);

    await page.getByTestId("new-user-email").fill("sekretaris.dinas@jambikota.go.id");
    await page.getByTestId("new-user-name").fill("Sekretaris Dinas Kominfo");
    await role.selectOption("penanggung_jawab");
    await page.getByTestId("new-user-submit").click();
    await page.getByTestId("new-user-done").waitFor();
    await expect.poll(() => page.getByTestId("users-table").innerText()).toContain("sekretaris.dinas@jambikota.go.id");
    await shot(page, "users");
    await page.close();
  });

  it("an administrator is offered every role, Administrator included", async () => {
    const page = await demo.signIn(ADMIN);
    await page.goto(`${demo.url}/pengguna`);
    const role = page.getByTestId("new-user-role");
    await role.waitFor();
    expect(await role.locator("option").count()).toBe(11);
    await role.selectOption("administrator");
    expect(await page.getByTestId("new-user-agency").count()).toBe(0);
    await page.close();
  });

  it("the Koordinator Provinsi assigns the external assessor in the province's internal round from the workspace", async () => {
    const page = await demo.signIn(PROVINSI);
    const periods = (await pageApi(page, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number; agencyCode: string }[] }[] };
    const round = periods.periods.find((p) => p.name.includes("DATA DEMO") && p.assessments.some((a) => a.agencyCode === "15.02"))!;
    const id = round.assessments.find((a) => a.agencyCode === "15.02")!.id;
    await page.goto(`${demo.url}/penilaian/${id}`);
    await page.getByTestId("ws-assign-asesor_eksternal-email").fill(ASESOR);
    await page.getByTestId("ws-assign-asesor_eksternal").click();
    await expect.poll(() => page.locator("main").innerText()).toContain(ASESOR);
    await page.close();
    // The assessor now reaches that assessment.
    const assessor = await demo.signIn(ASESOR);
    expect((await pageApi(assessor, "GET", `/api/assessments/${id}`)).status).toBe(200);
    await assessor.close();
  });

  it("the audit page names the action and shows each change as 'field: before → after' inside its cell, in Indonesian and English", async () => {
    const page = await demo.signIn(ADMIN);
    await page.goto(`${demo.url}/audit?action=assessment.assign`);
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    expect(await page.getByTestId("audit-action").first().innerText()).toBe("Asesor ditugaskan");
    const lines = await changeLines(page);
    expect(lines).toContain("Peran: – → Asesor Eksternal");
    expect(lines.join("\n")).not.toMatch(/[{}"]/);
    expect(await overflowingChanges(page)).toEqual([]);
    // On a phone the lines still wrap inside their cells.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => overflowingChanges(page)).toEqual([]);
    await shot(page, "audit-phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The user created in the first test: its roles read as role names, not codes.
    await page.goto(`${demo.url}/audit?action=user.create&agency=15.71`);
    await expect.poll(() => table.innerText()).toContain("sekretaris.dinas@jambikota.go.id");
    expect(await changeLines(page)).toContain("Peran: – → Penanggung Jawab");
    expect(await table.innerText()).not.toMatch(/[{}"]/);

    // The language switch renders the same page in English.
    await page.goto(`${demo.url}/audit?action=assessment.assign`);
    await table.waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByTestId("audit-action").first().innerText()).toBe("Assessor assigned");
    expect(await changeLines(page)).toContain("Role: – → External Assessor");
    await shot(page, "audit-en");
    await page.close();
  });
});
