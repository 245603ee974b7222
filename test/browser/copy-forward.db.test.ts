import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

interface Ws {
  indicators: { code: string; level: number | null; evidence?: unknown[] }[];
}

// The Koordinator SPBE starts this year's self-assessment from last year's in the workspace: the
// levels come over where nothing was answered yet, a recent document's link comes along, a
// document whose review is too old is named so it can be renewed.
describe(`copy forward in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  const ids: Record<number, number> = {};

  beforeAll(async () => {
    demo = await startDemoServer("copy-forward");
    const admin = await demo.signIn("admin@demo.pandu.local");
    for (const year of [2025, 2026]) {
      const created = await pageApi(admin, "POST", "/api/periods", { name: `Pemantauan Uji Salin ${year}`, year, kind: "pemantauan", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
      expect(created.status).toBe(201);
    }
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; year: number; assessments: { id: number }[] }[] };
    for (const year of [2025, 2026]) ids[year] = periods.periods.find((p) => p.name === `Pemantauan Uji Salin ${year}`)!.assessments[0]!.id;
    await admin.close();
  }, limit(150_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("copies last year's levels and recent evidence links, and names the document left behind", async () => {
    const entri = await demo.signIn("pelaksana.entri@demo.pandu.local");
    for (const [code, level] of [["1", 3], ["2", 4], ["3", 2]] as const) {
      expect((await pageApi(entri, "PUT", `/api/assessments/${ids[2025]}/answers/${code}`, { stage: "mandiri", version: 0, level })).status).toBe(200);
    }
    // Two documents in the library, one reviewed recently and one long ago, linked to indicators 1 and 2.
    const upload = (title: string, reviewDate: string) =>
      entri.evaluate(
        async ({ title, reviewDate }) => {
          const me = (await (await fetch("/api/me")).json()) as { csrfToken: string };
          const form = new FormData();
          form.append("title", title);
          form.append("reviewDate", reviewDate);
          form.append("file", new Blob([`%PDF-1.4\n% ${title}\n%%EOF\n`], { type: "application/pdf" }), `${title}.pdf`);
          const res = await fetch("/api/agencies/15.71/evidence", { method: "POST", headers: { "x-csrf-token": me.csrfToken }, body: form });
          return ((await res.json()) as { id: number }).id;
        },
        { title, reviewDate },
      );
    const recent = await upload("Reviu Kebijakan Internal SPBE", "2026-03-01");
    const old = await upload("Reviu Arsitektur SPBE lama", "2019-03-01");
    expect((await pageApi(entri, "POST", `/api/assessments/${ids[2025]}/answers/1/evidence`, { evidenceId: recent })).status).toBeLessThan(300);
    expect((await pageApi(entri, "POST", `/api/assessments/${ids[2025]}/answers/2/evidence`, { evidenceId: old })).status).toBeLessThan(300);
    // This year indicator 3 is already answered: it must not be overwritten.
    expect((await pageApi(entri, "PUT", `/api/assessments/${ids[2026]}/answers/3`, { stage: "mandiri", version: 0, level: 5 })).status).toBe(200);
    await entri.close();

    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${ids[2026]}`);
    await page.getByTestId("ws-copy-forward").waitFor();
    await page.getByTestId("ws-copy-forward-from").selectOption({ label: "Pemantauan Uji Salin 2025 (2025)" });
    await page.getByTestId("ws-copy-forward-submit").click();
    const done = page.getByTestId("ws-copy-forward-done");
    await done.waitFor();
    const text = await done.innerText();
    expect(text).toContain("2 indikator disalin, 1 tautan bukti dukung ikut");
    expect(text).toContain("Sudah diisi, tidak ditimpa: 3");
    expect(await page.getByTestId("ws-copy-forward-too-old").innerText()).toContain("Reviu Arsitektur SPBE lama");
    expect(await seriousViolations(page)).toEqual([]);

    const ws = (await pageApi(page, "GET", `/api/assessments/${ids[2026]}`)).body as Ws;
    const level = (c: string) => ws.indicators.find((i) => i.code === c)!.level;
    expect([level("1"), level("2"), level("3")]).toEqual([3, 4, 5]);
    await page.close();
  }, limit(120_000));

  it("the Koordinator SPBE adds a unit, gives it indicators, and sees progress per unit", async () => {
    const page = await demo.signIn("koordinator.spbe@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${ids[2026]}`);
    await page.getByTestId("ws-units").waitFor();
    await page.getByTestId("ws-units-new").fill("Dinas Komunikasi dan Informatika Uji");
    await page.getByTestId("ws-units-add").click();
    await expect.poll(() => page.getByTestId("ws-units-unit").locator("option:checked").innerText()).toBe("Dinas Komunikasi dan Informatika Uji");
    await page.getByTestId("ws-units-codes").fill("1, 2, 4");
    await page.getByTestId("ws-units-save").click();
    await page.getByTestId("ws-units-done").waitFor();
    const unitId = ((await pageApi(page, "GET", `/api/assessments/${ids[2026]}`)).body as { indicators: { code: string; unitId: number | null }[] }).indicators.find((i) => i.code === "1")!.unitId;
    expect(unitId).not.toBeNull();
    // Indicators 1 and 2 carry copied levels, 4 is empty: 3 given, 2 filled, 1 with evidence.
    const row = page.getByTestId(`ws-unit-progress-${unitId}`);
    await row.waitFor();
    expect((await row.locator("td").allInnerTexts()).map((s) => s.trim())).toEqual(["3", "2", "0", "1"]);
    expect(await page.getByTestId("ws-unit-progress-none").locator("th").innerText()).toBe("Belum dibagi");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, limit(120_000));
});
