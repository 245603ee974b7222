import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyAction, buildCalendar, describeCase, firstRetentionDue, retentionPlan, validateWorkflow, type FormDefinition, type Transition, type WorkflowActor, type WorkflowDefinition } from "../../src/core";
import { HOLIDAYS_DIR, readHolidayDir } from "../../src/lib/holiday-files";

const cal = buildCalendar(readHolidayDir(HOLIDAYS_DIR));
const def = ((): WorkflowDefinition => {
  const r = validateWorkflow(JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../workflows/permohonan-layanan.json"), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.workflow;
})();
const citizen: WorkflowActor = { id: "c:1", roles: ["pemohon"] };
const verifier: WorkflowActor = { id: "u:1", roles: ["verifikator", "petugas_loket"] };
const system: WorkflowActor = { id: "system", roles: ["sistem"] };
const at = (day: string, time = "09:00") => `${day}T${time}:00+07:00`;

function run(steps: [string, WorkflowActor, string, string?][]): Transition[] {
  const h: Transition[] = [];
  for (const [action, actor, when, reason] of steps) {
    const r = applyAction(def, h, { action, actor, at: when, ...(reason ? { reason } : {}) });
    if (!r.ok) throw new Error(`${action}: ${r.refusal.code}`);
    h.push(r.transition);
  }
  return h;
}

/** Correction requested on Monday 21 December 2026, before Christmas and the new year. */
const waiting = () =>
  run([
    ["start", citizen, at("2026-12-18")],
    ["accept_for_verification", verifier, at("2026-12-21", "08:00")],
    ["claim", verifier, at("2026-12-21", "08:30")],
    ["request_correction", verifier, at("2026-12-21", "10:00"), "Foto buram"],
  ]);

describe("workflow auto action: expire an uncorrected application after 14 working days", () => {
  it("counts working days on the agency calendar: weekends, 24–25 Dec, 1 Jan and 5 Jan 2027 (Isra Mikraj) do not count", () => {
    const h = waiting();
    // 22, 23, 28, 29, 30, 31 Dec; 4, 6, 7, 8, 11, 12, 13, 14 Jan = 14 working days.
    expect(describeCase(def, h, { calendar: cal, now: at("2027-01-13", "23:00") }).autoAction).toEqual({ action: "expire", on: "2027-01-14", due: false });
    // On the day itself (WIB), even at one minute past midnight, the action is due.
    expect(describeCase(def, h, { calendar: cal, now: "2027-01-13T17:01:00Z" }).autoAction).toEqual({ action: "expire", on: "2027-01-14", due: true });
  });

  it("only the system role may take it; after it the case is closed and nothing is due any more", () => {
    const h = waiting();
    const byCitizen = applyAction(def, h, { action: "expire", actor: citizen, at: at("2027-01-14") });
    expect(byCitizen.ok ? null : byCitizen.refusal.code).toBe("role_not_allowed");
    const r = applyAction(def, h, { action: "expire", actor: system, at: at("2027-01-14"), reason: "Otomatis" });
    expect(r.ok && r.transition).toMatchObject({ from: "correction_requested", to: "expired", actor: { id: "system", role: "sistem" } });
    const closed = describeCase(def, [...h, (r as { transition: Transition }).transition], { calendar: cal, now: at("2027-02-01") });
    expect([closed.state, closed.terminal, closed.autoAction]).toEqual(["expired", true, null]);
  });

  it("a citizen who resubmits first takes the case out of the waiting state: the clock restarts on the next request", () => {
    const h = run([...waiting().map((t): [string, WorkflowActor, string, string?] => [t.action, t.actor.id === "c:1" ? citizen : verifier, t.at, t.reason]),
      ["resubmit", citizen, at("2027-01-13", "16:00")],
    ]);
    const v = describeCase(def, h, { calendar: cal, now: at("2027-01-20") });
    expect([v.state, v.autoAction]).toEqual(["verification", null]);
    const late = applyAction(def, h, { action: "expire", actor: system, at: at("2027-01-14") });
    expect(late.ok ? null : late.refusal.code).toBe("action_not_allowed_in_state");
    // Asked again on Friday 15 Jan: 14 working days from then, weekends skipped.
    const again = run([...h.map((t): [string, WorkflowActor, string, string?] => [t.action, t.actor.id === "c:1" ? citizen : verifier, t.at, t.reason]),
      ["claim", verifier, at("2027-01-15", "08:00")],
      ["request_correction", verifier, at("2027-01-15", "09:00"), "Masih buram"],
    ]);
    expect(describeCase(def, again, { calendar: cal, now: at("2027-01-15", "10:00") }).autoAction).toEqual({ action: "expire", on: "2027-02-04", due: false });
  });
});

const form: FormDefinition = {
  id: "f",
  version: 1,
  status: "published",
  title: { id: "F", en: "F" },
  defaultRetentionDays: 365,
  fields: [
    { key: "nama", type: "text", label: { id: "Nama", en: "Name" }, retentionDays: 30 },
    { key: "alamat", type: "address", label: { id: "Alamat", en: "Address" } },
    { key: "ktp", type: "file", label: { id: "KTP", en: "ID" }, accept: ["application/pdf"], maxSizeMb: 2, retentionDays: 30 },
    { key: "info", type: "section", label: { id: "Info", en: "Info" } },
    {
      key: "anggota",
      type: "group",
      label: { id: "Anggota", en: "Members" },
      repeat: { min: 0 },
      fields: [
        { key: "nik", type: "nik", label: { id: "NIK", en: "NIK" }, retentionDays: 30 },
        { key: "hubungan", type: "text", label: { id: "Hubungan", en: "Relation" }, retentionDays: 90 },
      ],
    },
  ],
};
const data = {
  nama: "Siti",
  alamat: { province: "15" },
  ktp: { ref: "f1", name: "ktp.pdf", size: 1, type: "application/pdf" },
  anggota: [
    { nik: "1571015705900002", hubungan: "anak" },
    { nik: "1571015705900003", hubungan: "istri" },
  ],
  stray: "not a field",
};

describe("retention of an application's answers after closing", () => {
  it("the first due day is the closing day plus the shortest retention (inside groups too)", () => {
    expect(firstRetentionDue(form, "2027-01-14")).toBe("2027-02-13");
  });

  it("keeps everything before the first due day", () => {
    const p = retentionPlan(form, data, "2027-01-14", "2027-02-12");
    expect(p.erased).toEqual([]);
    expect(p.data).toBe(data);
    expect(p.nextDue).toBe("2027-02-13");
  });

  it("erases each field on its own day, in groups item by item; files go with their field; unnamed answers go first", () => {
    const p = retentionPlan(form, data, "2027-01-14", "2027-02-13");
    expect(p.erased).toEqual(["nama", "ktp", "anggota.nik", "stray"]);
    expect(p.fileFields).toEqual(["ktp"]);
    expect(p.data).toEqual({ alamat: { province: "15" }, anggota: [{ hubungan: "anak" }, { hubungan: "istri" }] });
    expect(p.nextDue).toBe("2027-04-14");
    const later = retentionPlan(form, p.data, "2027-01-14", "2027-04-14");
    expect(later.erased).toEqual(["anggota.hubungan"]);
    expect(later.data).toEqual({ alamat: { province: "15" } });
    expect(later.nextDue).toBe("2028-01-14");
    const last = retentionPlan(form, later.data, "2027-01-14", "2028-01-14");
    expect([last.data, last.nextDue, last.erased]).toEqual([{}, null, ["alamat"]]);
  });
});
