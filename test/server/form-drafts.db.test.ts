import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/db/schema";
import { createService } from "../../src/db/commands/public-services";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

const field = (key: string, extra: Record<string, unknown> = {}) => ({ type: "text", key, label: { id: key, en: key }, purpose: { id: "Identitas", en: "Identity" }, retentionDays: 365, ...extra });
const definition = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ id: "uji-izin", version: 1, status: "draft", title: { id: "Izin uji", en: "Test permit" }, agency: "15.71", service: "izin-uji", fields, ...extra });

/** The form builder's save: `PUT /api/agencies/:code/forms/:formVersionId` (drafts only, same validation as an upload). */
describe(`form drafts saved by the builder on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let serviceId: number;
  let petugas: Session;
  let otherAgency: Session;
  let kspbe: Session;
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const agencyId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    serviceId = (await createService(t.database.db, SYSTEM, agencyId, { slug: "izin-uji", name: "Izin Uji", summary: "", sector: "perizinan", unitId: null, onlineUrl: null, atMpp: false, atOffice: true, feeRupiah: 0 })).id;
    petugas = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    otherAgency = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.05")).id);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
  });
  afterAll(() => t.close());

  it("saves a draft in place, refuses a bad definition with paths, a published version, another agency and other roles", async () => {
    const up = await call(t.app, "POST", "/api/agencies/15.71/forms", petugas, { definition: definition([field("nama")]) });
    expect(up.statusCode).toBe(201);
    const id = up.json().id as number;

    // A good save replaces the definition; the row's id and version win over the body's.
    const saved = await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, petugas, { definition: definition([field("nama"), field("alamat_usaha", { when: { field: "nama", notEmpty: true } })], { id: "lain", version: 7, title: { id: "Izin uji baru", en: "New test permit" } }) });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ id, version: 1 });
    const list = (await call(t.app, "GET", "/api/agencies/15.71/forms", petugas)).json().forms as { id: number; formId: string; version: number; status: string; serviceId: number | null; createdBy: string | null; definition: { title: { id: string }; fields: unknown[]; id: string; version: number } }[];
    const row = list.find((f) => f.id === id)!;
    expect(row).toMatchObject({ formId: "uji-izin", version: 1, status: "draft", serviceId, createdBy: "Uji petugas_layanan" });
    expect(row.definition).toMatchObject({ id: "uji-izin", version: 1, status: "draft", title: { id: "Izin uji baru" } });
    expect(row.definition.fields).toHaveLength(2);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "form.update"), eq(auditEvents.targetId, String(id))));
    expect(audit).toBeDefined();

    // Every problem at once, each with its path; nothing is written.
    const bad = await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, petugas, { definition: definition([field("nama"), field("nama"), { type: "warp", key: "x", label: { id: "x", en: "x" } }]) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe("form_invalid");
    const problems = bad.json().details.problems as { path: string; code: string }[];
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "fields[1].key", code: "duplicate_key" }), expect.objectContaining({ path: "fields[2].type", code: "unknown_type" })]));
    const after = (await call(t.app, "GET", "/api/agencies/15.71/forms", petugas)).json().forms.find((f: { id: number }) => f.id === id);
    expect(after.definition.fields).toHaveLength(2);
    const foreign = await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, petugas, { definition: definition([field("nama")], { agency: "15.05" }) });
    expect(foreign.json().details.problems).toEqual([{ path: "agency", code: "agency_mismatch" }]);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, petugas, {})).statusCode).toBe(400);

    // Another agency, an unknown version, a role without rights: 404; a published version: 409.
    expect((await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, otherAgency, { definition: definition([field("nama")]) })).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.05/forms/${id}`, otherAgency, { definition: definition([field("nama")], { agency: "15.05" }) })).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/forms/999999`, petugas, { definition: definition([field("nama")]) })).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, kspbe, { definition: definition([field("nama")]) })).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/agencies/15.71/forms/${id}/publish`, petugas)).statusCode).toBe(204);
    const published = await call(t.app, "PUT", `/api/agencies/15.71/forms/${id}`, petugas, { definition: definition([field("nama")]) });
    expect(published.statusCode).toBe(409);
    expect(published.json()).toMatchObject({ error: "form_not_draft", details: { status: "published" } });
    expect((await call(t.app, "GET", `/api/public/services/${serviceId}/form`, null)).json().form.definition.fields).toHaveLength(2);
  });

  it("deletes a draft (audited), never a published version, another agency's or by another role", async () => {
    const ids = async () => ((await call(t.app, "GET", "/api/agencies/15.71/forms", petugas)).json().forms as { id: number }[]).map((f) => f.id);
    const up = await call(t.app, "POST", "/api/agencies/15.71/forms", petugas, { definition: definition([field("nama")], { id: "uji-hapus" }) });
    expect(up.statusCode).toBe(201);
    const id = up.json().id as number;
    const bad = await call(t.app, "DELETE", "/api/agencies/15.71/forms/bukan-angka", petugas);
    expect([bad.statusCode, bad.json().error]).toEqual([400, "validation_error"]);
    expect((await call(t.app, "DELETE", `/api/agencies/15.71/forms/${id}`, otherAgency)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `/api/agencies/15.05/forms/${id}`, otherAgency)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `/api/agencies/15.71/forms/${id}`, kspbe)).statusCode).toBe(404);
    expect(await ids()).toContain(id);

    expect((await call(t.app, "DELETE", `/api/agencies/15.71/forms/${id}`, petugas)).statusCode).toBe(204);
    expect(await ids()).not.toContain(id);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "form.delete"), eq(auditEvents.targetId, String(id))));
    expect(audit!.changes).toMatchObject({ before: { formId: "uji-hapus", version: 1, fields: 1 } });
    expect((await call(t.app, "DELETE", `/api/agencies/15.71/forms/${id}`, petugas)).statusCode).toBe(404);

    const published = (await call(t.app, "GET", "/api/agencies/15.71/forms", petugas)).json().forms.find((f: { status: string; formId: string }) => f.status === "published" && f.formId === "uji-izin");
    const refused = await call(t.app, "DELETE", `/api/agencies/15.71/forms/${published.id}`, petugas);
    expect([refused.statusCode, refused.json().error]).toEqual([409, "form_not_draft"]);
  });
});
