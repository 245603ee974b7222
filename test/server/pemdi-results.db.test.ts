import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importOfficialResults } from "../../src/db/commands/import-official-results";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { officialResults } from "../../src/db/schema";
import { officialInstrumentOfYear, readCheckedResultsCsv, ResultsCsvError } from "../../src/lib/results-csv";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

/** The documented example of a Pemdi results file (made-up figures for four Jambi agencies). */
const EXAMPLE = path.resolve(__dirname, "../../docs/examples/pemdi-results-2026.csv");
const ASPECTS = ["A1", "A2", "A3", "A4", "A5", "A6", "A7"];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-pemdi-results-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Session = Awaited<ReturnType<typeof sessionFor>>;
interface NodesRow {
  nodes: Record<string, number>;
}
const keys = (r: NodesRow) => Object.keys(r.nodes).sort();

describe(`published Pemdi results in every view on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session;
  const get = (url: string) => t.app.inject({ method: "GET", url });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null)).id);
    // What `pandu results import` does: read, check the columns against 2026's instrument, import.
    const outcome = await importOfficialResults(t.database.db, readCheckedResultsCsv(EXAMPLE), (y) => officialInstrumentOfYear(y)!);
    expect(outcome).toEqual({ imported: 4, unmatched: [] });
  });
  afterAll(() => t.close());

  it("imports the rows under pemdi-2026 with the seven aspects as node values", async () => {
    const [kota] = await agencyIdsByCode(t.database.db, ["15.71"]).then((m) => [m.get("15.71")!]);
    const [row] = await t.database.db.select().from(officialResults).where(eq(officialResults.agencyId, kota!)).then((rs) => rs.filter((r) => r.year === 2026));
    expect(row).toMatchObject({ instrumentId: "pemdi-2026", indexHundredths: 301, predicate: "Baik", nodeValues: { A1: 320, A2: 290, A3: 275, A4: 310, A5: 340, A6: 280, A7: 305 } });
  });

  it("a file whose columns do not fit the year's instrument names every bad row and column and imports nothing", async () => {
    const before = (await t.database.db.select({ n: count() }).from(officialResults))[0]!.n;
    const file = path.join(tmp, "wrong-columns.csv");
    // 2026 rows with the four SPBE domains, and one row with an eighth aspect.
    fs.writeFileSync(
      file,
      "year,category,province,instansi,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan,a1,a2,a3,a4,a5,a6,a7,a8,index,predicate,source_table\n" +
        "2026,kota,Jambi,Pemerintah Kota Jambi,3.00,3.00,3.00,3.00,,,,,,,,,3.00,Baik,uji\n" +
        "2026,kota,Jambi,Pemerintah Kota Sungai Penuh,,,,,2.00,2.00,2.00,2.00,2.00,2.00,2.00,2.00,2.00,Cukup,uji\n" +
        "2024,kota,Jambi,Pemerintah Kota Jambi,5.00,4.10,2.91,4.76,,,,,,,,,4.32,Memuaskan,uji\n",
    );
    let problems: string[] = [];
    try {
      readCheckedResultsCsv(file);
    } catch (e) {
      expect(e).toBeInstanceOf(ResultsCsvError);
      problems = (e as ResultsCsvError).problems;
    }
    expect(problems).toEqual([
      "line 2: column d1_kebijakan: D1 is not a top-level node of pemdi-2026 (2026)",
      "line 2: column d2_tata_kelola: D2 is not a top-level node of pemdi-2026 (2026)",
      "line 2: column d3_manajemen: D3 is not a top-level node of pemdi-2026 (2026)",
      "line 2: column d4_layanan: D4 is not a top-level node of pemdi-2026 (2026)",
      "line 2: no value for A1, A2, A3, A4, A5, A6, A7 of pemdi-2026 (2026)",
      "line 3: column a8: A8 is not a top-level node of pemdi-2026 (2026)",
    ]);
    expect((await t.database.db.select({ n: count() }).from(officialResults))[0]!.n).toBe(before);
  });

  it("the open data of 2026 carries the aspects as columns, never D1–D4, and matches its JSON Schema", async () => {
    const doc = (await get("/api/public/results?year=2026&format=json")).json() as { results: (NodesRow & { instrument: string })[]; instruments: { instrument: string; family: string; nodes: { code: string }[] }[] };
    expect(doc.results).toHaveLength(4);
    for (const r of doc.results) expect(keys(r)).toEqual(ASPECTS);
    expect(doc.instruments.map((i) => [i.instrument, i.family, i.nodes.map((n) => n.code)])).toEqual([["pemdi-2026", "pemdi", ASPECTS]]);
    const schema = z.fromJSONSchema((await get("/api/public/schema/results.json")).json());
    expect(schema.safeParse(doc).success).toBe(true);
    const csv = (await get("/api/public/results?year=2026&format=csv")).body;
    expect(csv.split(/\r?\n/)[0]).toBe("year,agency_code,agency_name,category,province_code,province_name,a1,a2,a3,a4,a5,a6,a7,index,predicate,source,instrument");
    const kota = (parse(csv, { columns: true }) as Record<string, string>[]).find((r) => r.agency_code === "15.71")!;
    expect([kota.a1, kota.a7, kota.index, kota.instrument]).toEqual(["3.20", "3.05", "3.01", "pemdi-2026"]);
  });

  it("the portal's agency and province pages show the seven aspects for 2026 and keep SPBE and Pemdi apart", async () => {
    const agency = (await get("/api/public/agencies/15.71")).json();
    const y2026 = agency.history.find((h: { year: number }) => h.year === 2026);
    const y2024 = agency.history.find((h: { year: number }) => h.year === 2024);
    expect(keys(y2026)).toEqual(ASPECTS);
    expect(keys(y2024)).toEqual(["D1", "D2", "D3", "D4"]);
    expect(agency.instruments.map((i: { instrument: string; family: string }) => [i.instrument, i.family])).toEqual([
      ["permenpanrb-59-2020", "spbe"],
      ["pemdi-2026", "pemdi"],
    ]);
    expect(agency.instruments[1].nodes[6]).toEqual({ code: "A7", kind: "aspect", name: "Kepuasan Pengguna Layanan Digital Pemerintah" });
    const province = (await get("/api/public/provinces/15?year=2026")).json();
    expect(keys(province.provinceResult)).toEqual(ASPECTS);
    expect(province.regencies.map((r: { agencyCode: string }) => r.agencyCode)).toEqual(["15.72", "15.71", "15.01"]);
    expect(province.instruments.map((i: { instrument: string }) => i.instrument)).toEqual(["pemdi-2026"]);
  });

  it("the national view of 2026 lists and averages the aspects", async () => {
    const res = await call(t.app, "GET", "/api/national?year=2026", admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.count).toBe(4);
    expect(body.instruments.map((i: { nodes: { code: string }[] }) => i.nodes.map((n) => n.code))).toEqual([ASPECTS]);
    expect(Object.keys(body.average.nodes)).toEqual(ASPECTS);
    // A1 over the four rows: (2.10 + 3.20 + 1.40 + 4.10) / 4 = 2.70
    expect(body.average.nodes.A1).toBe(2.7);
    for (const a of body.agencies) expect(keys(a)).toEqual(ASPECTS);
  });

  it("the cockpit of 2026 compares the aspects, and its trend names each point's instrument", async () => {
    const res = await call(t.app, "GET", "/api/cockpit/provinces/15?year=2026", admin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nodes.map((n: { code: string }) => n.code)).toEqual(ASPECTS);
    expect(Object.keys(body.averages.province.nodes)).toEqual(ASPECTS);
    const kota = body.agencies.find((a: { code: string }) => a.code === "15.71");
    expect(keys(kota.result)).toEqual(ASPECTS);
    // 2024 (SPBE, 4.32) is no "previous" of a Pemdi index: no change across the break.
    expect([kota.previous, kota.change]).toEqual([null, null]);
    const points = body.trend.series.find((s: { code: string }) => s.code === "15.71").points;
    expect(points.map((p: { year: number; instrument: string }) => [p.year, p.instrument])).toEqual([
      [2022, "permenpanrb-59-2020"],
      [2023, "permenpanrb-59-2020"],
      [2024, "permenpanrb-59-2020"],
      [2026, "pemdi-2026"],
    ]);
    expect(body.instruments.map((i: { instrument: string; family: string }) => [i.instrument, i.family])).toEqual([
      ["pemdi-2026", "pemdi"],
      ["permenpanrb-59-2020", "spbe"],
    ]);
  });

  it("a 2019 result under the 2018 instrument shows its three domains", async () => {
    const [id] = await agencyIdsByCode(t.database.db, ["15"]).then((m) => [m.get("15")!]);
    await t.database.db.insert(officialResults).values({ agencyId: id!, year: 2019, instrumentId: "permenpanrb-5-2018", nodeValues: { D1: 250, D2: 200, D3: 220 }, indexHundredths: 221, predicate: "Cukup", source: "uji" });
    const doc = (await get("/api/public/results?year=2019&format=json")).json();
    expect(keys(doc.results[0])).toEqual(["D1", "D2", "D3"]);
    expect(doc.instruments[0].nodes.map((n: { code: string }) => n.code)).toEqual(["D1", "D2", "D3"]);
    expect((await get("/api/public/results?year=2019&format=csv")).body.split(/\r?\n/)[0]).toBe("year,agency_code,agency_name,category,province_code,province_name,d1,d2,d3,index,predicate,source,instrument");
  });
});
