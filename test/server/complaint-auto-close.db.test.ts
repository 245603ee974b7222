import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, citizenNotifications, complaints, complaintTransitions } from "../../src/db/schema";
import { runComplaintAutoClose } from "../../src/server/features/complaints/complaint-jobs";
import type { Mailer } from "../../src/lib/mailer";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { overlapping } from "../helpers/race";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

/** WIB wall-clock time → the instant. */
const wib = (dayTime: string) => new Date(`${dayTime}:00+07:00`);
const complaint = (extra: Record<string, unknown> = {}) => ({
  category: "waktu",
  title: "Akta kelahiran belum terbit",
  description: "Berkas akta kelahiran anak saya sudah lengkap sejak dua minggu lalu, tetapi belum ada kabar.",
  name: "Rina",
  email: "rina@example.id",
  phone: null,
  ...extra,
});

describe(`complaints close by themselves after 10 working days unanswered on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = wib("2026-02-09T09:00");
  let pejabat: Awaited<ReturnType<typeof sessionFor>>;
  const sent: { to: string; subject: string; text: string }[] = [];
  const mailer: Mailer = { publicUrl: "https://pandu.test", send: async (m) => void sent.push(m) };
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
    pejabat = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15.71")).id);
  });
  afterAll(() => t.close());

  /** Files a complaint on Monday 9 Feb and answers it on Tuesday 10 Feb 2026; its tracking number, check value and id. */
  async function answered(as: Parameters<typeof call>[3] = null, extra: Record<string, unknown> = {}) {
    clock = wib("2026-02-09T09:00");
    const filed = await call(t.app, "POST", "/api/public/agencies/15.71/complaints", as, complaint(extra));
    expect(filed.statusCode, filed.body).toBe(201);
    const { trackingNumber, checkValue } = filed.json() as { trackingNumber: string; checkValue: string };
    const [row] = await t.database.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingNumber, trackingNumber));
    const act = (body: Record<string, unknown>) => call(t.app, "POST", `/api/agencies/15.71/complaints/${row!.id}/actions`, pejabat, body);
    expect((await act({ action: "verify" })).statusCode).toBe(200);
    expect((await act({ action: "claim" })).statusCode).toBe(200);
    clock = wib("2026-02-10T10:00");
    expect((await act({ action: "post_answer", answer: "Akta sudah terbit dan dapat diambil." })).statusCode).toBe(200);
    return { trackingNumber, checkValue, id: row!.id };
  }
  const historyOf = async (id: number) => (await t.database.db.select().from(complaintTransitions).where(eq(complaintTransitions.complaintId, id))).sort((a, b) => a.seq - b.seq);

  it("closes on the 10th working day after the answer (weekend, cuti bersama and Imlek skipped), once, as the system, audited and told", async () => {
    const citizen = await citizenSessionFor(t.database);
    const a = await answered(citizen);
    const track = await call(t.app, "POST", "/api/public/complaints/track", null, { trackingNumber: a.trackingNumber, checkValue: a.checkValue });
    // Answered Tue 10 Feb: Wed 11, Thu 12, Fri 13, (weekend, Mon 16 cuti bersama, Tue 17 Imlek), Wed 18 … Thu 26 Feb.
    expect(track.json()).toMatchObject({ state: "answered", autoClose: { on: "2026-02-26" } });
    const ctx = { ...t.context, mailer };

    expect(await runComplaintAutoClose(ctx, wib("2026-02-25T23:59"))).toBe(0);
    expect((await historyOf(a.id)).at(-1)!.action).toBe("post_answer");

    expect(await runComplaintAutoClose(ctx, wib("2026-02-26T08:00"))).toBe(1);
    const last = (await historyOf(a.id)).at(-1)!;
    expect(last).toMatchObject({ action: "close_without_reply", fromState: "answered", toState: "finished", actorId: "sistem", actorRole: "sistem", reason: expect.stringContaining("otomatis"), reasonCode: "complaint_auto_close", reasonParams: {} });
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.id, a.id));
    expect(row!.state).toBe("finished");
    const audit = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "complaint.close_without_reply"))).filter((e) => e.targetId === String(a.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBeNull();
    const notes = await t.database.db.select().from(citizenNotifications).where(eq(citizenNotifications.citizenId, citizen.citizen.id));
    expect(notes.map((n) => [n.kind, (n.payload as { trackingNumber: string }).trackingNumber])).toEqual([["complaint.close_without_reply", a.trackingNumber]]);
    expect(sent.filter((m) => m.text.includes(a.trackingNumber)).map((m) => m.to)).toEqual(["rina@example.id"]);

    // Again later: nothing more.
    expect(await runComplaintAutoClose(ctx, wib("2026-02-27T08:00"))).toBe(0);
    expect((await historyOf(a.id)).filter((h) => h.action === "close_without_reply")).toHaveLength(1);
    const tracked = (await call(t.app, "POST", "/api/public/complaints/track", null, { trackingNumber: a.trackingNumber, checkValue: a.checkValue })).json();
    expect(tracked).toMatchObject({ state: "finished", terminal: true, actions: [] });
  });

  it("restarts the count after the reporter replies and the agency answers again", async () => {
    const a = await answered(null, { anonymous: true, name: null, email: null });
    clock = wib("2026-02-12T09:00");
    const reply = await call(t.app, "POST", "/api/public/complaints/track/actions", null, { trackingNumber: a.trackingNumber, checkValue: a.checkValue, action: "reply", reason: "Belum bisa diambil, loket tutup." });
    expect(reply.json()).toMatchObject({ state: "follow_up" });
    clock = wib("2026-02-13T09:00");
    expect((await call(t.app, "POST", `/api/agencies/15.71/complaints/${a.id}/actions`, pejabat, { action: "post_answer", answer: "Loket buka kembali Senin." })).json()).toMatchObject({ state: "answered" });
    // Answered again Fri 13 Feb: Wed 18 Feb … Tue 3 Mar; the first answer's day (26 Feb) no longer counts.
    expect(await runComplaintAutoClose(t.context, wib("2026-02-26T09:00"))).toBe(0);
    expect(await runComplaintAutoClose(t.context, wib("2026-03-02T09:00"))).toBe(0);
    expect(await runComplaintAutoClose(t.context, wib("2026-03-03T09:00"))).toBe(1);
    expect((await historyOf(a.id)).map((h) => h.action)).toEqual(["start", "verify", "claim", "post_answer", "reply", "post_answer", "close_without_reply"]);
  });

  it("lets a reporter confirming at the same moment win, or skips: never an error, never two transitions", async () => {
    const a = await answered(null, { email: "race@example.id" });
    clock = wib("2026-02-26T08:00");
    const [accept, closed] = await overlapping<unknown>(t.database, "15.71", [
      () => call(t.app, "POST", "/api/public/complaints/track/actions", null, { trackingNumber: a.trackingNumber, checkValue: a.checkValue, action: "accept_answer" }),
      () => runComplaintAutoClose(t.context, wib("2026-02-26T08:00")),
    ]);
    const history = await historyOf(a.id);
    const ends = history.filter((h) => h.action === "accept_answer" || h.action === "close_without_reply");
    expect(ends).toHaveLength(1);
    const a200 = (accept as { statusCode: number }).statusCode;
    if (ends[0]!.action === "accept_answer") expect([a200, closed]).toEqual([200, 0]);
    else expect([a200, (accept as { json(): { error: string } }).json().error, closed]).toEqual([409, "action_not_allowed_in_state", 1]);
    expect((await t.database.db.select().from(complaints).where(eq(complaints.id, a.id)))[0]!.state).toBe("finished");
  });
});
