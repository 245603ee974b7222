import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseAssessment } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { aspectOfIndicator } from "../../src/server/features/planning/assessment-levels";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";
import { keepScreenshot } from "../helpers/screenshot";

interface Board {
  instrument: string;
  agencies: { code: string; name: string; latestAssessment: { id: number } | null }[];
  weakIndicators: { instrument: string; code: string; agencies: { code: string }[] }[];
}

// The piloting board in the real SPA on a fresh demo install: the province writes recommendations
// to two kab/kota, their Koordinator SPBE plans actions (one overdue), and the Koordinator Provinsi
// of Jambi reads the kab/kota × aspect heat map, the overdue action, the weak indicators shared by
// several kab/kota (checked against the core's analysis) and downloads the XLSX.
describe(`piloting board in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let second = "";
  let secondName = "";

  beforeAll(async () => {
    demo = await startDemoServer("piloting-board");
    const province = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    const board = (await pageApi(province, "GET", "/api/provinces/15/piloting-board")).body as Board;
    const other = board.agencies.find((a) => a.code !== "15.71")!;
    second = other.code;
    secondName = other.name;

    // The demo Koordinator SPBE also coordinates a second kab/kota (granted by the administrator).
    const admin = await demo.signIn("admin@demo.pandu.local");
    const users = (await pageApi(admin, "GET", "/api/users")).body as { users: { id: number; email: string }[] };
    const kspbeId = users.users.find((u) => u.email === "koordinator.spbe@demo.pandu.local")!.id;
    expect((await pageApi(admin, "POST", `/api/users/${kspbeId}/roles`, { role: "koordinator_spbe", agencyCode: second })).status).toBe(201);
    await admin.close();

    // The province's piloting team writes a recommendation to Kota Jambi …
    const rec = await pageApi(province, "POST", "/api/agencies/15.71/recommendations", { text: "Tetapkan kebijakan internal arsitektur SPBE", aspectCodes: ["A1"] });
    expect(rec.status).toBe(201);
    expect((rec.body as { source: string }).source).toBe("tim_pilot_provinsi");
    // … but may not plan the agency's actions.
    expect((await pageApi(province, "POST", `/api/recommendations/${(rec.body as { id: number }).id}/actions`, { title: "Aksi provinsi" })).status).toBe(403);
    await province.close();

    const kspbe = await demo.signIn("koordinator.spbe@demo.pandu.local");
    const recId = (rec.body as { id: number }).id;
    expect((await pageApi(kspbe, "POST", `/api/recommendations/${recId}/actions`, { title: "Perwal Arsitektur SPBE", targetIndicatorCode: "1", status: "done", budget: 12_500_000 })).status).toBe(201);
    expect((await pageApi(kspbe, "POST", `/api/recommendations/${recId}/actions`, { title: "Reviu kebijakan internal", targetIndicatorCode: "2", dueDate: "2020-03-31" })).status).toBe(201);
    // The second kab/kota: a recommendation with its actions in one call.
    const withActions = await pageApi(kspbe, "POST", `/api/agencies/${second}/recommendations`, {
      text: "Bangun tata kelola data bersama",
      actions: [
        { title: "Forum satu data", targetIndicatorCode: "20", status: "in_progress", dueDate: "2999-12-31" },
        { title: "Katalog data", targetIndicatorCode: "21", status: "blocked" },
      ],
    });
    expect(withActions.status).toBe(201);
    await kspbe.close();
  }, limit(180_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("the Koordinator Provinsi of Jambi reads the heat map, the overdue action and shared weak indicators, and downloads the XLSX", async () => {
    const page = await demo.signIn("koordinator.provinsi@demo.pandu.local");
    await page.getByTestId("nav-piloting-board").click();
    await page.getByTestId("board-matrix").waitFor({ state: "attached" });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Papan Piloting");
    const board = (await pageApi(page, "GET", "/api/provinces/15/piloting-board")).body as Board;
    const aspectOf = aspectOfIndicator(bundledInstrument(board.instrument)!);

    // Heat map of kab/kota × aspect: indicators 1 and 2 share an aspect. Besides this test's two actions (one
    // done, one overdue), the demo data already plans two for Kota Jambi there (seed-demo-tasks: one overdue).
    expect(await page.locator("figure.chart").count()).toBeGreaterThan(0);
    const a12 = aspectOf.get("1")!;
    expect(aspectOf.get("2")).toBe(a12);
    const cell = page.getByTestId(`board-cell-15.71-${a12}`);
    expect(await cell.innerText()).toContain("1/4 selesai (25%)");
    expect(await cell.locator(".badge-overdue").innerText()).toBe("2 terlambat");
    const a20 = aspectOf.get("20")!;
    const a21 = aspectOf.get("21")!;
    if (a20 === a21) expect(await page.getByTestId(`board-cell-${second}-${a20}`).innerText()).toContain("0/2 selesai (0%)");
    else for (const a of [a20, a21]) expect(await page.getByTestId(`board-cell-${second}-${a}`).innerText()).toContain("0/1 selesai (0%)");
    expect(await page.getByTestId(`board-cell-${second}-${a12}`).innerText()).toBe("–");

    // The overdue action is highlighted in the status table and listed with its due date.
    expect(await page.getByTestId("board-agency-15.71").locator("td.is-overdue").innerText()).toBe("2");
    expect(await page.getByTestId(`board-agency-${second}`).locator("td.is-overdue").count()).toBe(0);
    const overdueRows = page.getByTestId("board-overdue").locator("tbody tr");
    expect(await overdueRows.count()).toBe(2);
    const reviewRow = overdueRows.filter({ hasText: "Reviu kebijakan internal" });
    expect(await reviewRow.count()).toBe(1);
    expect(await reviewRow.innerText()).toContain("31 Maret 2020");

    // Weak indicators: levels 1–2 (the core's weaknesses) in the latest assessment of two or more kab/kota.
    const shared = new Map<string, string[]>();
    for (const a of board.agencies) {
      if (!a.latestAssessment) continue;
      const analysis = (await pageApi(page, "GET", `/api/assessments/${a.latestAssessment.id}/analysis`)).body as { period: { instrument: string }; levels: Record<string, number>; missing: string[] };
      const inst = bundledInstrument(analysis.period.instrument)!;
      const { weaknesses } = analyseAssessment(inst.instrument, analysis.levels, "exact");
      for (const w of weaknesses) if (!analysis.missing.includes(w.code)) shared.set(w.code, [...(shared.get(w.code) ?? []), a.code]);
    }
    const expected = [...shared.entries()].filter(([, codes]) => codes.length >= 2);
    expect(expected.length).toBeGreaterThan(0);
    const weakRows = page.getByTestId("board-weak").locator("tbody tr");
    expect(await weakRows.count()).toBe(expected.length);
    const shown = await weakRows.evaluateAll((rows) => rows.map((r) => [r.querySelector(".code")?.textContent ?? "", r.querySelectorAll("td")[0]?.textContent ?? ""]));
    expect(new Map(shown.map(([code, count]) => [code, Number(count)]))).toEqual(new Map(expected.map(([code, codes]) => [code, codes.length])));

    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, path.join(demo.shots, `piloting-board-${TEST_DB_KIND}.png`), { fullPage: true });

    // The XLSX download: every action of the province with its status, budget and overdue flag.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("board-xlsx").click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const jambi = board.agencies.find((a) => a.code === "15.71")!.name;
    const all = wb.getWorksheet("Aksi")!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // The demo data's own two actions of Kota Jambi are in it too; the rest are this test's.
    expect(all.filter((r) => String(r[3]).startsWith("DATA DEMO:")).map((r) => r[0])).toEqual(["15.71", "15.71"]);
    const rows = all.filter((r) => !String(r[3]).startsWith("DATA DEMO:"));
    expect(rows).toEqual([
      ["15.71", jambi, "Tetapkan kebijakan internal arsitektur SPBE", "Perwal Arsitektur SPBE", undefined, undefined, "Selesai", 12_500_000, "Tidak"],
      ["15.71", jambi, "Tetapkan kebijakan internal arsitektur SPBE", "Reviu kebijakan internal", undefined, "2020-03-31", "Direncanakan", undefined, "Ya"],
      [second, secondName, "Bangun tata kelola data bersama", "Forum satu data", undefined, "2999-12-31", "Berjalan", undefined, "Tidak"],
      [second, secondName, "Bangun tata kelola data bersama", "Katalog data", undefined, undefined, "Terhambat", undefined, "Tidak"],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    await page.close();
  }, limit(180_000));
});
