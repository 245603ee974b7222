import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaints } from "../../src/db/schema";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
const wib = (dayTime: string) => new Date(`${dayTime}:00+07:00`);

describe(`a citizen's own complaints and the officers' FAQ editor on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = wib("2026-04-06T09:00");
  let pejabat: Session;
  let kspbe: Session;
  let admin15: Session;
  let serviceId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
    await seedDemoServices(t.database.db);
    pejabat = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15.71")).id);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
    admin15 = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15")).id);
    serviceId = ((await call(t.app, "GET", "/api/public/services?agency=15.71", null)).json().services as { id: number }[])[0]!.id;
  });
  afterAll(() => t.close());

  it("lets the signed-in citizen accept or reply on their own complaint only, with no check value", async () => {
    const me = await citizenSessionFor(t.database);
    const other = await citizenSessionFor(t.database);
    const body = { category: "petugas", title: "Petugas tidak ramah", description: "Petugas loket membentak warga yang bertanya tentang syarat berkas.", name: "Budi", email: null, phone: null };
    const filed = (await call(t.app, "POST", "/api/public/agencies/15.71/complaints", me, body)).json();
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, filed.trackingNumber));
    const officer = (b: Record<string, unknown>) => call(t.app, "POST", `/api/agencies/15.71/complaints/${row!.id}/actions`, pejabat, b);
    const mine = (as: typeof me | null, b: Record<string, unknown>) => call(t.app, "POST", "/api/citizen/complaints/actions", as, { trackingNumber: filed.trackingNumber, ...b });

    // Not answered yet: the engine refuses.
    const early = await mine(me, { action: "accept_answer" });
    expect([early.statusCode, early.json().error]).toEqual([409, "action_not_allowed_in_state"]);
    await officer({ action: "verify" });
    clock = wib("2026-04-07T09:00");
    await officer({ action: "post_answer", answer: "Petugas yang bersangkutan sudah dibina." });
    const listed = (await call(t.app, "GET", "/api/citizen/complaints", me)).json().complaints;
    expect(listed).toMatchObject([{ trackingNumber: filed.trackingNumber, state: "answered", answer: expect.stringContaining("dibina"), autoClose: { on: "2026-04-21" } }]);
    expect(listed[0].actions.map((a: { action: string }) => a.action).sort()).toEqual(["accept_answer", "reply"]);

    // Someone else's complaint, or no session: not found / sign in.
    expect((await mine(other, { action: "accept_answer" })).statusCode).toBe(404);
    expect((await mine(null, { action: "accept_answer" })).statusCode).toBe(401);
    expect((await mine(me, { action: "accept_answer", trackingNumber: "ADU-TIDAKADA1" })).statusCode).toBe(404);
    const noReason = await mine(me, { action: "reply" });
    expect([noReason.statusCode, noReason.json().error]).toEqual([400, "reason_required"]);

    const replied = await mine(me, { action: "reply", reason: "Saya belum menerima permintaan maaf." });
    expect(replied.json()).toMatchObject({ state: "follow_up" });
    await officer({ action: "post_answer", answer: "Kepala dinas telah menyampaikan permintaan maaf." });
    const accepted = await mine(me, { action: "accept_answer" });
    expect(accepted.json()).toMatchObject({ state: "finished", terminal: true });
    const audit = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "complaint.accept_answer"))).filter((e) => e.targetId === String(row!.id));
    expect(audit.map((e) => e.actorLabel)).toEqual([`citizen:${me.citizen.id}`]);
  });

  it("gives the agency its FAQ to edit (add, reorder, remove), public on the help page; other agencies 404", async () => {
    const url = `/api/agencies/15.71/services/${serviceId}/faq`;
    expect((await call(t.app, "GET", url, admin15)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/agencies/15.71/services/999999/faq`, kspbe)).statusCode).toBe(404);
    expect((await call(t.app, "GET", url, kspbe)).json()).toMatchObject({ service: { id: serviceId }, entries: [], abilities: { manage: true } });
    const a = { question: "Apa syaratnya?", answer: "KTP-el dan KK." };
    const b = { question: "Berapa biayanya?", answer: "Tidak dipungut biaya." };
    const c = { question: "Berapa lama?", answer: "Satu hari kerja." };
    expect((await call(t.app, "PUT", url, kspbe, { entries: [a, b, c] })).statusCode).toBe(200);
    // Reorder and remove one, in one save.
    expect((await call(t.app, "PUT", url, pejabat, { entries: [c, a] })).json()).toEqual({ entries: [c, a] });
    expect((await call(t.app, "GET", url, pejabat)).json().entries).toEqual([c, a]);
    expect((await call(t.app, "GET", `/api/public/services/${serviceId}/faq`, null)).json().entries).toEqual([c, a]);
    const bad = await call(t.app, "PUT", url, kspbe, { entries: [{ question: "x", answer: "Jawaban." }] });
    expect([bad.statusCode, bad.json().details?.field]).toEqual([400, "body.entries.0.question"]);
  });
});
