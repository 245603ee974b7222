import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answers, assessments, auditEvents, notifications } from "../../src/db/schema";
import { pruneNotifications } from "../../src/db/commands/notifications-prune";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
type Role = Parameters<typeof makeUser>[1];
interface Item {
  id: number;
  kind: string;
  link: string;
  read: boolean;
  params: Record<string, string>;
}

describe(`notifications: reading, review and finalisation, schedules in the period list, evidence reach on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, asesor: Session, reviu: Session, otherReviu: Session, koordinator: Session, pimpinan: Session, provinsi: Session, externalOnly: Session;
  let id: number;
  let periodId: number;
  const s = async (role: Role, code: string | null) => {
    const u = await makeUser(t.database, role, code, null);
    return { session: await sessionFor(t.database, u.id), email: u.email };
  };
  const list = async (who: Session) => (await call(t.app, "GET", "/api/notifications?limit=50", who)).json() as { notifications: Item[]; total: number; unread: number };
  const unread = async (who: Session) => (await call(t.app, "GET", "/api/notifications/unread-count", who)).json().unread as number;
  const notificationAudits = async () => (await t.database.db.select().from(auditEvents).where(like(auditEvents.action, "notification%"))).length;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = (await s("administrator", null)).session;
    const a = await s("asesor_eksternal", null);
    asesor = a.session;
    externalOnly = (await s("asesor_eksternal", null)).session;
    reviu = (await s("tim_reviu", null)).session;
    otherReviu = (await s("tim_reviu", null)).session;
    koordinator = (await s("koordinator_spbe", "15.71")).session;
    pimpinan = (await s("pimpinan", "15.71")).session;
    provinsi = (await s("koordinator_provinsi", "15")).session;
    const created = await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", withVisit: false, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    periodId = created.json().id;
    id = (await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId)))[0]!.id;
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, admin, { email: a.email, role: "asesor_eksternal" })).statusCode).toBe(204);
    // Every indicator answered in the self-assessment, carried forward to the external stages.
    const ws = (await call(t.app, "GET", `/api/assessments/${id}`, admin)).json() as { indicators: { code: string }[] };
    await t.database.db.insert(answers).values(ws.indicators.map((i) => ({ assessmentId: id, stage: "mandiri", indicatorCode: i.code, level: 3, explanation: "Terpenuhi" })));
    await t.database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
  });
  afterAll(() => t.close());

  it("marking one's own notifications read, one or all, writes no audit event", async () => {
    await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, asesor, { body: "Mohon unggah SK Tim Koordinasi SPBE." });
    await call(t.app, "POST", `/api/assessments/${id}/clarifications/8/messages`, asesor, { body: "Mohon unggah Perwal Arsitektur SPBE." });
    const before = await notificationAudits();
    const mine = await list(koordinator);
    expect(mine.unread).toBe(2);
    const marked = await call(t.app, "POST", `/api/notifications/${mine.notifications[0]!.id}/read`, koordinator);
    expect(marked.json()).toEqual({ marked: 1, unread: 1 });
    // Marking it again changes nothing and is not an error.
    expect((await call(t.app, "POST", `/api/notifications/${mine.notifications[0]!.id}/read`, koordinator)).json()).toEqual({ marked: 0, unread: 1 });
    expect((await call(t.app, "POST", "/api/notifications/read-all", koordinator)).json()).toEqual({ marked: 1, unread: 0 });
    expect(await notificationAudits()).toBe(before);
    // Still the recipient's alone.
    expect((await call(t.app, "POST", `/api/notifications/${mine.notifications[1]!.id}/read`, pimpinan)).statusCode).toBe(404);
  });

  it("the sweep deletes notifications past their retention: read ones after 90 days, unread ones after a year", async () => {
    const user = await makeUser(t.database, "pimpinan", "15.71", null);
    const now = new Date("2026-11-29T03:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const row = (kind: string, created: number, read: number | null) => ({ userId: user.id, kind, link: "/notifikasi", createdAt: daysAgo(created), readAt: read === null ? null : daysAgo(read) });
    await t.database.db.insert(notifications).values([row("read.old", 91, 90), row("read.recent", 89, 1), row("unread.89", 89, null), row("unread.old", 366, null), row("unread.364", 364, null)]);
    expect(await pruneNotifications(t.database.db, now)).toBe(2);
    const kept = (await t.database.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, user.id))).map((r) => r.kind).sort();
    expect(kept).toEqual(["read.recent", "unread.364", "unread.89"]);
    // Nobody else's notifications were touched.
    expect((await list(koordinator)).total).toBeGreaterThan(0);
    expect(await pruneNotifications(t.database.db, now)).toBe(0);
  });

  it("the list pages with unread first", async () => {
    await call(t.app, "POST", `/api/assessments/${id}/clarifications/9/messages`, asesor, { body: "Pertanyaan ketiga." });
    const first = (await call(t.app, "GET", "/api/notifications?limit=1&offset=0", koordinator)).json();
    const second = (await call(t.app, "GET", "/api/notifications?limit=1&offset=1", koordinator)).json();
    expect(first).toMatchObject({ total: 3, unread: 1, notifications: [{ read: false, params: { indicator: "9" } }] });
    expect(second.notifications).toHaveLength(1);
    expect(second.notifications[0].read).toBe(true);
    expect(second.notifications[0].id).not.toBe(first.notifications[0].id);
  });

  it("closing the last stage asks the review team, each member notified, not the assessor", async () => {
    await call(t.app, "POST", "/api/notifications/read-all", asesor);
    await t.database.db.update(assessments).set({ stage: "interviu" }).where(eq(assessments.id, id));
    const res = await call(t.app, "POST", `/api/assessments/${id}/advance`, asesor, { note: "Selesai" });
    expect(res.json()).toEqual({ stage: "interviu", reviewStatus: "pending" });
    for (const who of [reviu, otherReviu]) {
      expect((await list(who)).notifications[0]).toMatchObject({ kind: "assessment.review_requested", link: `/penilaian/${id}`, params: { stage: "interviu" } });
    }
    expect(await unread(asesor)).toBe(0);
  });

  it("finalisation (Valid) notifies the agency's Koordinator SPBE and the assigned assessor; a refused decision notifies no one", async () => {
    await call(t.app, "POST", "/api/notifications/read-all", koordinator);
    await call(t.app, "POST", "/api/notifications/read-all", otherReviu);
    const res = await call(t.app, "POST", `/api/assessments/${id}/review`, reviu, { decision: "valid", notes: "Valid" });
    expect(res.json()).toEqual({ stage: "final", reviewStatus: null });
    for (const who of [koordinator, asesor]) {
      const mine = await list(who);
      expect(mine.unread).toBe(1);
      expect(mine.notifications[0]).toMatchObject({ kind: "assessment.finalised", read: false, link: `/penilaian/${id}`, params: { stage: "final", predicate: expect.any(String) } });
      expect(mine.notifications[0]!.params.agency).toContain("Jambi");
    }
    // Not the reviewer who decided, nor readers without a part in it.
    expect((await list(reviu)).notifications.some((n) => n.kind === "assessment.finalised")).toBe(false);
    expect(await unread(otherReviu)).toBe(0);
    expect(await unread(pimpinan)).toBe(0);
    expect(await unread(externalOnly)).toBe(0);
    // A second decision is refused and leaves no notification behind.
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviu, { decision: "valid" })).statusCode).toBe(403);
    expect(await unread(koordinator)).toBe(1);
  });

  it("a correction of the final result tells the Koordinator SPBE and the assessor the new revision, index and predicate", async () => {
    for (const who of [koordinator, asesor]) await call(t.app, "POST", "/api/notifications/read-all", who);
    const res = await call(t.app, "POST", `/api/assessments/${id}/revisions`, admin, { reason: "Koreksi setelah klarifikasi bukti", levels: { "1": 5 } });
    expect(res.statusCode, res.body).toBe(201);
    for (const who of [koordinator, asesor]) {
      const [n] = (await list(who)).notifications;
      expect(n).toMatchObject({ kind: "assessment.revised", read: false, link: `/penilaian/${id}`, params: { revision: "2", predicate: res.json().predicate } });
      expect(Number(n!.params.index)).toBeCloseTo(res.json().indexRounded, 2);
    }
    expect(await unread(pimpinan)).toBe(0);
  });

  it("the period list carries the stage dates and who may change them; a bad window is a field error", async () => {
    const put = await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, { stage: "dokumen", opens: "2026-07-01", closes: "2026-08-31" });
    expect(put.statusCode).toBe(200);
    const periodOf = async (who: Session) => ((await call(t.app, "GET", "/api/periods", who)).json().periods as { id: number; schedule: unknown[]; canEditSchedule: boolean }[]).find((p) => p.id === periodId)!;
    const seen = await periodOf(admin);
    expect(seen.canEditSchedule).toBe(true);
    expect(seen.schedule).toEqual([
      { stage: "mandiri", opens: null, closes: null, state: "unscheduled" },
      { stage: "dokumen", opens: "2026-07-01", closes: "2026-08-31", state: expect.stringMatching(/^(not_open|open|closed)$/) },
      { stage: "interviu", opens: null, closes: null, state: "unscheduled" },
    ]);
    expect((await periodOf(koordinator)).canEditSchedule).toBe(false);
    const bad = await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, { stage: "interviu", opens: "2026-09-10", closes: "2026-09-01" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^body\.closes:/);
    const badDate = await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, { stage: "interviu", opens: "2026-02-30", closes: "2026-09-01" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain("opens");
    // The same rules when the period is created with its schedule: nothing is created on a bad window.
    const create = (schedule: unknown) => call(t.app, "POST", "/api/periods", admin, { name: "Pemantauan jadwal salah", year: 2027, kind: "pemantauan", instrument: "permenpanrb-59-2020", agencies: ["15.71"], schedule });
    const reversed = await create({ mandiri: { opens: "2027-03-10", closes: "2027-03-01" } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toMatch(/^body\.schedule\.mandiri\.closes:/);
    expect((await create({ interviu: { opens: "2027-03-01", closes: "2027-03-10" } })).json().message).toBe("body.schedule.interviu: not a stage of this period");
    expect((await create({ final: { opens: "2027-03-01", closes: "2027-03-10" } })).statusCode).toBe(400);
    expect(((await call(t.app, "GET", "/api/periods", admin)).json().periods as { name: string }[]).some((p) => p.name === "Pemantauan jadwal salah")).toBe(false);
    expect((await create({ mandiri: { opens: "2027-03-01", closes: "2027-03-31" }, dokumen: { opens: "2027-04-01", closes: "2027-04-30" } })).statusCode).toBe(201);
  });

  it("the evidence library link follows the evidence policy: read-only for the review team, any agency for administrators", async () => {
    const me = async (who: Session) => (await call(t.app, "GET", "/api/me", who)).json().abilities as { evidenceLibrary: boolean; evidenceOtherAgencies: boolean };
    expect(await me(admin)).toMatchObject({ evidenceLibrary: true, evidenceOtherAgencies: true });
    expect(await me(reviu)).toMatchObject({ evidenceLibrary: true, evidenceOtherAgencies: true });
    expect(await me(provinsi)).toMatchObject({ evidenceLibrary: true, evidenceOtherAgencies: true });
    expect(await me(koordinator)).toMatchObject({ evidenceLibrary: true, evidenceOtherAgencies: false });
    // An external assessor sees evidence only as linked in an assigned workspace.
    expect(await me(externalOnly)).toMatchObject({ evidenceLibrary: false, evidenceOtherAgencies: false });
    const lib = (who: Session, code: string) => call(t.app, "GET", `/api/agencies/${code}/evidence`, who);
    expect((await lib(admin, "16.71")).json().abilities).toEqual({ upload: true });
    expect((await lib(reviu, "16.71")).json().abilities).toEqual({ upload: false });
    expect((await lib(provinsi, "15.71")).statusCode).toBe(200);
    expect((await lib(provinsi, "16.71")).statusCode).toBe(404);
    expect((await lib(externalOnly, "15.71")).statusCode).toBe(404);
  });
});
