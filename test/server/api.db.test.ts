import { parse } from "csv-parse/sync";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireAccessDeclarations } from "../../src/server/access";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { levelsFor, p59 } from "../helpers/instruments";

describe(`HTTP API on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
  });
  afterAll(() => t.close());
  const get = (url: string) => t.app.inject({ method: "GET", url });

  it("GET /api/health names the database and version", async () => {
    const res = await get("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", db: TEST_DB_KIND, version: "test", checks: { database: "up" } });
  });

  it("lists the kabupaten/kota of a province and never exposes internal ids", async () => {
    const res = await get("/api/agencies?province=15");
    expect(res.statusCode).toBe(200);
    const list = res.json().agencies as Record<string, unknown>[];
    expect(list).toHaveLength(12);
    expect(list.find((a) => a.code === "15.72")).toEqual({
      code: "15.72",
      name: "Pemerintah Kota Sungai Penuh",
      category: "kota",
      regionName: "Kota Sungai Penuh",
      parent: { code: "15", name: "Pemerintah Provinsi Jambi" },
    });
    expect(list.some((a) => "id" in a)).toBe(false);
  });

  it("searches agencies by name or code prefix", async () => {
    const res = await get("/api/agencies?q=sungai%20penuh");
    expect(res.json().agencies.map((a: { code: string }) => a.code)).toEqual(["15.72"]);
    const byCode = await get("/api/agencies?q=15.7");
    expect(byCode.json().agencies.map((a: { code: string }) => a.code)).toEqual(["15.71", "15.72"]);
  });

  it.each([
    ["/api/agencies?province=1", "querystring.province: a two-digit province code, e.g. 15"],
    ["/api/agencies?category=desa", "querystring.category"],
    ["/api/public/results?year=1999", "querystring.year"],
    ["/api/public/results?format=xml", "querystring.format"],
    ["/api/agencies/not%20a%20code", "params.code"],
  ])("GET %s answers 400 with a field message", async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe("validation_error");
    expect(res.json().message).toContain(message);
  });

  it("an unknown agency or route is a 404 in the error format", async () => {
    expect((await get("/api/agencies/99.99")).json()).toEqual({ error: "not_found", message: "agency not found", details: { resource: "agency" } });
    const res = await get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe("not_found");
  });

  it("publishes the 2024 results of Jambi and its kab/kota, highest index first", async () => {
    const res = await get("/api/public/results?year=2024&province=15");
    expect(res.statusCode).toBe(200);
    const results = res.json().results as { agencyCode: string; index: number; predicate: string; nodes: Record<string, number> }[];
    expect(results).toHaveLength(12);
    expect(results[0]).toMatchObject({ agencyCode: "15.71", index: 4.32, predicate: "Memuaskan", nodes: { D1: 5, D2: 4.1, D3: 2.91, D4: 4.76 } });
    // the 2024 Jambi average, by hand from the published table (LAP24 Tabel 22): 36.24 / 12 = 3.02
    const mean = results.reduce((s, r) => s + r.index * 100, 0) / results.length / 100;
    expect(mean).toBeCloseTo(3.02, 10);
  });

  it("serves the same data as CSV with stable columns that round-trip", async () => {
    const res = await get("/api/public/results?year=2024&province=15&format=csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("spbe-results-2024.csv");
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ agency_code: "15.71", d1: "5.00", d4: "4.76", index: "4.32", predicate: "Memuaskan", province_code: "15" });
    const json = (await get("/api/public/results?year=2024&province=15")).json().results as { agencyCode: string; index: number }[];
    expect(rows.map((r) => [r.agency_code, Number(r.index)])).toEqual(json.map((r) => [r.agencyCode, r.index]));
  });

  it("lists instruments and serves one whole", async () => {
    const list = (await get("/api/instruments")).json().instruments as { id: string; status: string; indicatorCount: number }[];
    expect(list.map((i) => [i.id, i.status, i.indicatorCount])).toEqual([
      ["pemdi-2026", "official", 20],
      ["permenpanrb-5-2018", "official", 35],
      ["permenpanrb-59-2020", "official", 47],
    ]);
    const one = (await get("/api/instruments/permenpanrb-59-2020")).json();
    expect(one.tree).toHaveLength(4);
    expect((await get("/api/instruments/tidak-ada")).statusCode).toBe(404);
  });

  it("scores levels with the core and rejects bad levels with the indicator named", async () => {
    const ok = await t.app.inject({ method: "POST", url: "/api/instruments/permenpanrb-59-2020/score", payload: { levels: levelsFor(p59(), () => 4) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ index: 4, indexRounded: 4, predicate: "Sangat Baik", policy: "exact", partial: false });
    const bad = await t.app.inject({ method: "POST", url: "/api/instruments/permenpanrb-59-2020/score", payload: { levels: { ...levelsFor(p59(), () => 4), "7": 9 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: "invalid_level", message: "indicator 7: level 9 is not an integer from 1 to 5" });
    const pemdi = (score: number) => ({ levels: { ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i + 1), 1])), "5": { score } } });
    const scored = await t.app.inject({ method: "POST", url: "/api/instruments/pemdi-2026/score", payload: pemdi(25) });
    expect(scored.json()).toMatchObject({ index: 1.05, predicate: "Kurang" });
    const outOfRange = await t.app.inject({ method: "POST", url: "/api/instruments/pemdi-2026/score", payload: pemdi(-3) });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json()).toMatchObject({ error: "invalid_score", message: "indicator 5: score -3 is outside 0–100 (Indeks Satu Data Indonesia (SDI), Bappenas)" });
    const missing = await t.app.inject({ method: "POST", url: "/api/instruments/permenpanrb-59-2020/score", payload: { levels: { "1": 3 } } });
    expect(missing.json().error).toBe("missing_levels");
    const notJson = await t.app.inject({ method: "POST", url: "/api/instruments/permenpanrb-59-2020/score", headers: { "content-type": "application/json" }, payload: "{nope" });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toBe("bad_request");
  });

  it("publishes an OpenAPI document in which the open routes are marked public", async () => {
    const doc = (await get("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/public/results"].get.security).toEqual([]);
    expect(doc.paths["/api/instruments/{id}/score"].post.requestBody).toBeDefined();
  });

  it("sends security headers", async () => {
    const res = await get("/api/health");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  });
});

describe("route access declarations", () => {
  it("an /api route without a declared access policy cannot be registered", async () => {
    const app = Fastify();
    requireAccessDeclarations(app);
    expect(() => app.get("/api/undeclared", async () => ({}))).toThrow(/declares no access policy/);
    expect(() => app.get("/api/declared", { config: { access: "public" } }, async () => ({}))).not.toThrow();
  });
});
