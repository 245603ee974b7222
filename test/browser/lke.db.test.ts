import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageApi, seriousViolations, startDemoServer, type DemoServer, limit } from "../helpers/browser";
import { TEST_DB_KIND } from "../helpers/test-database";

// The Pelaksana Entri downloads the LKE workbook from the workspace, fills it offline and imports it:
// a bad cell is shown in a table by sheet, row and column (nothing imported), a good workbook changes the answers.
describe(`the LKE workbook in the workspace in Chromium on ${TEST_DB_KIND}`, () => {
  let demo: DemoServer;
  let id = 0;
  beforeAll(async () => {
    demo = await startDemoServer("lke-ui");
    const admin = await demo.signIn("admin@demo.pandu.local");
    const created = await pageApi(admin, "POST", "/api/periods", { name: "Evaluasi Uji LKE", year: 2026, kind: "evaluasi", instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    expect(created.status).toBe(201);
    const periods = (await pageApi(admin, "GET", "/api/periods")).body as { periods: { name: string; assessments: { id: number }[] }[] };
    id = periods.periods.find((p) => p.name === "Evaluasi Uji LKE")!.assessments[0]!.id;
    await admin.close();
  }, limit(150_000));
  afterAll(async () => expect(await demo?.stop()).toBe(0));

  it("downloads the LKE, shows the problems of a bad workbook, imports a good one after confirming", async () => {
    const page = await demo.signIn("pelaksana.entri@demo.pandu.local");
    await page.goto(`${demo.url}/penilaian/${id}`);
    const link = page.getByTestId("ws-lke-download");
    await link.waitFor();
    const res = await page.request.get(new URL((await link.getAttribute("href"))!, demo.url).href);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("LKE")!;
    sheet.getRow(2).getCell(7).value = 4;
    sheet.getRow(3).getCell(7).value = "tiga";
    const upload = async () => {
      await page.getByTestId("ws-lke-file").setInputFiles({ name: "lke.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
      await page.getByTestId("ws-lke-import").click();
      await page.getByTestId("ws-lke-confirm").click();
    };
    await upload();
    const problems = page.getByTestId("ws-lke-problems");
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text).toContain("Tingkat harus berupa angka.");
    expect(text).toMatch(/LKE\s+3\s+G/);
    expect(await seriousViolations(page)).toEqual([]);

    sheet.getRow(3).getCell(7).value = 2;
    await upload();
    await expect.poll(() => page.getByTestId("ws-lke-done").innerText()).toBe("LKE diimpor: 2 jawaban berubah.");
    const ws = (await pageApi(page, "GET", `/api/assessments/${id}`)).body as { indicators: { code: string; level: number | null }[] };
    expect(ws.indicators.slice(0, 3).map((i) => i.level)).toEqual([4, 2, null]);
    await page.close();
  }, limit(120_000));
});
