import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

interface Result {
  year: number;
  agencyCode: string;
  agencyName: string;
  category: string;
  provinceCode: string | null;
  provinceName: string | null;
  instrument: string;
  nodes: Record<string, number>;
  index: number;
  predicate: string;
  source: string;
}
interface Doc {
  results: Result[];
  instruments: { instrument: string; nodes: { code: string }[] }[];
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook sheet read back into the JSON shape, checking each cell's type on the way. */
function sheetRows(sheet: ExcelJS.Worksheet): { header: string[]; rows: Result[] } {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Result[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
    const text = (name: string): string | null => {
      const c = cell(name);
      if (c.type === ExcelJS.ValueType.Null) return null;
      expect(c.type, `${sheet.name} row ${n} ${name}`).toBe(ExcelJS.ValueType.String);
      expect(c.numFmt).toBe("@");
      return c.value as string;
    };
    const nodes: Record<string, number> = {};
    for (const name of header.slice(6, header.indexOf("index"))) {
      const c = cell(name);
      if (c.type === ExcelJS.ValueType.Null) continue;
      expect(c.type, `${sheet.name} row ${n} ${name}`).toBe(ExcelJS.ValueType.Number);
      expect(c.numFmt).toBe("0.00");
      nodes[name.toUpperCase()] = c.value as number;
    }
    expect(cell("year").type).toBe(ExcelJS.ValueType.Number);
    expect(cell("index").type).toBe(ExcelJS.ValueType.Number);
    expect(cell("index").numFmt).toBe("0.00");
    rows.push({
      year: cell("year").value as number,
      agencyCode: text("agency_code")!,
      agencyName: text("agency_name")!,
      category: text("category")!,
      provinceCode: text("province_code"),
      provinceName: text("province_name"),
      instrument: text("instrument")!,
      nodes,
      index: cell("index").value as number,
      predicate: text("predicate")!,
      source: text("source")!,
    });
  });
  return { header, rows };
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe(`open-data files (XLSX, data package) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it("XLSX of every year: one sheet per year with numbers as numbers and codes as text, the same values as the JSON", async () => {
    const res = await get("/api/public/results?format=xlsx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX_TYPE);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="spbe-results.xlsx"');
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const doc = (await get("/api/public/results")).json<Doc>();
    const wb = await readWorkbook(res.rawPayload);
    const years = [...new Set(doc.results.map((r) => r.year))].sort((a, b) => a - b);
    expect(wb.worksheets.map((s) => s.name)).toEqual(years.map(String));
    for (const year of years) {
      const { header, rows } = sheetRows(wb.getWorksheet(String(year))!);
      const expected = doc.results.filter((r) => r.year === year);
      expect(rows).toEqual(expected);
      // The node columns of the year's instruments, as in that year's CSV.
      const csv = (await get(`/api/public/results?year=${year}&format=csv`)).body;
      expect(header.join(",")).toBe(csv.split(/\r?\n/)[0]);
    }
    // A region code with a trailing zero stays as written.
    expect(doc.results.some((r) => /\.\d0$/.test(r.agencyCode))).toBe(true);
  });

  it("XLSX of one year and of a filter: one sheet; an empty answer still opens with its header", async () => {
    const res = await get("/api/public/results?year=2024&format=xlsx");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="spbe-results-2024.xlsx"');
    const wb = await readWorkbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["2024"]);
    const { rows } = sheetRows(wb.getWorksheet("2024")!);
    expect(rows).toEqual((await get("/api/public/results?year=2024")).json<Doc>().results);
    expect(rows).toHaveLength(615);

    const none = await readWorkbook((await get("/api/public/results?year=2024&q=zzzz-nothing&format=xlsx")).rawPayload);
    expect(none.worksheets.map((s) => s.name)).toEqual(["2024"]);
    expect((none.getWorksheet("2024")!.getRow(1).values as unknown[]).slice(1)).toContain("index");
    expect(none.getWorksheet("2024")!.rowCount).toBe(1);
  });

  it("the XLSX answer is prepared once: the same bytes and ETag again, 304 for the held tag", async () => {
    const url = "/api/public/results?year=2023&format=xlsx";
    const first = await get(url);
    const again = await get(url);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0);
    expect((await get(url, { "if-none-match": first.headers.etag as string })).statusCode).toBe(304);
  });

  it("CSV for spreadsheets in Indonesian locale: the same rows with a BOM, semicolons and decimal commas", async () => {
    const plain = parse((await get("/api/public/results?year=2024&format=csv")).body, { columns: true }) as Record<string, string>[];
    const res = await get("/api/public/results?year=2024&format=csv&locale=id");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="spbe-results-2024-id.csv"');
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const rows = parse(res.body, { columns: true, bom: true, delimiter: ";" }) as Record<string, string>[];
    expect(rows).toHaveLength(plain.length);
    rows.forEach((r, i) => {
      const p = plain[i]!;
      for (const [k, v] of Object.entries(p)) {
        if (/^\d+\.\d{2}$/.test(v) && !["agency_code", "province_code"].includes(k)) expect(r[k]).toBe(v.replace(".", ","));
        else expect(r[k]).toBe(v);
      }
    });
  });

  it("datapackage.json describes every year's CSV, XLSX and JSON; each table schema's fields are the file's header", async () => {
    const res = await get("/api/public/datapackage.json", { host: "data.example.go.id" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const pkg = JSON.parse(res.body) as {
      profile: string;
      name: string;
      title: string;
      licenses: { name: string }[];
      temporal: { start: string; end: string };
      publisher: { name: string };
      resources: { name: string; path: string; format: string; schema?: { fields: { name: string; type: string }[]; primaryKey: string[] } }[];
    };
    expect(pkg.profile).toBe("tabular-data-package");
    expect(pkg.name).toMatch(/^[-a-z0-9._/]+$/);
    expect(pkg.title).toContain("SPBE");
    expect(pkg.licenses.map((l) => l.name)).toEqual(["ODbL-1.0"]);
    expect(pkg.publisher.name).toContain("Aparatur Negara");
    const years = (await get("/api/public/years")).json<{ years: { year: number }[] }>().years.map((y) => y.year);
    expect(pkg.temporal).toEqual({ start: String(years[0]), end: String(years.at(-1)) });
    expect(pkg.resources.map((r) => r.name)).toEqual(years.flatMap((y) => [`spbe-results-${y}`, `spbe-results-${y}-xlsx`, `spbe-results-${y}-json`]));
    for (const r of pkg.resources) {
      expect(r.name).toMatch(/^[-a-z0-9._/]+$/);
      expect(r.path.startsWith("http://data.example.go.id/api/public/results?")).toBe(true);
      const file = await get(r.path.slice("http://data.example.go.id".length));
      expect(file.statusCode).toBe(200);
      if (r.format === "json") continue;
      const fields = r.schema!.fields;
      if (r.format === "csv") expect(fields.map((f) => f.name).join(",")).toBe(file.body.split(/\r?\n/)[0]);
      else expect((await readWorkbook(file.rawPayload)).worksheets[0]!.getRow(1).values).toEqual([undefined, ...fields.map((f) => f.name)]);
      const types = Object.fromEntries(fields.map((f) => [f.name, f.type]));
      expect(types).toMatchObject({ year: "integer", agency_code: "string", index: "number", predicate: "string" });
      for (const f of fields) if (/^[ad]\d$/.test(f.name)) expect(f.type).toBe("number");
      expect(r.schema!.primaryKey).toEqual(["year", "agency_code"]);
    }
  });
});
