import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaintAttachments, complaintIdentityAccess, complaints, complaintTransitions, notifications, units } from "../../src/db/schema";
import { seedDemoComplaints } from "../../src/db/commands/seed-demo-complaints";
import { complaintWorkflow } from "../../src/server/features/complaints/complaint-workflow";
import { runComplaintReminders, runComplaintRetention } from "../../src/server/features/complaints/complaint-jobs";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { overlapping } from "../helpers/race";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const complaint = (extra: Record<string, unknown> = {}) => ({
  category: "waktu",
  title: "KTP elektronik belum jadi",
  description: "Sudah tiga minggu sejak perekaman, KTP elektronik saya belum juga dicetak tanpa penjelasan.",
  name: "Siti Rahma",
  email: "siti@example.id",
  phone: "0812 3456 7890",
  ...extra,
});
/** WIB wall-clock time → the instant. */
const wib = (dayTime: string) => new Date(`${dayTime}:00+07:00`);

describe(`complaints (SP4N-LAPOR!) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = wib("2026-01-14T10:00");
  let petugas: Session;
  let petugasId: number;
  let pejabatId: number;
  let petugas2: Session;
  let pejabat: Session;
  let kspbe: Session;
  let otherAgency: Session;
  let unitId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
    petugasId = (await makeUser(t.database, "petugas_layanan", "15.71")).id;
    petugas = await sessionFor(t.database, petugasId);
    petugas2 = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    pejabatId = (await makeUser(t.database, "pejabat_layanan", "15.71")).id;
    pejabat = await sessionFor(t.database, pejabatId);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
    otherAgency = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15")).id);
    const agencyId = (await agencyIdsByCode(t.database.db, ["15.71"])).get("15.71")!;
    [{ id: unitId }] = (await t.database.db.insert(units).values({ agencyId, name: "Dinas Kependudukan dan Pencatatan Sipil (uji)" }).returning({ id: units.id })) as [{ id: number }];
  });
  afterAll(() => t.close());

  const counts = async () => ({ complaints: (await t.database.db.select().from(complaints)).length, attachments: (await t.database.db.select().from(complaintAttachments)).length });

  it("refuses bad input with 400 naming the field, and stores nothing", async () => {
    const before = await counts();
    const oversized = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 1)]);
    const disguised = Buffer.from("MZ\x90\x00 this is an executable pretending to be a PDF", "latin1");
    const cases: [Record<string, unknown>, number, string, string][] = [
      [complaint({ attachments: [{ fileName: "foto.png", contentBase64: PNG.toString("base64") }, { fileName: "besar.png", contentBase64: oversized.toString("base64") }] }), 400, "attachment_too_large", "attachments.1"],
      [complaint({ attachments: [{ fileName: "surat.pdf", contentBase64: disguised.toString("base64") }] }), 400, "attachment_type_not_allowed", "attachments.0"],
      [complaint({ title: undefined }), 400, "validation_error", "body.title"],
      [complaint({ category: "lain" }), 400, "validation_error", "body.category"],
      [complaint({ name: null }), 400, "validation_error", "body.name"],
      [complaint({ email: "bukan-email" }), 400, "validation_error", "body.email"],
      [complaint({ anonymous: true, confidential: true, name: null, email: null, phone: null }), 400, "validation_error", "body.confidential"],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, body);
      expect([res.statusCode, res.json().error, res.json().details?.field], JSON.stringify(res.json())).toEqual([status, code, field]);
    }
    expect(await counts()).toEqual(before);
    // A service of another agency is refused too.
    await seedDemoServices(t.database.db);
    const services = (await call(t.app, "GET", "/api/public/services?agency=15", null)).json().services as { id: number }[];
    const foreign = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint({ serviceId: services[0]!.id }));
    expect([foreign.statusCode, foreign.json().error, foreign.json().details.field]).toEqual([400, "foreign_service", "serviceId"]);
    // The honeypot answers like a success and stores nothing.
    const bot = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint({ website: "http://spam.example" }));
    expect(bot.statusCode).toBe(201);
    expect(await counts()).toEqual(before);
  });

  it("runs the LAPOR! workflow through the API with deadlines across a holiday and a weekend", async () => {
    clock = wib("2026-01-14T10:00"); // Wednesday; Friday 16 January is Isra Mikraj
    const filed = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint({ confidential: true, attachments: [{ fileName: "bukti.png", contentBase64: PNG.toString("base64") }] }));
    expect(filed.statusCode).toBe(201);
    const { trackingNumber, checkValue } = filed.json();
    expect(trackingNumber).toMatch(/^ADU-[2-9A-Z]{10}$/);
    const track = (check = checkValue) => call(t.app, "POST", "/api/public/complaints/track", null, { trackingNumber, checkValue: check });
    expect((await track("SALAH1")).statusCode).toBe(404);
    let seen = (await track()).json();
    // Verification: 3 working days after Wednesday 14 Jan = Thu 15, (Fri 16 holiday, weekend), Mon 19, Tue 20.
    expect(seen).toMatchObject({ state: "received", stateSla: { deadline: "2026-01-20", status: "on_track", daysLeft: 3 }, answer: null });

    const inbox = async (sla: string) => (await call(t.app, "GET", `/api/agencies/15.71/complaints?sla=${sla}`, petugas)).json().complaints.map((c: { trackingNumber: string }) => c.trackingNumber);
    clock = wib("2026-01-15T09:00");
    expect(await inbox("on_track")).toContain(trackingNumber);
    clock = wib("2026-01-19T09:00");
    expect(await inbox("due_soon")).toContain(trackingNumber);
    expect(await inbox("on_track")).not.toContain(trackingNumber);
    clock = wib("2026-01-21T09:00");
    expect(await inbox("breached")).toContain(trackingNumber);
    clock = wib("2026-01-19T11:00");

    const list = (await call(t.app, "GET", "/api/agencies/15.71/complaints", petugas)).json().complaints as { id: number; trackingNumber: string }[];
    const id = list.find((c) => c.trackingNumber === trackingNumber)!.id;
    const act = (as: Session, body: Record<string, unknown>) => call(t.app, "POST", `/api/agencies/15.71/complaints/${id}/actions`, as, body);

    // Confidential: no identity on the page; a view on request is logged.
    const detail = (await call(t.app, "GET", `/api/agencies/15.71/complaints/${id}`, petugas)).json();
    expect(detail.reporter).toBeNull();
    expect(detail.attachments).toMatchObject([{ fileName: "bukti.png", fileType: "png" }]);
    expect((await call(t.app, "POST", `/api/agencies/15.71/complaints/${id}/identity`, kspbe, { reason: "ingin tahu" })).statusCode).toBe(403);
    const who = await call(t.app, "POST", `/api/agencies/15.71/complaints/${id}/identity`, petugas, { reason: "menghubungi pelapor" });
    expect(who.json()).toMatchObject({ name: "Siti Rahma", email: "siti@example.id" });
    expect(await t.database.db.select().from(complaintIdentityAccess).where(eq(complaintIdentityAccess.complaintId, id))).toHaveLength(1);
    expect((await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "complaint.identity_viewed"))).map((e) => e.targetId)).toContain(String(id));
    expect((await call(t.app, "GET", `/api/agencies/15.71/complaints/${id}`, petugas)).json().identityViews).toHaveLength(1);

    // Not allowed now: the engine's code and status.
    const early = await act(pejabat, { action: "post_answer", answer: "x" });
    expect([early.statusCode, early.json().error]).toEqual([409, "action_not_allowed_in_state"]);
    const noReason = await act(petugas, { action: "not_authority" });
    expect([noReason.statusCode, noReason.json().error]).toEqual([400, "reason_required"]);
    expect((await act(kspbe, { action: "verify" })).statusCode).toBe(403);

    // Verify and forward (Monday 19 Jan) → follow-up, 5 working days afresh: Tue 20 … Mon 26.
    const verified = await act(petugas, { action: "verify", dispositionUnitId: unitId });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ state: "follow_up", dispositionUnit: { id: unitId }, stateSla: { deadline: "2026-01-26" } });

    // Two officers claim at once: one wins, the other gets 409.
    const claims = await overlapping(t.database, "15.71", [() => act(petugas, { action: "claim" }), () => act(petugas2, { action: "claim" })]);
    expect(claims.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(claims.find((r) => r.statusCode === 409)!.json().error).toBe("already_claimed");

    // The answer is the official's (pejabat_berwenang): a service officer is refused 403.
    const byOfficer = await act(petugas, { action: "post_answer", answer: "Sudah dicetak." });
    expect([byOfficer.statusCode, byOfficer.json().error]).toEqual([403, "role_not_allowed"]);
    clock = wib("2026-01-22T14:00");
    const answered = await act(pejabat, { action: "post_answer", answer: "KTP elektronik Anda sudah dicetak dan dapat diambil di kantor Disdukcapil." });
    expect(answered.json()).toMatchObject({ state: "answered", answer: expect.stringContaining("sudah dicetak") });

    seen = (await track()).json();
    expect(seen).toMatchObject({ state: "answered", stateSla: null, answer: expect.stringContaining("sudah dicetak") });
    expect(seen.actions.map((a: { action: string }) => a.action).sort()).toEqual(["accept_answer", "reply"]);
    // A reporter's action from the wrong state is refused; accepting finishes the complaint.
    const wrong = await call(t.app, "POST", "/api/public/complaints/track/actions", null, { trackingNumber, checkValue, action: "provide_details" });
    expect([wrong.statusCode, wrong.json().error]).toEqual([409, "action_not_allowed_in_state"]);
    const done = await call(t.app, "POST", "/api/public/complaints/track/actions", null, { trackingNumber, checkValue, action: "accept_answer" });
    expect(done.json()).toMatchObject({ state: "finished", terminal: true });
    const history = await t.database.db.select().from(complaintTransitions).where(eq(complaintTransitions.complaintId, id));
    expect(history.map((h) => h.action)).toEqual(["start", "verify", "claim", "post_answer", "accept_answer"]);
    const audits = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetType, "complaint"))).filter((e) => e.targetId === String(id)).map((e) => e.action);
    expect(audits).toEqual(expect.arrayContaining(["complaint.file", "complaint.verify", "complaint.claim", "complaint.post_answer", "complaint.accept_answer"]));
  });

  it("keeps complaints inside their agency, and shows a citizen their own", async () => {
    clock = wib("2026-02-02T09:00");
    const citizen = await citizenSessionFor(t.database);
    const filed = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", citizen, complaint({ name: "Budi" }));
    expect(filed.statusCode).toBe(201);
    const mine = await call(t.app, "GET", "/api/citizen/complaints", citizen);
    expect(mine.json().complaints.map((c: { trackingNumber: string }) => c.trackingNumber)).toEqual([filed.json().trackingNumber]);
    expect((await call(t.app, "GET", "/api/citizen/complaints", null)).statusCode).toBe(401);

    const list = (await call(t.app, "GET", "/api/agencies/15.71/complaints", kspbe)).json();
    expect(list.abilities.handle).toBe(false);
    const id = list.complaints[0].id as number;
    expect((await call(t.app, "GET", "/api/agencies/15.71/complaints", otherAgency)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/agencies/15.71/complaints/${id}`, otherAgency)).statusCode).toBe(404);
    expect((await call(t.app, "POST", `/api/agencies/15.71/complaints/${id}/actions`, otherAgency, { action: "claim" })).statusCode).toBe(404);
    // Its own agency's inbox does not list 15.71's complaint, nor reach it by id.
    expect((await call(t.app, "GET", "/api/agencies/15/complaints", otherAgency)).json().complaints).toEqual([]);
    expect((await call(t.app, "GET", `/api/agencies/15/complaints/${id}`, otherAgency)).statusCode).toBe(404);

    // LAPOR! cross-reference.
    const lapor = await call(t.app, "PUT", `/api/agencies/15.71/complaints/${id}/lapor`, petugas, { laporTrackingId: "LAPOR-1234567" });
    expect(lapor.json().laporTrackingId).toBe("LAPOR-1234567");
  });

  it("keeps a FAQ per service, public for services in force", async () => {
    const res = await call(t.app, "GET", "/api/public/services?agency=15.71", null);
    const services = res.json().services as { id: number }[];
    expect(services.length, res.body).toBeGreaterThan(0);
    const sid = services[0]!.id;
    const entries = [{ question: "Berapa lama prosesnya?", answer: "Tiga hari kerja sejak berkas lengkap." }];
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${sid}/faq`, otherAgency, { entries })).statusCode).toBe(404);
    expect((await call(t.app, "PUT", `/api/agencies/15.71/services/${sid}/faq`, petugas, { entries })).json()).toEqual({ entries });
    expect((await call(t.app, "GET", `/api/public/services/${sid}/faq`, null)).json()).toMatchObject({ service: { id: sid }, entries });
  });

  it("reminds before a breach and escalates at it, once per state visit (injected clock)", async () => {
    clock = wib("2026-03-02T08:00"); // Monday: verification due Thursday 5 March
    const { trackingNumber } = (await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint({ anonymous: true, name: null, email: null, phone: null }))).json();
    const notes = async (kind: string) => (await t.database.db.select().from(notifications).where(eq(notifications.kind, kind))).filter((n) => n.params.trackingNumber === trackingNumber).map((n) => n.userId);
    await runComplaintReminders(t.context, wib("2026-03-03T08:00"));
    expect(await notes("complaint.due_soon")).toEqual([]);
    await runComplaintReminders(t.context, wib("2026-03-04T08:00"));
    const dueSoon = await notes("complaint.due_soon");
    expect(dueSoon).toEqual(expect.arrayContaining([petugasId, pejabatId]));
    await runComplaintReminders(t.context, wib("2026-03-04T15:00"));
    expect(await notes("complaint.due_soon")).toHaveLength(dueSoon.length);
    await runComplaintReminders(t.context, wib("2026-03-06T08:00"));
    await runComplaintReminders(t.context, wib("2026-03-06T09:00"));
    const breached = await notes("complaint.breached");
    expect(breached).toContain(pejabatId);
    expect(breached).not.toContain(petugasId);
    expect(new Set(breached).size).toBe(breached.length);
  });

  it("removes personal data after the retention period, audited", async () => {
    const withData = (await t.database.db.select().from(complaints)).filter((c) => c.reporterName !== null);
    expect(withData.length).toBeGreaterThan(0);
    expect(await runComplaintRetention(t.context, wib("2027-01-01T08:00"))).toBe(0);
    const n = await runComplaintRetention(t.context, wib("2030-01-01T08:00"));
    expect(n).toBe((await t.database.db.select().from(complaints)).length);
    expect((await t.database.db.select().from(complaints)).every((c) => c.reporterName === null && c.reporterEmail === null && c.citizenId === null && c.personalDataRemovedAt !== null)).toBe(true);
    expect(await t.database.db.select().from(complaintAttachments)).toEqual([]);
    expect((await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "complaint.personal_data_removed"))).length).toBe(n);
    expect(await runComplaintRetention(t.context, wib("2030-01-02T08:00"))).toBe(0);
  });

  it("seeds demo complaints in several states, once", async () => {
    expect(await seedDemoComplaints(t.database.db, complaintWorkflow(), "2026-12-07")).toBe(10);
    expect(await seedDemoComplaints(t.database.db, complaintWorkflow(), "2026-12-07")).toBe(0);
    const demo = (await t.database.db.select().from(complaints)).filter((c) => c.trackingNumber.startsWith("ADU-DEMO1571"));
    expect(demo.map((c) => c.state).sort()).toEqual(["answered", "finished", "follow_up", "received", "received"]);
    clock = wib("2026-12-07T10:00");
    const tracked = await call(t.app, "POST", "/api/public/complaints/track", null, { trackingNumber: "ADU-DEMO15710002", checkValue: "DEMO22" });
    expect(tracked.json()).toMatchObject({ state: "received", stateSla: { status: "breached" } });
  });
});
