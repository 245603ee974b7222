import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditEvents, evidenceItemLinks } from "../../src/db/schema";
import { createPeriod } from "../../src/db/commands/create-period";
import { assignToAssessment } from "../../src/db/commands/assign";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { evidenceCountsByIndicator } from "../../src/db/queries/evidence";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { overlapping } from "../helpers/race";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, upload, type EvidenceTestApp } from "../lib/evidence-app";
import { samplePdf } from "../lib/evidence-fixtures";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
type Session = Awaited<ReturnType<typeof sessionFor>>;
interface Item {
  code: string;
  level: number;
  portalCode: string | null;
  evidence: { id: number; title: string; linkedInStage: string }[];
  review: { status: string; note: string | null; stage: string; version: number; reviewedBy: string | null } | null;
  status: string | null;
  rejectedBy: { level: number; itemCode: string } | null;
}

// Pemdi evidence items of one indicator (I4, Kolaborasi, portal codes PG_04_01–03): the agency links
// its files to items during the self-assessment, the assigned external assessor decides on each
// item, and items above a rejected level are rejected automatically.
describe(`Pemdi evidence items on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let koordinator: Session;
  let pimpinan: Session;
  let palembang: Session;
  let asesor: Session;
  let asesor2: Session;
  let unassigned: Session;
  let id = 0;
  let sk = 0;
  let rka = 0;
  let foreign = 0;

  const url = (code = "4", rest = "") => `/api/assessments/${id}/answers/${code}/evidence-items${rest}`;
  const items = async (as: Session = koordinator) => {
    const res = await call(t.app, "GET", url(), as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; abilities: { link: boolean; review: boolean } };
  };
  const item = (list: { items: Item[] }, code: string) => list.items.find((i) => i.code === code)!;
  const audits = async (action: string) => (await t.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
  const pdf = (title: string, as: Session = koordinator, agency = "15.71") => upload(t.app, `/api/agencies/${agency}/evidence`, as, { title }, { name: "bukti.pdf", contentType: "application/pdf", data: samplePdf() }).then((r) => r.json().id as number);
  const review = (as: Session, code: string, status: string, expectedVersion: number, note?: string) => call(t.app, "PUT", url("4", `/${code}/review`), as, { status, expectedVersion, ...(note ? { note } : {}) });

  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: 256 * 1024 });
    const jambi = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi Pemdi 2026", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "pemdi-2026", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [jambi] });
    id = (await t.database.db.select().from(assessments).where(and(eq(assessments.periodId, periodId), eq(assessments.agencyId, jambi))))[0]!.id;
    koordinator = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71", null)).id);
    pimpinan = await sessionFor(t.database, (await makeUser(t.database, "pimpinan", "15.71", null)).id);
    palembang = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "16.71", null)).id);
    const assessors = [await makeUser(t.database, "asesor_eksternal", null, null), await makeUser(t.database, "asesor_eksternal", null, null)];
    for (const a of assessors) await assignToAssessment(t.database.db, SYSTEM, { assessmentId: id, agencyId: jambi, userId: a.id, role: "asesor_eksternal", indicatorCodes: null });
    asesor = await sessionFor(t.database, assessors[0]!.id);
    asesor2 = await sessionFor(t.database, assessors[1]!.id);
    unassigned = await sessionFor(t.database, (await makeUser(t.database, "asesor_eksternal", null, null)).id);
    sk = await pdf("SK Tim Koordinasi Pemdi");
    rka = await pdf("RKA rekap 2026");
    foreign = await pdf("SK Palembang", palembang, "16.71");
  });
  afterAll(() => t.close());

  it("lists the indicator's items per level with their portal codes; the self-assessment team may link, not decide", async () => {
    const list = await items();
    expect(list.items.map((i) => i.code)).toEqual(["L1-01", "L1-02", "L1-03", "L2-01", "L2-02", "L3-01", "L3-02", "L4-01", "L4-02", "L5-01", "L5-02"]);
    expect(list.items.slice(0, 4).map((i) => i.portalCode)).toEqual(["PG_04_01", "PG_04_02", "PG_04_03", null]);
    expect(list.items.every((i) => i.status === null && i.review === null && i.rejectedBy === null && i.evidence.length === 0)).toBe(true);
    expect(list.abilities).toEqual({ link: true, review: false });
    expect((await items(pimpinan)).abilities).toEqual({ link: false, review: false });
    expect((await call(t.app, "GET", url(), palembang)).statusCode).toBe(404);
    expect((await call(t.app, "GET", url(), unassigned)).statusCode).toBe(404);
    expect((await call(t.app, "GET", url("99"), koordinator)).statusCode).toBe(404);
  });

  it("the coordinator links a file to an item during the self-assessment, which links it to the indicator too", async () => {
    const linked = await call(t.app, "PUT", url("4", `/L1-01/evidence/${sk}`), koordinator);
    expect(linked.statusCode, linked.body).toBe(201);
    expect(item(linked.json(), "L1-01").evidence).toEqual([{ id: sk, title: "SK Tim Koordinasi Pemdi", linkedInStage: "mandiri" }]);
    expect((await call(t.app, "PUT", url("4", `/L1-01/evidence/${sk}`), koordinator)).statusCode).toBe(200);
    expect((await call(t.app, "PUT", url("4", `/L1-02/evidence/${rka}`), koordinator)).statusCode).toBe(201);
    expect(await evidenceCountsByIndicator(t.database.db, id)).toEqual({ "4": 2 });
    expect(await audits("evidence_item.link")).toBe(2);
    expect(await audits("evidence.link")).toBe(2);

    const unknown = await call(t.app, "PUT", url("4", `/L9-01/evidence/${sk}`), koordinator);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: "validation_error", details: { field: "params.itemCode" } });
    expect((await call(t.app, "PUT", url("4", `/L1-01/evidence/${foreign}`), koordinator)).statusCode).toBe(404);
    expect((await call(t.app, "PUT", url("4", `/L1-01/evidence/${sk}`), palembang)).statusCode).toBe(404);
    expect((await call(t.app, "PUT", url("4", `/L1-01/evidence/${sk}`), pimpinan)).statusCode).toBe(403);
    expect((await call(t.app, "PUT", url("4", "/L1-01/evidence/x"), koordinator)).statusCode).toBe(400);
  });

  it("unlinking from the item keeps the indicator link; unlinking from the indicator removes the item links", async () => {
    const extra = await pdf("Notulen rapat kolaborasi");
    expect((await call(t.app, "PUT", url("4", `/L1-03/evidence/${extra}`), koordinator)).statusCode).toBe(201);
    expect((await call(t.app, "DELETE", url("4", `/L1-03/evidence/${extra}`), koordinator)).statusCode).toBe(204);
    expect((await call(t.app, "DELETE", url("4", `/L1-03/evidence/${extra}`), koordinator)).statusCode).toBe(404);
    expect(await evidenceCountsByIndicator(t.database.db, id)).toEqual({ "4": 3 });
    expect((await call(t.app, "PUT", url("4", `/L1-03/evidence/${extra}`), koordinator)).statusCode).toBe(201);
    expect((await call(t.app, "DELETE", `/api/assessments/${id}/answers/4/evidence/${extra}`, koordinator)).statusCode).toBe(204);
    expect(await t.database.db.select().from(evidenceItemLinks).where(eq(evidenceItemLinks.evidenceId, extra))).toEqual([]);
    expect(await audits("evidence_item.unlink")).toBe(1);
  });

  it("nobody decides on items during the self-assessment", async () => {
    expect((await review(koordinator, "L1-01", "diterima", 0)).statusCode).toBe(403);
    expect((await review(asesor, "L1-01", "diterima", 0)).statusCode).toBe(403);
  });

  it("in the document review the assessor rejects a level-2 item and every item above level 2 is rejected automatically", async () => {
    await t.database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
    expect((await review(koordinator, "L1-01", "diterima", 0)).statusCode).toBe(403);
    expect((await review(pimpinan, "L1-01", "diterima", 0)).statusCode).toBe(403);
    expect((await review(unassigned, "L1-01", "diterima", 0)).statusCode).toBe(404);
    expect((await review(palembang, "L1-01", "diterima", 0)).statusCode).toBe(404);
    expect((await review(asesor, "L9-01", "diterima", 0)).statusCode).toBe(400);
    expect((await review(asesor, "L1-01", "hilang", 0)).statusCode).toBe(400);
    expect((await items(asesor)).abilities).toEqual({ link: true, review: true });

    expect((await review(asesor, "L1-01", "diterima", 0)).statusCode).toBe(200);
    expect((await review(asesor, "L3-01", "diterima", 0)).statusCode).toBe(200);
    const rejected = await review(asesor, "L2-01", "ditolak", 0, "RKA rekap tanpa rincian kegiatan kolaborasi");
    expect(rejected.statusCode, rejected.body).toBe(200);
    const list = rejected.json();
    expect(item(list, "L1-01")).toMatchObject({ status: "diterima", rejectedBy: null, review: { status: "diterima", stage: "dokumen", version: 1, reviewedBy: "Uji asesor_eksternal" } });
    expect(item(list, "L2-01")).toMatchObject({ status: "ditolak", rejectedBy: null, review: { status: "ditolak", note: "RKA rekap tanpa rincian kegiatan kolaborasi" } });
    expect(item(list, "L2-02")).toMatchObject({ status: null, rejectedBy: null });
    expect(item(list, "L3-01")).toMatchObject({ status: "ditolak", rejectedBy: { level: 2, itemCode: "L2-01" }, review: { status: "diterima" } });
    for (const code of ["L3-02", "L4-01", "L4-02", "L5-01", "L5-02"]) expect(item(list, code), code).toMatchObject({ status: "ditolak", rejectedBy: { level: 2, itemCode: "L2-01" }, review: null });
    // The agency sees the same checklist.
    expect(item(await items(), "L5-02").rejectedBy).toEqual({ level: 2, itemCode: "L2-01" });
    expect(await audits("evidence_item.review")).toBe(3);
  });

  it("a decision saved on a stale version answers 409; changing it to revisi lifts the automatic rejection", async () => {
    const stale = await review(asesor2, "L2-01", "diterima", 0);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: "review_changed", details: { version: 1 } });
    const revised = await review(asesor2, "L2-01", "revisi", 1, "Lengkapi rincian kegiatan");
    expect(revised.statusCode, revised.body).toBe(200);
    expect(item(revised.json(), "L2-01").review).toMatchObject({ status: "revisi", version: 2, note: "Lengkapi rincian kegiatan" });
    expect(item(revised.json(), "L3-01")).toMatchObject({ status: "diterima", rejectedBy: null });
    expect(item(revised.json(), "L5-02")).toMatchObject({ status: null, rejectedBy: null });
  });

  it("two assessors deciding the same item at once: one is saved, the other gets 409", async () => {
    const res = await overlapping(t.database, "15.71", [() => review(asesor, "L2-02", "diterima", 0), () => review(asesor2, "L2-02", "ditolak", 0)]);
    expect(res.map((r) => r.statusCode).sort(), res.map((r) => r.body).join("\n")).toEqual([200, 409]);
    expect(res.find((r) => r.statusCode === 409)!.json()).toMatchObject({ error: "review_changed" });
    expect(item(await items(), "L2-02").review?.version).toBe(1);
  });

  it("the assessor links what they found in the document review; the self-assessment's item links stay", async () => {
    const found = await pdf("MoU kolaborasi antarinstansi");
    expect((await call(t.app, "PUT", url("4", `/L2-02/evidence/${found}`), asesor)).statusCode).toBe(201);
    const closed = await call(t.app, "DELETE", url("4", `/L1-01/evidence/${sk}`), asesor);
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ error: "stage_closed" });
    expect((await call(t.app, "PUT", url("4", `/L2-02/evidence/${found}`), koordinator)).statusCode).toBe(403);
  });

  it("after the final stage nobody decides any more", async () => {
    await t.database.db.update(assessments).set({ stage: "final" }).where(eq(assessments.id, id));
    expect((await review(asesor, "L1-02", "diterima", 0)).statusCode).toBe(403);
    expect((await items(asesor)).abilities).toEqual({ link: false, review: false });
  });
});
