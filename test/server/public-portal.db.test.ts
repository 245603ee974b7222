import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPublishedResult } from "../../src/core";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { officialResults } from "../../src/db/schema";
import { officialPeriod, resolveInstrument } from "../../src/lib/instrument-files";
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

/** The CSV header documented in docs/open-data.md for the 59/2020 years (node columns d1–d4). */
const DOCUMENTED_HEADER = "year,agency_code,agency_name,category,province_code,province_name,d1,d2,d3,d4,index,predicate,source,instrument";
const FIXED_COLUMNS = ["year", "agency_code", "agency_name", "category", "province_code", "province_name", "index", "predicate", "source", "instrument"];

/** A CSV row read back into the JSON shape, as a consumer following docs/open-data.md would. */
function fromCsv(r: Record<string, string>): Result {
  const nodes: Record<string, number> = {};
  for (const c of Object.keys(r)) if (!FIXED_COLUMNS.includes(c) && r[c] !== "") nodes[c.toUpperCase()] = Number(r[c]);
  return {
    year: Number(r.year),
    agencyCode: r.agency_code!,
    agencyName: r.agency_name!,
    category: r.category!,
    provinceCode: r.province_code || null,
    provinceName: r.province_name || null,
    instrument: r.instrument!,
    nodes,
    index: Number(r.index),
    predicate: r.predicate!,
    source: r.source!,
  };
}

// Kab. Kerinci (15.01) 2023 is withdrawn from publication and Kota Jambi (15.71) gets an unpublished
// 2025 row with a marker source; neither may appear anywhere on the open portal.
const HIDDEN_CODE = "15.01";
const MARKER = "UNPUBLISHED-DRAFT-MARKER";

