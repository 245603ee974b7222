import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditEvents, periods } from "../../src/db/schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
type Role = Parameters<typeof makeUser>[1];

describe(`clarifications, notifications, field notes and stage dates on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, asesor: Session, reviu: Session, koordinator: Session, pj: Session, pimpinan: Session, outsider: Session, otherAsesor: Session;
  let asesorEmail: string;
  let id: number;
  let periodId: number;
  const s = async (role: Role, code: string | null) => {
    const u = await makeUser(t.database, role, code, null);
    return { session: await sessionFor(t.database, u.id), email: u.email };
  };
  const unread = async (who: Session) => (await call(t.app, "GET", "/api/notifications/unread-count", who)).json().unread as number;
  const setStage = (stage: string, reviewStatus: string | null = null) => t.database.db.update(assessments).set({ stage, reviewStatus }).where(eq(assessments.id, id));

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    admin = (await s("administrator", null)).session;
    const a = await s("asesor_eksternal", null);
    [asesor, asesorEmail] = [a.session, a.email];
    otherAsesor = (await s("asesor_eksternal", null)).session;
    reviu = (await s("tim_reviu", null)).session;
    koordinator = (await s("koordinator_spbe", "15.71")).session;
    pj = (await s("penanggung_jawab", "15.71")).session;
    pimpinan = (await s("pimpinan", "15.71")).session;
    outsider = (await s("koordinator_spbe", "15.72")).session;
    const created = await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2026", year: 2026, kind: "evaluasi", withVisit: true, instrument: "permenpanrb-59-2020", agencies: ["15.71"] });
    periodId = created.json().id;
    id = (await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId)))[0]!.id;
    expect((await call(t.app, "POST", `/api/assessments/${id}/assignments`, admin, { email: asesorEmail, role: "asesor_eksternal" })).statusCode).toBe(204);
    await setStage("dokumen");
  });
  afterAll(() => t.close());

  it("an assessor asks on an indicator; the agency's coordinator and Penanggung Jawab are notified, not the assessor", async () => {
    const res = await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, asesor, { body: "Mohon unggah SK Tim Koordinasi SPBE yang berlaku." });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ indicatorCode: "7", status: "open", side: "evaluator", messages: [{ side: "evaluator", body: "Mohon unggah SK Tim Koordinasi SPBE yang berlaku." }] });
    expect(await unread(koordinator)).toBe(1);
    expect(await unread(pj)).toBe(1);
    expect(await unread(asesor)).toBe(0);
    expect(await unread(pimpinan)).toBe(0);
    const list = (await call(t.app, "GET", "/api/notifications", koordinator)).json();
    expect(list.notifications[0]).toMatchObject({ kind: "clarification.message", read: false, link: `/penilaian/${id}?klarifikasi=7`, params: { indicator: "7" } });
  });

  it("the coordinator's reply notifies the assigned assessor only; readers see the thread but cannot write", async () => {
    const reply = await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, koordinator, { body: "SK sudah kami unggah ke pustaka bukti." });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().messages.map((m: { side: string }) => m.side)).toEqual(["evaluator", "agency"]);
    expect(await unread(asesor)).toBe(1);
    expect(await unread(otherAsesor)).toBe(0);
    expect(await unread(pj)).toBe(1); // nothing new for the agency's own side
    const seen = await call(t.app, "GET", `/api/assessments/${id}/clarifications/7`, pimpinan);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ side: null, messages: [{}, {}] });
    expect((await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, pimpinan, { body: "Saya ikut." })).statusCode).toBe(403);
  });

  it("other agencies and unassigned assessors get 404; bad input 400; foreign evidence is refused", async () => {
    for (const who of [outsider, otherAsesor]) {
      expect((await call(t.app, "GET", `/api/assessments/${id}/clarifications/7`, who)).statusCode).toBe(404);
      expect((await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, who, { body: "Halo" })).statusCode).toBe(404);
    }
    expect((await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, asesor, { body: "" })).statusCode).toBe(400);
    expect((await call(t.app, "GET", `/api/assessments/${id}/clarifications/999`, asesor)).statusCode).toBe(404);
    const foreign = await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, asesor, { body: "Lihat dokumen", evidenceId: 999999 });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain("body.evidenceId");
  });

  it("a thread is resolved and reopened; a new message reopens it too", async () => {
    const resolved = await call(t.app, "PATCH", `/api/assessments/${id}/clarifications/7`, reviu, { status: "resolved" });
    expect(resolved.json()).toMatchObject({ status: "resolved", resolvedBy: expect.any(String) });
    expect((await call(t.app, "GET", `/api/assessments/${id}/clarifications`, pimpinan)).json()).toMatchObject({ threads: [{ indicatorCode: "7", status: "resolved", messages: 2 }], canTakePart: false });
    expect((await call(t.app, "PATCH", `/api/assessments/${id}/clarifications/8`, reviu, { status: "resolved" })).statusCode).toBe(404);
    const again = await call(t.app, "POST", `/api/assessments/${id}/clarifications/7/messages`, pj, { body: "Ada dokumen tambahan." });
    expect(again.json().status).toBe("open");
  });

  it("notifications: mark one read, then all; another user's notification is a 404", async () => {
    const mine = (await call(t.app, "GET", "/api/notifications", asesor)).json();
    expect(mine.unread).toBeGreaterThan(0);
    const first = mine.notifications[0];
    expect((await call(t.app, "POST", `/api/notifications/${first.id}/read`, koordinator)).statusCode).toBe(404);
    const marked = await call(t.app, "POST", `/api/notifications/${first.id}/read`, asesor);
    expect(marked.json()).toMatchObject({ marked: 1, unread: mine.unread - 1 });
    expect((await call(t.app, "POST", "/api/notifications/read-all", koordinator)).json().unread).toBe(0);
    // read ones come after unread ones
    await call(t.app, "POST", `/api/assessments/${id}/clarifications/9/messages`, asesor, { body: "Pertanyaan baru." });
    const after = (await call(t.app, "GET", "/api/notifications", koordinator)).json();
    expect(after.notifications.map((n: { read: boolean }) => n.read)).toEqual([false, ...after.notifications.slice(1).map(() => true)]);
  });

  it("advancing a stage notifies the coordinator and the assessors; Tidak Valid notifies the coordinator", async () => {
    await call(t.app, "POST", "/api/notifications/read-all", koordinator);
    await call(t.app, "POST", "/api/notifications/read-all", asesor);
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, admin, {})).json().stage).toBe("interviu");
    expect(await unread(koordinator)).toBe(1);
    expect(await unread(asesor)).toBe(1);
    expect((await call(t.app, "GET", "/api/notifications", koordinator)).json().notifications[0]).toMatchObject({ kind: "assessment.stage_advanced", params: { stage: "interviu" } });
    await setStage("visitasi", "pending");
    expect((await call(t.app, "POST", `/api/assessments/${id}/review`, reviu, { decision: "tidak_valid", notes: "Level indikator 7 tidak didukung bukti." })).statusCode).toBe(200);
    expect((await call(t.app, "GET", "/api/notifications", koordinator)).json().notifications[0]).toMatchObject({ kind: "assessment.returned", params: { notes: "Level indikator 7 tidak didukung bukti." } });
    await setStage("interviu");
  });

  const note = { heldOn: "2026-08-03", participants: "Sekda, Kadis Kominfo", place: "Ruang Rapat Wali Kota", summary: "Wawancara domain kebijakan", observations: { "1": "Perwal arsitektur ada" } };

  it("interview notes: written by the assigned assessor while interviu is open, hidden from the agency until final", async () => {
    const created = await call(t.app, "POST", `/api/assessments/${id}/field-notes`, asesor, { stage: "interviu", ...note });
    expect(created.statusCode).toBe(201);
    expect((await call(t.app, "POST", `/api/assessments/${id}/field-notes`, asesor, { stage: "visitasi", ...note })).statusCode).toBe(403);
    expect((await call(t.app, "POST", `/api/assessments/${id}/field-notes`, asesor, { stage: "interviu", ...note, observations: { "99": "x" } })).statusCode).toBe(400);
    expect((await call(t.app, "POST", `/api/assessments/${id}/field-notes`, koordinator, { stage: "interviu", ...note })).statusCode).toBe(403);
    expect((await call(t.app, "GET", `/api/assessments/${id}/field-notes`, reviu)).json()).toMatchObject({ notes: [{ place: "Ruang Rapat Wali Kota" }], writableStage: null });
    expect((await call(t.app, "GET", `/api/assessments/${id}/field-notes`, asesor)).json()).toMatchObject({ stages: ["interviu", "visitasi"], writableStage: "interviu" });
    expect((await call(t.app, "GET", `/api/assessments/${id}/field-notes`, koordinator)).statusCode).toBe(403);
    const noteId = created.json().id;
    const edited = await call(t.app, "PUT", `/api/assessments/${id}/field-notes/${noteId}`, asesor, { version: 1, ...note, summary: "Ringkasan lengkap" });
    expect(edited.json()).toMatchObject({ version: 2, summary: "Ringkasan lengkap" });
    expect((await call(t.app, "PUT", `/api/assessments/${id}/field-notes/${noteId}`, asesor, { version: 1, ...note })).statusCode).toBe(409);
    // the next stage opens: the interview note is read-only now
    await setStage("visitasi");
    expect((await call(t.app, "PUT", `/api/assessments/${id}/field-notes/${noteId}`, asesor, { version: 2, ...note })).statusCode).toBe(403);
    await setStage("final");
    expect((await call(t.app, "GET", `/api/assessments/${id}/field-notes`, koordinator)).json().notes).toHaveLength(1);
    await setStage("interviu");
  });

  it("interview notes: a note written in error is removed by the assessor with the version seen, audited with its text", async () => {
    await setStage("interviu");
    const created = (await call(t.app, "POST", `/api/assessments/${id}/field-notes`, asesor, { stage: "interviu", ...note, place: "Catatan salah tempat" })).json();
    const url = `/api/assessments/${id}/field-notes/${created.id}`;
    expect((await call(t.app, "DELETE", `${url}?version=1`, koordinator)).statusCode).toBe(404);
    expect((await call(t.app, "DELETE", `${url}?version=1`, reviu)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", url, asesor)).statusCode).toBe(400);
    await call(t.app, "PUT", url, asesor, { version: 1, ...note, place: "Catatan salah tempat", summary: "Diubah sebelum dihapus" });
    const stale = await call(t.app, "DELETE", `${url}?version=1`, asesor);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: "conflict", details: { current: { version: 2, summary: "Diubah sebelum dihapus" } } });
    expect((await call(t.app, "DELETE", `${url}?version=2`, asesor)).statusCode).toBe(204);
    expect((await call(t.app, "DELETE", `${url}?version=2`, asesor)).statusCode).toBe(404);
    const places = (await call(t.app, "GET", `/api/assessments/${id}/field-notes`, reviu)).json().notes.map((n: { place: string }) => n.place);
    expect(places).not.toContain("Catatan salah tempat");
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "field_note.delete"), eq(auditEvents.targetId, String(created.id))));
    expect(audit?.changes.before).toMatchObject({ stage: "interviu", place: "Catatan salah tempat", summary: "Diubah sebelum dihapus" });
  });

  it("stage dates: answers and notes before the opening or after the closing day answer 409 until the schedule is extended", async () => {
    const answer = () => call(t.app, "PUT", `/api/assessments/${id}/answers/3`, asesor, { stage: "interviu", version: 0, level: 3, facts: "Fakta" });
    const setDates = (opens: string, closes: string) => t.database.db.update(periods).set({ schedule: { interviu: { opens, closes } } }).where(eq(periods.id, periodId));
    await setDates("2099-01-01", "2099-02-01");
    const early = await answer();
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe("stage_not_open");
    await setDates("2020-01-01", "2020-02-01");
    const late = await answer();
    expect(late.json()).toMatchObject({ error: "stage_closed" });
    expect((await call(t.app, "POST", `/api/assessments/${id}/field-notes`, asesor, { stage: "interviu", ...note })).json().error).toBe("stage_closed");
    expect((await call(t.app, "GET", `/api/assessments/${id}`, asesor)).json().abilities.answer).toBe(false);
    const sched = (await call(t.app, "GET", `/api/assessments/${id}/schedule`, asesor)).json();
    expect(sched).toMatchObject({ stage: "interviu", current: { state: "closed", closes: "2020-02-01" }, canExtend: false });
    // only the administrator extends a national period's dates
    const extension = { stage: "interviu", opens: "2020-01-01", closes: "2099-12-31" };
    expect((await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, asesor, extension)).statusCode).toBe(403);
    expect((await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, { ...extension, closes: "2019-12-31" })).statusCode).toBe(400);
    expect((await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, { ...extension, stage: "final" })).statusCode).toBe(400);
    const extended = await call(t.app, "PUT", `/api/periods/${periodId}/schedule`, admin, extension);
    expect(extended.json().schedule).toContainEqual({ stage: "interviu", opens: "2020-01-01", closes: "2099-12-31", state: "open" });
    expect((await answer()).statusCode).toBe(200);
    expect((await call(t.app, "GET", `/api/assessments/${id}/schedule`, asesor)).json().current).toMatchObject({ state: "open", daysLeft: expect.any(Number) });
  });

  it("stage dates: removing a stage's dates leaves it unscheduled (open while the assessment is in it), audited; only the period's owner may", async () => {
    await t.database.db.update(periods).set({ schedule: { interviu: { opens: "2020-01-01", closes: "2020-02-01" }, dokumen: { opens: "2020-01-01", closes: "2020-01-15" } } }).where(eq(periods.id, periodId));
    const answer = () => call(t.app, "PUT", `/api/assessments/${id}/answers/4`, asesor, { stage: "interviu", version: 0, level: 2, facts: "Fakta" });
    expect((await answer()).json().error).toBe("stage_closed");
    expect((await call(t.app, "DELETE", `/api/periods/${periodId}/schedule/interviu`, asesor)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", `/api/periods/${periodId}/schedule/final`, admin)).statusCode).toBe(400);
    expect((await call(t.app, "DELETE", `/api/periods/999999/schedule/interviu`, admin)).statusCode).toBe(404);
    const cleared = await call(t.app, "DELETE", `/api/periods/${periodId}/schedule/interviu`, admin);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().schedule).toContainEqual({ stage: "interviu", opens: null, closes: null, state: "unscheduled" });
    // The other stage keeps its dates.
    expect(cleared.json().schedule).toContainEqual({ stage: "dokumen", opens: "2020-01-01", closes: "2020-01-15", state: "closed" });
    expect((await answer()).statusCode).toBe(200);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "period.schedule"), eq(auditEvents.targetId, String(periodId)))).orderBy(desc(auditEvents.id)).limit(1);
    expect(audit?.changes).toEqual({ before: { interviu: { opens: "2020-01-01", closes: "2020-02-01" } }, after: { interviu: null } });
    await t.database.db.update(periods).set({ schedule: {} }).where(eq(periods.id, periodId));
  });

  it("a closed self-assessment window refuses verifying, submitting, evidence links, services and copy-forward; a stage cannot be closed before it opens", async () => {
    const schedule = (stage: string, opens: string, closes: string) => t.database.db.update(periods).set({ schedule: { [stage]: { opens, closes } } }).where(eq(periods.id, periodId));
    await setStage("mandiri");
    await schedule("mandiri", "2020-01-01", "2020-02-01");
    const writes: [Session, "POST" | "PUT", string, unknown][] = [
      [pj, "POST", `/api/assessments/${id}/answers/1/verify`, { version: 1, verified: true }],
      [koordinator, "POST", `/api/assessments/${id}/submit`, {}],
      [koordinator, "POST", `/api/assessments/${id}/answers/1/evidence`, { evidenceId: 1 }],
      [koordinator, "PUT", `/api/assessments/${id}/sectoral-services`, { services: [] }],
      [koordinator, "POST", `/api/assessments/${id}/copy-forward`, { fromAssessmentId: id + 1 }],
    ];
    for (const [who, method, url, body] of writes) {
      const res = await call(t.app, method, url, who, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(409);
      expect(res.json().error).toBe("stage_closed");
    }
    const abilities = (await call(t.app, "GET", `/api/assessments/${id}`, koordinator)).json().abilities;
    expect(abilities).toMatchObject({ answer: false, submit: false, nameSectoralServices: false });
    expect((await call(t.app, "GET", `/api/assessments/${id}`, pj)).json().abilities.verify).toBe(false);
    // the window open again: the same submit fails for its own reason (nothing filled yet), not the date
    await schedule("mandiri", "2020-01-01", "2099-12-31");
    expect((await call(t.app, "POST", `/api/assessments/${id}/submit`, koordinator, {})).json().error).toBe("indicators_without_level");

    await setStage("interviu");
    await schedule("interviu", "2099-01-01", "2099-02-01");
    const early = await call(t.app, "POST", `/api/assessments/${id}/advance`, asesor, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe("stage_not_open");
    await schedule("interviu", "2020-01-01", "2020-02-01");
    expect((await call(t.app, "POST", `/api/assessments/${id}/advance`, asesor, {})).json()).toMatchObject({ stage: "visitasi" });
    await t.database.db.update(periods).set({ schedule: {} }).where(eq(periods.id, periodId));
    await setStage("interviu");
  });
});
