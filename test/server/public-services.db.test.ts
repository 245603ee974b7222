import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { INTERNAL_COMPONENT_KEYS, PUBLIC_COMPONENT_KEYS, SERVICE_COMPONENT_KEYS } from "../../src/core";
import { auditEvents } from "../../src/db/schema";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;

/** A complete standard whose every component names itself, so a leak of any internal one is visible in any answer. */
const complete = (tag: string, decreeNumber = `SK-${tag}`) => ({
  ...Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, `${tag}:${k}`])),
  decreeNumber,
  decreeDate: "2026-03-02",
});
const service = { name: "Akta Kelahiran Uji", summary: "Penerbitan akta kelahiran", sector: "kependudukan", onlineUrl: "https://layanan.example.go.id/akta", atMpp: true, atOffice: true, feeRupiah: 0 };

describe(`service catalogue (Standar Pelayanan) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let kspbe: Session;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
  });
  afterAll(() => t.close());

  it("a draft is edited, kept out of the public catalogue, put in force, and the next version replaces it in one step", async () => {
    const created = await call(t.app, "POST", "/api/agencies/15.71/services", kspbe, service);
    expect(created.statusCode).toBe(201);
    const id = created.json().service.id as number;
    expect(created.json().versions).toMatchObject([{ version: 1, status: "draft" }]);
    expect(created.json().versions[0].missing).toEqual([...SERVICE_COMPONENT_KEYS, "decreeNumber", "decreeDate"]);
    // The same name again is the same address: 409.
    expect((await call(t.app, "POST", "/api/agencies/15.71/services", kspbe, service)).json().error).toBe("service_name_taken");

    // A draft is not public, not even by its id.
    expect((await call(t.app, "GET", `/api/public/services?agency=15.71`, null)).json().services.map((s: { id: number }) => s.id)).not.toContain(id);
    expect((await call(t.app, "GET", `/api/public/services/${id}`, null)).statusCode).toBe(404);

    // Incomplete: refused, naming what is missing.
    const half = { ...complete("v1"), procedure: "  ", decreeNumber: null };
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, kspbe, half)).statusCode).toBe(200);
    const refused = await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions/1/in-force`, kspbe);
    expect([refused.statusCode, refused.json().error, refused.json().details.fields]).toEqual([400, "standard_incomplete", ["procedure", "decreeNumber"]]);

    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, kspbe, complete("v1"))).statusCode).toBe(200);
    const first = await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions/1/in-force`, kspbe);
    expect(first.json()).toEqual({ version: 1, replaced: null });
    // Editing a version in force, or putting it in force again, is refused.
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, kspbe, complete("edit"))).json().error).toBe("standard_not_draft");
    expect((await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions/1/in-force`, kspbe)).json().error).toBe("standard_not_draft");

    const pub = await call(t.app, "GET", `/api/public/services/${id}`, null);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().standard).toMatchObject({ version: 1, decreeNumber: "SK-v1", decreeDate: "2026-03-02" });

    // Version 2: a copy of version 1 without its decree; one draft at a time.
    const draft = await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions`, kspbe);
    expect(draft.statusCode).toBe(201);
    expect(draft.json().versions[0]).toMatchObject({ version: 2, status: "draft", requirements: "v1:requirements", decreeNumber: null, missing: ["decreeNumber", "decreeDate"] });
    expect((await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions`, kspbe)).json().error).toBe("standard_draft_exists");
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/2`, kspbe, complete("v2"))).statusCode).toBe(200);
    // Until it is in force, the public still sees version 1.
    expect((await call(t.app, "GET", `/api/public/services/${id}`, null)).json().standard.components.requirements).toBe("v1:requirements");

    const before = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "service.standard_in_force"))).length;
    expect((await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions/2/in-force`, kspbe)).json()).toEqual({ version: 2, replaced: 1 });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "service.standard_in_force"));
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.changes).toMatchObject({ before: { inForce: 1 }, after: { inForce: 2, decreeNumber: "SK-v2" } });

    const versions = (await call(t.app, "GET", `/api/agencies/15.71/services/${id}`, kspbe)).json().versions;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, "in_force"], [1, "replaced"]]);
    expect(versions[1].replacedAt).not.toBeNull();
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, kspbe, complete("old"))).json().error).toBe("standard_not_draft");
    expect((await call(t.app, "GET", `/api/public/services/${id}`, null)).json().standard).toMatchObject({ version: 2, components: { requirements: "v2:requirements" } });
  });

  it("the public catalogue never carries an internal component, in JSON or CSV, and filters by province, agency, text, sector and channel", async () => {
    const mk = async (agency: string, s: Session, body: object, tag: string) => {
      const id = (await call(t.app, "POST", `/api/agencies/${agency}/services`, s, body)).json().service.id as number;
      await call(t.app, "PUT", `/api/agencies/${agency}/services/${id}/versions/1`, s, complete(tag));
      expect((await call(t.app, "POST", `/api/agencies/${agency}/services/${id}/versions/1/in-force`, s)).statusCode).toBe(200);
      return id;
    };
    const palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
    const jambi = await mk("15.71", kspbe, { name: "Izin Reklame Uji", sector: "perizinan", atOffice: false, atMpp: true, feeRupiah: 150000 }, "reklame");
    const elsewhere = await mk("16.71", palembang, { name: "Izin Reklame Palembang Uji", sector: "perizinan" }, "plg");

    const all = await call(t.app, "GET", "/api/public/services", null);
    expect(all.headers["access-control-allow-origin"]).toBe("*");
    const body = all.body;
    for (const k of INTERNAL_COMPONENT_KEYS) expect(body).not.toContain(`:${k}`);
    for (const k of PUBLIC_COMPONENT_KEYS) expect(body).toContain(`reklame:${k}`);
    const one = all.json().services.find((s: { id: number }) => s.id === jambi);
    expect(Object.keys(one.standard.components).sort()).toEqual([...PUBLIC_COMPONENT_KEYS].sort());

    const ids = async (query: string) => (await call(t.app, "GET", `/api/public/services?${query}`, null)).json().services.map((s: { id: number }) => s.id);
    expect(await ids("province=15")).toContain(jambi);
    expect(await ids("province=15")).not.toContain(elsewhere);
    expect(await ids("agency=16.71")).toEqual([elsewhere]);
    expect(await ids("q=reklame")).toEqual(expect.arrayContaining([jambi, elsewhere]));
    expect(await ids("q=reklame&channel=mpp")).toEqual([jambi]);
    expect(await ids("q=reklame&channel=office")).toEqual([elsewhere]);
    expect(await ids("sector=kesehatan&q=reklame")).toEqual([]);
    expect((await call(t.app, "GET", "/api/public/services?sector=bukan", null)).statusCode).toBe(400);

    const csv = await call(t.app, "GET", "/api/public/services?province=15&format=csv", null);
    expect(csv.headers["content-type"]).toContain("text/csv");
    for (const k of INTERNAL_COMPONENT_KEYS) expect(csv.body).not.toContain(`:${k}`);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === String(jambi))).toMatchObject({ agency_code: "15.71", name: "Izin Reklame Uji", fee_rupiah: "150000", requirements: "reklame:requirements", decree_number: "SK-reklame" });
    expect(Object.keys(rows[0]!)).not.toContain("legal_basis");
  });

  it("the public answer changes as soon as a standard is put in force (cache counter), with an ETag", async () => {
    const first = await call(t.app, "GET", "/api/public/services?agency=15.71&q=Kebersihan", null);
    expect(first.json().services).toEqual([]);
    expect(first.headers.etag).toBeTruthy();
    const id = (await call(t.app, "POST", "/api/agencies/15.71/services", kspbe, { name: "Retribusi Kebersihan Uji", sector: "pajak_retribusi" })).json().service.id;
    await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, kspbe, complete("bersih"));
    expect((await call(t.app, "GET", "/api/public/services?agency=15.71&q=Kebersihan", null)).json().services).toEqual([]);
    await call(t.app, "POST", `/api/agencies/15.71/services/${id}/versions/1/in-force`, kspbe);
    expect((await call(t.app, "GET", "/api/public/services?agency=15.71&q=Kebersihan", null)).json().services.map((s: { id: number }) => s.id)).toEqual([id]);
  });

  it("another agency's services answer 404; staff read but do not write; the unit must be the agency's own", async () => {
    const id = (await call(t.app, "POST", "/api/agencies/15.71/services", kspbe, { name: "Surat Keterangan Uji", sector: "lainnya" })).json().service.id;
    const other = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
    expect((await call(t.app, "GET", `/api/agencies/15.71/services/${id}`, other)).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, other, complete("x"))).statusCode).toBe(404);
    // Its own agency's code with a foreign service id: 404 as well.
    expect((await call(t.app, "GET", `/api/agencies/16.71/services/${id}`, other)).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/agencies/16.71/services/${id}/versions/1/in-force`, other)).statusCode).toBe(404);
    const staff = await sessionFor(t.database, (await makeUser(t.database, "pelaksana_entri", "15.71", null)).id);
    // A reader who neither manages the service nor handles its complaints: no editing, no FAQ editor (its page would answer 404).
    expect((await call(t.app, "GET", `/api/agencies/15.71/services/${id}`, staff)).json().abilities).toEqual({ manage: false, manageFaq: false });
    expect((await call(t.app, "GET", `/api/agencies/15.71/services/${id}/faq`, staff)).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${id}/versions/1`, staff, complete("x"))).statusCode).toBe(403);
    const unit = (await call(t.app, "POST", "/api/agencies/16.71/units", other, { name: "Dinas Uji Palembang" })).json().id;
    const foreign = await call(t.app, "PUT", `/api/agencies/15.71/services/${id}`, kspbe, { name: "Surat Keterangan Uji", sector: "lainnya", unitId: unit });
    expect([foreign.statusCode, foreign.json().error]).toEqual([400, "foreign_unit"]);
  });

  it("the demo catalogue: a dozen services each for Provinsi Jambi and Kota Jambi, marked DATA DEMO, drafts not public, seeded once", async () => {
    const added = await seedDemoServices(t.database.db);
    expect(added).toBe(26);
    expect(await seedDemoServices(t.database.db)).toBe(0);
    const list = (await call(t.app, "GET", "/api/public/services?province=15", null)).json().services as { name: string; summary: string; agency: { code: string }; standard: { decreeNumber: string; version: number } }[];
    const demo = list.filter((s) => s.summary.startsWith("DATA DEMO"));
    expect(demo.filter((s) => s.agency.code === "15")).toHaveLength(12);
    expect(demo.filter((s) => s.agency.code === "15.71")).toHaveLength(12);
    for (const s of demo) expect(s.standard.decreeNumber).toContain("DATA DEMO");
    expect(demo.map((s) => s.name)).not.toContain("Izin Penyelenggaraan Reklame");
    expect(demo.find((s) => s.name === "Penerbitan Kartu Keluarga")!.standard.version).toBe(2);
    const kk = await call(t.app, "GET", "/api/public/services?agency=15.71&q=akta%20kelahiran", null);
    // The search finds the demo service by words of its name (the first test's own "Akta Kelahiran Uji" too).
    expect(kk.json().services.filter((s: { summary: string }) => s.summary.startsWith("DATA DEMO")).map((s: { name: string }) => s.name)).toEqual(["Penerbitan Akta Kelahiran"]);
  });
});
