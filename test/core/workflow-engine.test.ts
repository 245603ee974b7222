import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyAction,
  addWorkingDays,
  buildCalendar,
  complaintDeadlines,
  describeCase,
  isoDayNumber,
  isoFromDayNumber,
  isWorkingDay,
  workingDaysBetween,
  parseInstant,
  replayCase,
  validateWorkflow,
  WorkflowError,
  type ActionRequest,
  type Transition,
  type WorkflowActor,
  type WorkflowDefinition,
} from "../../src/core";
import { HOLIDAYS_DIR, readHolidayDir } from "../../src/lib/holiday-files";

const cal = buildCalendar(readHolidayDir(HOLIDAYS_DIR));
const load = (name: string): WorkflowDefinition => {
  const r = validateWorkflow(JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../workflows/${name}.json`), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.workflow;
};
const permohonan = load("permohonan-layanan");
const lapor = load("pengaduan-lapor");

const citizen: WorkflowActor = { id: "warga-1", roles: ["pemohon", "pelapor"] };
const verifier: WorkflowActor = { id: "ver-1", roles: ["verifikator"] };
const verifier2: WorkflowActor = { id: "ver-2", roles: ["verifikator"] };
const officer: WorkflowActor = { id: "olah-1", roles: ["pengolah"] };
const head: WorkflowActor = { id: "kepala-1", roles: ["kepala_unit"] };
const admin: WorkflowActor = { id: "admin-1", roles: ["admin_instansi"] };
const liaison: WorkflowActor = { id: "lo-1", roles: ["pejabat_penghubung"] };
const official: WorkflowActor = { id: "pb-1", roles: ["pejabat_berwenang"] };
const system: WorkflowActor = { id: "system", roles: ["sistem"] };

/** A moment on a WIB working day: 09:00 local unless a time is given. */
const at = (day: string, time = "09:00") => `${day}T${time}:00+07:00`;

/** Builds a history by taking each step through applyAction (each must be accepted). */
function run(def: WorkflowDefinition, steps: [string, WorkflowActor, string, string?][]): Transition[] {
  const history: Transition[] = [];
  for (const [action, actor, when, reason] of steps) {
    const r = applyAction(def, history, { action, actor, at: when, reason });
    if (!r.ok) throw new Error(`${action} refused: ${r.refusal.code} ${r.refusal.message}`);
    history.push(r.transition);
  }
  return history;
}
const view = (def: WorkflowDefinition, history: Transition[], now: string, actor?: WorkflowActor) => describeCase(def, history, { calendar: cal, now, actor });

describe("SLA of a state in working days", () => {
  const complaint = (receivedOn: string) => run(lapor, [["start", citizen, at(receivedOn)]]);

  it("skips the weekend: received on Friday, verification is due on Wednesday", () => {
    const h = complaint("2026-12-04");
    expect(view(lapor, h, at("2026-12-04", "16:00")).stateSla).toMatchObject({ workingDays: 3, deadline: "2026-12-09", daysLeft: 3, status: "on_track" });
    expect(view(lapor, h, at("2026-12-07")).stateSla).toMatchObject({ deadline: "2026-12-09", usedWorkingDays: 1, daysLeft: 2, status: "on_track" });
  });

  it("escalates before the breach (1 working day before by default), breaches the day after", () => {
    const h = complaint("2026-12-04");
    expect(view(lapor, h, at("2026-12-08")).stateSla).toMatchObject({ daysLeft: 1, status: "due_soon" });
    expect(view(lapor, h, at("2026-12-09", "23:59")).stateSla).toMatchObject({ daysLeft: 0, status: "due_soon" });
    expect(view(lapor, h, at("2026-12-10", "00:00")).stateSla).toMatchObject({ daysLeft: -1, status: "breached" });
  });

  it("on a weekend the next working day counts as the only day left", () => {
    // Due Monday 14 December: on Saturday the 12th one working day is left (due soon), not two.
    const h = complaint("2026-12-09");
    expect(view(lapor, h, at("2026-12-11")).stateSla).toMatchObject({ deadline: "2026-12-14", daysLeft: 1, status: "due_soon" });
    expect(view(lapor, h, at("2026-12-10")).stateSla).toMatchObject({ daysLeft: 2, status: "on_track" });
    expect(view(lapor, h, at("2026-12-12")).stateSla).toMatchObject({ daysLeft: 1, status: "due_soon" });
  });

  it("a report received on Saturday starts counting on Monday", () => {
    expect(view(lapor, complaint("2026-12-05"), at("2026-12-05")).stateSla?.deadline).toBe("2026-12-09");
  });

  it("skips national holidays and cuti bersama (24 and 25 December 2026)", () => {
    const h = complaint("2026-12-22"); // Wed 23 (1), Thu 24 and Fri 25 off, Mon 28 (2), Tue 29 (3)
    expect(view(lapor, h, at("2026-12-23")).stateSla).toMatchObject({ deadline: "2026-12-29", daysLeft: 2 });
    expect(view(lapor, h, at("2026-12-24")).stateSla).toMatchObject({ daysLeft: 2, status: "on_track" });
  });

  it("a deadline that would land on a holiday moves to the next working day", () => {
    // Wed 12 Aug 2026 + 3 working days: Thu 13, Fri 14, and Mon 17 is Independence Day, so Tue 18.
    const h = complaint("2026-08-12");
    expect(view(lapor, h, at("2026-08-13")).stateSla?.deadline).toBe("2026-08-18");
    const weekendsOnly = buildCalendar([], { uncoveredYears: "weekends-only" });
    expect(describeCase(lapor, h, { calendar: weekendsOnly, now: at("2026-08-13") }).stateSla?.deadline).toBe("2026-08-17");
  });

  it("a report received on a holiday starts counting on the next working day (Christmas 2026)", () => {
    expect(view(lapor, complaint("2026-12-25"), at("2026-12-25")).stateSla?.deadline).toBe("2026-12-30");
  });

  it("agrees with the SP4N-LAPOR! deadlines of the calendar on every day of 2026", () => {
    for (let d = isoDayNumber("2026-01-01"); d <= isoDayNumber("2026-12-31"); d++) {
      const day = isoFromDayNumber(d);
      const h = complaint(day);
      expect(view(lapor, h, at(day, "10:00")).stateSla?.deadline, day).toBe(complaintDeadlines(day, cal).verifyBy);
      const r = applyAction(lapor, h, { action: "verify", actor: admin, at: at(day, "11:00") });
      if (!r.ok) throw new Error(r.refusal.message);
      expect(view(lapor, [...h, r.transition], at(day, "12:00")).stateSla?.deadline, day).toBe(complaintDeadlines(day, cal, { verifiedOn: day }).followUpBy);
    }
  });

  it("takes the working day in WIB: 18:00 UTC on Friday is already Saturday in Jambi", () => {
    const h = run(lapor, [["start", citizen, "2026-12-04T18:00:00Z"]]);
    expect(view(lapor, h, "2026-12-05T01:00:00Z").stateSla?.deadline).toBe("2026-12-09");
    const friday = run(lapor, [["start", citizen, "2026-12-04T16:59:59Z"]]);
    expect(view(lapor, friday, "2026-12-05T01:00:00Z").stateSla?.deadline).toBe("2026-12-09");
    expect(replayCase(lapor, friday).visits[0]!.enteredOn).toBe("2026-12-04");
  });

  it("a deadline in a provisional year says so", () => {
    // Thu 31 (1), Fri 1 Jan 2027 holiday, Mon 4 (2), Tue 5 Isra Mikraj (estimated), Wed 6 (3).
    const h = complaint("2026-12-30");
    expect(view(lapor, h, at("2026-12-30")).stateSla).toMatchObject({ deadline: "2027-01-06", provisional: true });
    expect(view(lapor, complaint("2026-12-01"), at("2026-12-01")).stateSla?.provisional).toBe(false);
  });

  it("the escalation margin comes from the state when it sets one (decision: on the deadline day only)", () => {
    const h = run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01", "10:00")],
      ["claim", verifier, at("2026-12-01", "10:05")],
      ["verify", verifier, at("2026-12-01", "11:00")],
      ["claim", officer, at("2026-12-01", "13:00")],
      ["submit_for_decision", officer, at("2026-12-03")],
    ]);
    expect(view(permohonan, h, at("2026-12-04")).stateSla).toMatchObject({ deadline: "2026-12-07", daysLeft: 1, status: "on_track", escalateWorkingDaysBefore: 0 });
    expect(view(permohonan, h, at("2026-12-07")).stateSla).toMatchObject({ daysLeft: 0, status: "due_soon" });
    expect(view(permohonan, h, at("2026-12-08")).stateSla).toMatchObject({ daysLeft: -1, status: "breached" });
  });
});

describe("pauses while waiting for the citizen", () => {
  /** Submitted Wed 2 Dec, verification from Thu 3 Dec, correction asked Fri 4 Dec, sent back Tue 8 Dec. */
  const base = (): Transition[] =>
    run(permohonan, [
      ["start", citizen, at("2026-12-02")],
      ["accept_for_verification", verifier, at("2026-12-03")],
      ["claim", verifier, at("2026-12-03", "09:05")],
      ["request_correction", verifier, at("2026-12-04"), "Lampiran KTP tidak terbaca"],
    ]);

  it("while waiting, the state has no clock and the case clock is paused", () => {
    const v = view(permohonan, base(), at("2026-12-07"));
    expect(v).toMatchObject({ state: "correction_requested", waitingForCitizen: true, stateSla: null, claim: null });
    expect(v.caseSla).toMatchObject({ workingDays: 10, status: "paused", deadline: null, daysLeft: null, usedWorkingDays: 2 });
  });

  it("a pause across a weekend and a working day: verification goes on with the days it had left", () => {
    const h = base();
    const back = applyAction(permohonan, h, { action: "resubmit", actor: citizen, at: at("2026-12-08") });
    expect(back.ok).toBe(true);
    if (back.ok) h.push(back.transition);
    // 1 day used (Fri 4); 2 left after the resubmission on Tue 8: Wed 9, Thu 10. Without the pause: Tue 8.
    expect(view(permohonan, h, at("2026-12-08", "10:00")).stateSla).toMatchObject({ deadline: "2026-12-10", usedWorkingDays: 1, status: "on_track" });
    // The case: Thu 3 and Fri 4 used (2 of 10), 8 more from Tue 8: Wed 9 … Fri 18.
    expect(view(permohonan, h, at("2026-12-08", "10:00")).caseSla).toMatchObject({ deadline: "2026-12-18", usedWorkingDays: 2, status: "on_track" });
    const noPause = run(permohonan, [
      ["start", citizen, at("2026-12-02")],
      ["accept_for_verification", verifier, at("2026-12-03")],
    ]);
    expect(view(permohonan, noPause, at("2026-12-04")).stateSla?.deadline).toBe("2026-12-08");
  });

  it("on every working day of 2026, a pause moves the deadline by exactly the working days it lasted", () => {
    for (let d = isoDayNumber("2026-01-01"); d <= isoDayNumber("2026-12-20"); d++) {
      const entered = isoFromDayNumber(d);
      if (!isWorkingDay(entered, cal)) continue;
      const paused = addWorkingDays(entered, 1, cal); // 1 of the 3 verification days used
      for (const k of [0, 1, 2, 5]) {
        const resumed = addWorkingDays(paused, k, cal);
        const h = run(permohonan, [
          ["start", citizen, at(entered, "08:00")],
          ["accept_for_verification", verifier, at(entered)],
          ["claim", verifier, at(entered, "09:05")],
          ["request_correction", verifier, at(paused), "Perbaiki"],
          ["resubmit", citizen, at(resumed, "15:00")],
        ]);
        const expected = addWorkingDays(addWorkingDays(entered, 3, cal), workingDaysBetween(paused, resumed, cal), cal);
        expect(view(permohonan, h, at(resumed, "16:00")).stateSla?.deadline, `${entered} +${k}`).toBe(expected);
      }
    }
  });

  it("a state that said afterPause: restart gets its full days again (a complaint reopened by a reply)", () => {
    const h = run(lapor, [
      ["start", citizen, at("2026-12-01")],
      ["verify", admin, at("2026-12-02")],
      ["claim", liaison, at("2026-12-02", "10:00")],
      ["post_answer", official, at("2026-12-04")],
      ["reply", citizen, at("2026-12-09"), "Jawaban belum menyelesaikan masalah"],
    ]);
    expect(view(lapor, h, at("2026-12-09")).stateSla).toMatchObject({ workingDays: 5, deadline: "2026-12-16", usedWorkingDays: 0 });
  });

  it("a deadline already passed before the pause stays breached while waiting and after", () => {
    const h = run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01")],
      ["claim", verifier, at("2026-12-01", "09:05")],
      ["request_correction", verifier, at("2026-12-07"), "Kurang surat keterangan"], // 4 working days used of 3
      ["resubmit", citizen, at("2026-12-08")],
    ]);
    expect(view(permohonan, h, at("2026-12-08")).stateSla).toMatchObject({ deadline: "2026-12-04", status: "breached", usedWorkingDays: 4 });
  });

  it("a clock used up exactly before the pause is due on the working day the citizen answers, or the next one after a holiday", () => {
    const h = run(permohonan, [
      ["start", citizen, at("2026-12-17")],
      ["accept_for_verification", verifier, at("2026-12-17")],
      ["claim", verifier, at("2026-12-17", "09:05")],
      ["request_correction", verifier, at("2026-12-22"), "Foto tidak jelas"], // Fri 18, Mon 21, Tue 22: 3 of 3
      ["resubmit", citizen, at("2026-12-24")], // cuti bersama; Fri 25 Christmas
    ]);
    expect(view(permohonan, h, at("2026-12-24", "10:00")).stateSla).toMatchObject({ deadline: "2026-12-28", usedWorkingDays: 3, status: "due_soon" });
  });
});

describe("the case clock", () => {
  it("is met when the case ends on time and missed when it ends late", () => {
    const steps = (decisionDay: string): [string, WorkflowActor, string, string?][] => [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01")],
      ["claim", verifier, at("2026-12-01", "09:05")],
      ["verify", verifier, at("2026-12-02")],
      ["claim", officer, at("2026-12-02", "10:00")],
      ["submit_for_decision", officer, at("2026-12-08")],
      ["approve", head, at(decisionDay)],
    ];
    // 10 working days from Tue 1 Dec: Wed 2 … Tue 15.
    expect(view(permohonan, run(permohonan, steps("2026-12-15")), at("2026-12-20")).caseSla).toMatchObject({ status: "met", usedWorkingDays: 10 });
    const late = view(permohonan, run(permohonan, steps("2026-12-16")), at("2026-12-20"));
    expect(late).toMatchObject({ state: "approved", terminal: true, stateSla: null, actions: [] });
    expect(late.caseSla).toMatchObject({ status: "missed", deadline: "2026-12-15" });
  });
});

describe("automatic actions", () => {
  it("closes an answered complaint after 10 working days without a reply (SP4N-LAPOR!)", () => {
    const h = run(lapor, [
      ["start", citizen, at("2026-12-01")],
      ["verify", admin, at("2026-12-01")],
      ["claim", liaison, at("2026-12-02")],
      ["post_answer", official, at("2026-12-07")],
    ]);
    expect(view(lapor, h, at("2026-12-18")).autoAction).toEqual({ action: "close_without_reply", on: "2026-12-21", due: false });
    expect(view(lapor, h, at("2026-12-21")).autoAction).toEqual({ action: "close_without_reply", on: "2026-12-21", due: true });
    const closed = applyAction(lapor, h, { action: "close_without_reply", actor: system, at: at("2026-12-21", "23:00") });
    expect(closed).toMatchObject({ ok: true, transition: { from: "answered", to: "finished", actor: { id: "system", role: "sistem" } } });
  });
});

describe("claim before act", () => {
  const inVerification = () =>
    run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01", "10:00")],
    ]);
  const refuse = (h: Transition[], req: Omit<ActionRequest, "at">) => {
    const r = applyAction(permohonan, h, { ...req, at: at("2026-12-02") });
    return r.ok ? null : r.refusal;
  };

  it("an action of a claim state needs the actor's own claim", () => {
    const h = inVerification();
    expect(refuse(h, { action: "verify", actor: verifier })).toMatchObject({ code: "claim_required", status: 409 });
    const claimed = applyAction(permohonan, h, { action: "claim", actor: verifier, at: at("2026-12-01", "11:00") });
    expect(claimed).toMatchObject({ ok: true, transition: { action: "claim", from: "verification", to: "verification", actor: { id: "ver-1", role: "verifikator" } } });
    if (claimed.ok) h.push(claimed.transition);
    expect(replayCase(permohonan, h).claim).toEqual({ actorId: "ver-1", role: "verifikator", at: at("2026-12-01", "11:00") });
    expect(refuse(h, { action: "verify", actor: verifier2 })).toMatchObject({ code: "claim_required", message: expect.stringContaining("another officer") });
    expect(refuse(h, { action: "claim", actor: verifier2 })).toMatchObject({ code: "already_claimed", status: 409 });
    expect(refuse(h, { action: "claim", actor: verifier })).toMatchObject({ code: "already_claimed" });
    expect(refuse(h, { action: "verify", actor: verifier })).toBeNull();
    // The citizen may withdraw without a claim: the action says so.
    expect(refuse(h, { action: "withdraw", actor: citizen })).toBeNull();
  });

  it("release: by the claimant, or by a supervisor with a reason; never when nothing is claimed", () => {
    const h = inVerification();
    expect(refuse(h, { action: "release", actor: verifier })).toMatchObject({ code: "not_claimed", status: 409 });
    const c = applyAction(permohonan, h, { action: "claim", actor: verifier, at: at("2026-12-01", "11:00") });
    if (c.ok) h.push(c.transition);
    expect(refuse(h, { action: "release", actor: verifier2 })).toMatchObject({ code: "claim_required" });
    expect(refuse(h, { action: "release", actor: head })).toMatchObject({ code: "reason_required", status: 400 });
    expect(applyAction(permohonan, h, { action: "release", actor: head, at: at("2026-12-02"), reason: "Petugas cuti" })).toMatchObject({ ok: true, transition: { actor: { role: "kepala_unit" }, reason: "Petugas cuti" } });
    const own = applyAction(permohonan, h, { action: "release", actor: verifier, at: at("2026-12-02") });
    expect(own.ok).toBe(true);
    if (own.ok) h.push(own.transition);
    expect(replayCase(permohonan, h).claim).toBeNull();
  });

  it("the claim ends when the case moves to another state", () => {
    const h = run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01")],
      ["claim", verifier, at("2026-12-01")],
      ["verify", verifier, at("2026-12-01")],
    ]);
    expect(replayCase(permohonan, h)).toMatchObject({ state: "processing", claim: null });
    expect(refuse(h, { action: "submit_for_decision", actor: officer })).toMatchObject({ code: "claim_required" });
  });

  it("nobody claims in a waiting or terminal state, and a citizen never claims", () => {
    const h = inVerification();
    expect(refuse(h, { action: "claim", actor: citizen })).toMatchObject({ code: "role_not_allowed", status: 403 });
    const waiting = run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["accept_for_verification", verifier, at("2026-12-01")],
      ["claim", verifier, at("2026-12-01")],
      ["request_correction", verifier, at("2026-12-01"), "x"],
    ]);
    expect(refuse(waiting, { action: "claim", actor: verifier })).toMatchObject({ code: "action_not_allowed_in_state" });
  });
});

describe("refusals", () => {
  const h = run(permohonan, [
    ["start", citizen, at("2026-12-01")],
    ["accept_for_verification", verifier, at("2026-12-01")],
    ["claim", verifier, at("2026-12-01")],
  ]);
  const refusal = (req: Omit<ActionRequest, "at">, history = h) => {
    const r = applyAction(permohonan, history, { ...req, at: at("2026-12-02") });
    return r.ok ? null : r.refusal;
  };

  it("an action not allowed in the current state → 409 action_not_allowed_in_state", () => {
    expect(refusal({ action: "approve", actor: head })).toEqual({ code: "action_not_allowed_in_state", status: 409, message: '"approve" cannot be taken in "verification"' });
    expect(refusal({ action: "start", actor: citizen })).toMatchObject({ code: "action_not_allowed_in_state" });
  });

  it("a role that may not take the action → 403 role_not_allowed (checked before the claim)", () => {
    expect(refusal({ action: "verify", actor: citizen })).toEqual({ code: "role_not_allowed", status: 403, message: '"verify" is for verifikator' });
    // kepala_unit may reject, but only in the decision state: in verification only verifikator may.
    expect(refusal({ action: "reject", actor: head, reason: "x" })).toMatchObject({ code: "role_not_allowed" });
    expect(applyAction(permohonan, [], { action: "start", actor: verifier, at: at("2026-12-01") })).toMatchObject({ ok: false, refusal: { code: "role_not_allowed" } });
  });

  it("a missing or blank reason → 400 reason_required; a given reason is kept trimmed", () => {
    expect(refusal({ action: "reject", actor: verifier })).toMatchObject({ code: "reason_required", status: 400 });
    expect(refusal({ action: "reject", actor: verifier, reason: "   " })).toMatchObject({ code: "reason_required" });
    expect(applyAction(permohonan, h, { action: "reject", actor: verifier, at: at("2026-12-02"), reason: "  Bukan domisili Kota Jambi " })).toMatchObject({ ok: true, transition: { to: "rejected", reason: "Bukan domisili Kota Jambi" } });
  });

  it("an unknown action → 400 unknown_action; nothing leaves a terminal state", () => {
    expect(refusal({ action: "teleport", actor: verifier })).toMatchObject({ code: "unknown_action", status: 400 });
    const done = run(permohonan, [
      ["start", citizen, at("2026-12-01")],
      ["withdraw", citizen, at("2026-12-01")],
    ]);
    expect(refusal({ action: "accept_for_verification", actor: verifier }, done)).toMatchObject({ code: "action_not_allowed_in_state" });
    expect(refusal({ action: "claim", actor: verifier }, done)).toMatchObject({ code: "action_not_allowed_in_state" });
  });

  it("lists who may act in the state, with the refusal for a given actor", () => {
    const v = view(permohonan, h, at("2026-12-02"), verifier2);
    expect(v.actions.map((a) => [a.action, a.refusal?.code ?? "ok"])).toEqual([
      ["release", "claim_required"],
      ["request_correction", "claim_required"],
      ["verify", "claim_required"],
      ["reject", "claim_required"],
      ["withdraw", "role_not_allowed"],
    ]);
    const mine = view(permohonan, h, at("2026-12-02"), verifier);
    expect(mine.actions.filter((a) => a.refusal === null).map((a) => a.action)).toEqual(["release", "request_correction", "verify", "reject"]);
    expect(view(permohonan, h, at("2026-12-02")).actions.find((a) => a.action === "reject")).toEqual({ action: "reject", to: "rejected", roles: ["verifikator"], reasonRequired: true, requiresClaim: true, builtIn: false });
  });
});

describe("histories and moments", () => {
  it("refuses a history that does not fit the workflow", () => {
    const h = run(permohonan, [["start", citizen, at("2026-12-01")]]);
    expect(() => replayCase(permohonan, [])).toThrow(WorkflowError);
    expect(() => replayCase(permohonan, [{ ...h[0]!, to: "processing" }])).toThrow(/must be "start"/);
    expect(() => replayCase(permohonan, [...h, { action: "approve", from: "submitted", to: "approved", actor: { id: "k", role: "kepala_unit" }, at: at("2026-12-02") }])).toThrow(/not an action/);
    expect(() => replayCase(permohonan, [...h, { action: "accept_for_verification", from: "submitted", to: "verification", actor: { id: "v", role: "verifikator" }, at: at("2026-11-30") }])).toThrow(/earlier/);
    expect(() => applyAction(permohonan, h, { action: "accept_for_verification", actor: verifier, at: at("2026-11-30") })).toThrow(WorkflowError);
    expect(() => view(permohonan, h, at("2026-11-30"))).toThrow(/earlier than the last transition/);
  });

  it("reads ISO instants with a zone only", () => {
    expect(parseInstant("2026-12-07T09:30:00+07:00")).toBe(Date.parse("2026-12-07T09:30:00+07:00"));
    expect(parseInstant("2026-12-07T02:30:00.123Z")).toBe(Date.parse("2026-12-07T02:30:00.123Z"));
    expect(parseInstant("2026-12-07T09:30+09:00")).toBe(Date.parse("2026-12-07T09:30:00+09:00"));
    for (const bad of ["2026-12-07T09:30:00", "2026-12-07", "2026-02-30T00:00:00Z", "2026-12-07T24:00:00Z", "yesterday"]) expect(() => parseInstant(bad)).toThrow(WorkflowError);
  });
});