describe(`public portal API on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const ids = await agencyIdsByCode(t.database.db, [HIDDEN_CODE, "15.71"]);
    await t.database.db
      .update(officialResults)
      .set({ published: false })
      .where(and(eq(officialResults.agencyId, ids.get(HIDDEN_CODE)!), eq(officialResults.year, 2023)));
    await t.database.db.insert(officialResults).values({
      agencyId: ids.get("15.71")!,
      year: 2025,
      instrumentId: "permenpanrb-59-2020",
      nodeValues: { D1: 111, D2: 111, D3: 111, D4: 111 },
      indexHundredths: 111,
      predicate: "Kurang",
      source: MARKER,
      published: false,
    });
  });
  afterAll(() => t.close());

  it("lists the years with published results only, with their counts", async () => {
    const res = await get("/api/public/years");
    expect(res.statusCode).toBe(200);
    // 2021: Provinsi Jambi; 2022: four Jambi rows; 2023: 621 published less the withdrawn one; 2024: 615.
    expect(res.json().years).toEqual([
      { year: 2021, count: 1 },
      { year: 2022, count: 4 },
      { year: 2023, count: 620 },
      { year: 2024, count: 615 },
    ]);
  });

  it("never shows an unpublished result: list, search, instansi, province, CSV and JSON", async () => {
    const bodies = await Promise.all(
      [
        "/api/public/results",
        "/api/public/results?year=2023",
        "/api/public/results?year=2025",
        "/api/public/results?q=kerinci",
        "/api/public/results?year=2023&format=csv",
        "/api/public/results?year=2023&format=json",
        "/api/public/results?format=csv",
        "/api/public/agencies/15.71",
        "/api/public/provinces/15?year=2023",
        "/api/public/provinces/15?year=2025",
      ].map(async (url) => {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        return res.body;
      }),
    );
    for (const body of bodies) expect(body).not.toContain(MARKER);
    expect((await get("/api/public/results?year=2025")).json().results).toEqual([]);
    expect((await get("/api/public/results?q=kerinci")).json().results.map((r: Result) => r.year)).toEqual([2024]);
    const csv2023 = parse((await get("/api/public/results?year=2023&format=csv")).body, { columns: true }) as Record<string, string>[];
    expect(csv2023).toHaveLength(620);
    expect(csv2023.some((r) => r.agency_code === HIDDEN_CODE)).toBe(false);
    const kerinci = (await get(`/api/public/agencies/${HIDDEN_CODE}`)).json();
    expect(kerinci.history.map((h: { year: number }) => h.year)).toEqual([2024]);
    const jambi = (await get("/api/public/agencies/15.71")).json();
    expect(jambi.history.map((h: { year: number }) => h.year)).toEqual([2022, 2023, 2024]);
    const p2023 = (await get("/api/public/provinces/15?year=2023")).json();
    expect(p2023.regencies.map((r: Result) => r.agencyCode)).not.toContain(HIDDEN_CODE);
    const p2024 = (await get("/api/public/provinces/15?year=2024")).json();
    // Its 2023 figure (1.95) is unpublished, so 2024 shows no previous index and no change for it.
    expect(p2024.regencies.find((r: Result) => r.agencyCode === HIDDEN_CODE)).toMatchObject({ index: 2.18, previousIndex: null, change: null });
    expect(p2024.years).not.toContain(2025);
  });

  it("answers without a session and exposes no internal ids or user data", async () => {
    const res = await get("/api/public/agencies/15.71");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.body).not.toMatch(/"(id|agencyId|userId|createdAt|published)"/);
    expect(Object.keys(res.json().agency).sort()).toEqual(["category", "code", "name", "province", "regionName"]);
  });

  it.each([
    "/api/public/results?year=2024",
    "/api/public/results?year=2024&format=csv",
    "/api/public/results?year=2024&format=json",
    "/api/public/years",
    "/api/public/agencies/15.71",
    "/api/public/provinces/15",
    "/api/public/schema/results.json",
  ])("GET %s is cacheable: strong ETag, Cache-Control public, 304 on If-None-Match", async (url) => {
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers["cache-control"]).toMatch(/^public, max-age=\d+$/);
    const again = await get(url, { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect((await get(url, { "if-none-match": `"other", W/${etag}` })).statusCode).toBe(304);
    const stale = await get(url, { "if-none-match": '"not-the-current-tag"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it("public answers are compressed once (brotli, gzip), open to any site, and the same bytes whatever the encoding", async () => {
    const url = "/api/public/results?year=2024";
    const plain = await get(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["access-control-allow-origin"]).toBe("*");
    expect(plain.headers.vary).toBe("Accept-Encoding");
    const br = await get(url, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gz = await get(url, { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    // one answer, one tag: the encoding does not change the ETag, and a 304 stays a 304 compressed
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect((await get(url, { "accept-encoding": "br", "if-none-match": plain.headers.etag as string })).statusCode).toBe(304);
    // a download keeps its file name when it comes from memory
    const csv1 = await get(`${url}&format=csv`);
    const csv2 = await get(`${url}&format=csv`, { "accept-encoding": "gzip" });
    expect(csv2.headers["content-disposition"]).toBe(csv1.headers["content-disposition"]);
    expect(csv2.headers["content-type"]).toBe(csv1.headers["content-type"]);
    expect(gunzipSync(csv2.rawPayload).toString()).toBe(csv1.body);
  });

  it("robots.txt opens the portal to search engines and closes the rest; sitemap.xml lists every published instansi and province", async () => {
    const robots = await get("/robots.txt");
    expect(robots.statusCode).toBe(200);
    expect(robots.headers["content-type"]).toMatch(/^text\/plain/);
    expect(robots.body).toContain("Allow: /publik\n");
    expect(robots.body).toContain("Disallow: /\n");
    expect(robots.body).toMatch(/^Sitemap: http:\/\/localhost(:\d+)?\/sitemap\.xml$/m);
    const sitemap = await get("/sitemap.xml");
    expect(sitemap.headers["content-type"]).toMatch(/^application\/xml/);
    const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(locs).toContain("/publik");
    expect(locs).toContain("/publik/instansi/15.71");
    expect(locs).toContain("/publik/provinsi/15");
    expect(locs).not.toContain("/publik/provinsi/15.71");
    expect(locs.some((p) => p.startsWith("/api") || p.startsWith("/penilaian"))).toBe(false);
  });

  it("errors are not cached", async () => {
    const res = await get("/api/public/agencies/99.99");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: "not_found", message: "agency not found", details: { resource: "agency" } });
    expect(res.headers.etag).toBeUndefined();
  });

  it("open data per year: CSV and JSON files hold the same rows, match the JSON Schema and re-verify with the core", async () => {
    const years = (await get("/api/public/years")).json().years as { year: number; count: number }[];
    const schema = z.fromJSONSchema((await get("/api/public/schema/results.json")).json());
    for (const { year, count } of years) {
      const csvRes = await get(`/api/public/results?year=${year}&format=csv`);
      const jsonRes = await get(`/api/public/results?year=${year}&format=json`);
      expect(csvRes.headers["content-disposition"]).toBe(`attachment; filename="spbe-results-${year}.csv"`);
      expect(jsonRes.headers["content-disposition"]).toBe(`attachment; filename="spbe-results-${year}.json"`);
      expect(csvRes.body.split(/\r?\n/)[0]).toBe(DOCUMENTED_HEADER);
      const doc = jsonRes.json() as { results: Result[] };
      expect(schema.safeParse(doc).success).toBe(true);
      expect(doc.results).toHaveLength(count);
      const csvRows = parse(csvRes.body, { columns: true }) as Record<string, string>[];
      expect(csvRows.map(fromCsv)).toEqual(doc.results);
      const period = officialPeriod(year)!;
      const compiled = resolveInstrument(period.instrument);
      const bad = doc.results
        .map((r, line) => checkPublishedResult(compiled, { line, year, agencyName: r.agencyName, nodeValues: r.nodes, index: r.index, predicate: r.predicate }, period.predicatePolicy))
        .filter((c) => !c.indexOk || !c.predicateOk);
      expect(bad.map((c) => c.row.agencyName)).toEqual([]);
    }
    expect(schema.safeParse({ results: [{ year: 2024 }] }).success).toBe(false);
  });

  it.each([
    ["kab. bungo", ["15.08"]],
    ["Kabupaten Bungo", ["15.08"]],
    ["KAB BUNGO", ["15.08"]],
    ["pemkab bungo", ["15.08"]],
    ["kota jambi", ["15.71"]],
    ["sungai penuh", ["15.72"]],
    ["100%", []],
  ])("searches names case-insensitively: q=%s", async (q, codes) => {
    const res = await get(`/api/public/results?year=2024&q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: Result) => r.agencyCode)).toEqual(codes);
  });

  it("filters by category and rejects bad filters with a field message", async () => {
    const kota = (await get("/api/public/results?year=2024&category=kota&province=15")).json().results as Result[];
    expect(kota.map((r) => r.agencyCode).sort()).toEqual(["15.71", "15.72"]);
    for (const [url, field] of [
      ["/api/public/results?q=a", "querystring.q"],
      ["/api/public/results?category=desa", "querystring.category"],
      ["/api/public/provinces/1", "params.code"],
      ["/api/public/provinces/15?year=1900", "querystring.year"],
      ["/api/public/agencies/bad%20code", "params.code"],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message).toContain(field);
    }
  });

  it("an instansi page has its identity, every published year with its node values, and its rank in its category", async () => {
    const body = (await get("/api/public/agencies/15.71")).json();
    expect(body.agency).toEqual({ code: "15.71", name: "Pemerintah Kota Jambi", category: "kota", regionName: "Kota Jambi", province: { code: "15", name: "Pemerintah Provinsi Jambi" } });
    const y2024 = body.history.find((h: { year: number }) => h.year === 2024);
    expect(y2024).toMatchObject({ index: 4.32, predicate: "Memuaskan", nodes: { D1: 5, D2: 4.1, D3: 2.91, D4: 4.76 } });
    // The rank, recounted from the published list of every kota in 2024.
    const kota = (await get("/api/public/results?year=2024&category=kota")).json().results as Result[];
    expect(y2024.rankOf).toBe(kota.length);
    expect(y2024.rank).toBe(kota.filter((r) => r.index > 4.32).length + 1);
    expect(body.history.find((h: { year: number }) => h.year === 2021)).toBeUndefined();
    const ministry = (await get("/api/public/agencies/KL.K01")).json();
    expect(ministry.agency.province).toBeNull();
    expect(ministry.history.length).toBeGreaterThan(0);
    expect((await get("/api/public/agencies/99.99")).statusCode).toBe(404);
  });

  it("a province page shows the province and its kab/kota for a year with the change since the year before", async () => {
    const latest = (await get("/api/public/provinces/15")).json();
    expect(latest).toMatchObject({ province: { code: "15", name: "Pemerintah Provinsi Jambi", regionName: "Jambi" }, years: [2021, 2022, 2023, 2024], year: 2024, previousYear: 2023 });
    // LAP23 Tabel 21 → LAP24 Tabel 22: Provinsi Jambi 3.31 → 3.05, Kota Jambi 4.27 → 4.32.
    expect(latest.provinceResult).toMatchObject({ agencyCode: "15", index: 3.05, previousIndex: 3.31, change: -0.26, rank: null });
    expect(latest.regencies).toHaveLength(11);
    expect(latest.regencies[0]).toMatchObject({ agencyCode: "15.71", index: 4.32, previousIndex: 4.27, change: 0.05, rank: 1 });
    const indices = latest.regencies.map((r: Result) => r.index);
    expect(indices).toEqual([...indices].sort((a, b) => b - a));
    // Tebo 2.62 and Muaro Jambi 2.62 share a rank.
    const tied = latest.regencies.filter((r: Result) => r.index === 2.62).map((r: { rank: number }) => r.rank);
    expect(tied).toHaveLength(2);
    expect(new Set(tied).size).toBe(1);
    const y2022 = (await get("/api/public/provinces/15?year=2022")).json();
    expect(y2022).toMatchObject({ year: 2022, previousYear: 2021, provinceResult: { index: 2.19, previousIndex: 2.21, change: -0.02 } });
    expect(y2022.regencies.map((r: { agencyCode: string; change: number | null }) => [r.agencyCode, r.change])).toEqual([
      ["15.04", null],
      ["15.71", null],
      ["15.03", null],
    ]);
    const empty = (await get("/api/public/provinces/11?year=2021")).json();
    expect(empty).toMatchObject({ year: 2021, previousYear: null, provinceResult: null, regencies: [] });
    expect((await get("/api/public/provinces/99")).statusCode).toBe(404);
  });

  it("the OpenAPI document lists every portal route as public", async () => {
    const doc = (await get("/api/openapi.json")).json();
    for (const p of ["/api/public/results", "/api/public/years", "/api/public/agencies/{code}", "/api/public/provinces/{code}", "/api/public/schema/results.json"]) {
      expect(doc.paths[p].get.security, p).toEqual([]);
      expect(doc.paths[p].get.tags, p).toEqual(["public"]);
    }
  });

  it("a change to the published data changes the ETag", async () => {
    const before = await get("/api/public/provinces/15");
    const ids = await agencyIdsByCode(t.database.db, ["15.72"]);
    await t.database.db.update(officialResults).set({ published: false }).where(and(eq(officialResults.agencyId, ids.get("15.72")!), eq(officialResults.year, 2024)));
    const after = await get("/api/public/provinces/15", { "if-none-match": before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().regencies.map((r: Result) => r.agencyCode)).not.toContain("15.72");
  });
});
