import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LAPOR_DEADLINES, validateWorkflow, workflowJsonSchema } from "../../src/core";

const DIR = path.resolve(__dirname, "../../workflows");
const t = (id: string) => ({ id, en: id });

/** A small valid workflow: received → handled (claim) → done, with a pause for the citizen. */
const small = () => ({
  id: "kecil",
  version: 1,
  title: t("Kecil"),
  slaWorkingDays: 5,
  roles: [
    { id: "warga", kind: "citizen", title: t("Warga") },
    { id: "petugas", kind: "officer", title: t("Petugas") },
    { id: "sistem", kind: "system", title: t("Sistem") },
  ],
  startRoles: ["warga"],
  initialState: "received",
  states: [
    { id: "received", title: t("Diterima"), roles: ["petugas"], slaWorkingDays: 2, requiresClaim: true },
    { id: "waiting", title: t("Menunggu"), roles: ["warga"], waitsForCitizen: true },
    { id: "done", title: t("Selesai"), terminal: true },
  ],
  actions: [
    { id: "ask", title: t("Tanya"), from: ["received"], to: "waiting", reasonRequired: true },
    { id: "answer", title: t("Jawab"), from: ["waiting"], to: "received" },
    { id: "finish", title: t("Selesai"), from: ["received"], to: "done" },
  ],
});

/** A copy to break on purpose (JSON.parse: untyped, so a test can put anything anywhere). */
const loose = () => JSON.parse(JSON.stringify(small()));

describe("validateWorkflow", () => {
  it("accepts the bundled workflows", () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"));
    expect(files.sort()).toEqual(["pengaduan-lapor.json", "permohonan-layanan.json"]);
    for (const f of files) expect(validateWorkflow(JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8"))).problems, f).toEqual([]);
    expect(validateWorkflow(small()).ok).toBe(true);
  });

  it("the complaint workflow carries the SP4N-LAPOR! clocks: verify 3, follow up 5, close after 10 working days", () => {
    const w = JSON.parse(fs.readFileSync(path.join(DIR, "pengaduan-lapor.json"), "utf8"));
    const state = (id: string) => w.states.find((s: { id: string }) => s.id === id);
    expect(state("received").slaWorkingDays).toBe(LAPOR_DEADLINES.verification.workingDays);
    expect(state("follow_up").slaWorkingDays).toBe(LAPOR_DEADLINES.followUp.workingDays);
    expect(state("answered")).toMatchObject({ waitsForCitizen: true, autoAction: { afterWorkingDays: LAPOR_DEADLINES.autoClose.workingDays } });
    expect([LAPOR_DEADLINES.verification.workingDays, LAPOR_DEADLINES.followUp.workingDays, LAPOR_DEADLINES.autoClose.workingDays]).toEqual([3, 5, 10]);
  });

  it("reports every problem with its path at once", () => {
    const w = loose();
    w.roles.push({ id: "petugas", kind: "officer", title: t("Dua kali") });
    w.states.push(
      { id: "orphan", title: t("Yatim"), roles: ["petugas"] },
      { id: "done", title: t("Lagi"), terminal: true },
      { id: "loop", title: t("Putar"), roles: ["petugas"] },
    );
    w.states[1].slaWorkingDays = 3; // SLA on a waiting state
    w.actions.push(
      { id: "jump", title: t("Lompat"), from: ["received", "nowhere"], to: "limbo" },
      { id: "reopen", title: t("Buka"), from: ["done"], to: "received" },
      { id: "claim", title: t("Klaim"), from: ["received"], to: "received" },
      { id: "finish", title: t("Lagi"), from: ["received"], to: "done" },
      { id: "spin", title: t("Putar"), from: ["received"], to: "loop", roles: ["lurah"] },
      { id: "spin2", title: t("Putar"), from: ["loop"], to: "loop" },
    );
    const r = validateWorkflow(w);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "roles[3].id duplicate_id",
      "states[1].slaWorkingDays sla_on_waiting_state",
      "states[4].id duplicate_id",
      "actions[3].from[1] unknown_state",
      "actions[3].to unknown_state",
      "actions[4].from[0] terminal_with_actions",
      "actions[5].id reserved_action_id",
      "actions[6].id duplicate_id",
      "actions[7].roles[0] unknown_role",
      "states[3] unreachable_state",
      "states[5] no_path_to_terminal",
    ]);
    expect(r.problems.find((p) => p.code === "unreachable_state")?.message).toBe('state "orphan" cannot be reached from the initial state "received"');
  });

  it("needs a terminal state, an initial state that exists and is not terminal", () => {
    const w = small();
    w.states = w.states.filter((s) => !s.terminal);
    w.actions = w.actions.filter((a) => a.to !== "done");
    expect(validateWorkflow(w).problems.map((p) => `${p.path} ${p.code}`)).toEqual(["states no_terminal_state"]);
    expect(validateWorkflow({ ...small(), initialState: "done" }).problems.map((p) => p.code)).toContain("initial_state_terminal");
    expect(validateWorkflow({ ...small(), initialState: "start" }).problems.map((p) => `${p.path} ${p.code}`)).toEqual(["initialState unknown_state"]);
  });

  it("checks waiting states: a citizen or the system must be able to act, nobody claims there", () => {
    const w = loose();
    w.actions[1].roles = ["petugas"]; // only an officer could answer
    w.states[1].roles = ["warga", "petugas"];
    w.states[1].requiresClaim = true;
    expect(validateWorkflow(w).problems.map((p) => `${p.path} ${p.code}`)).toEqual(["states[1].requiresClaim claim_not_possible", "states[1] waiting_without_citizen"]);
  });

  it("checks roles: unknown roles, roles that do not act in the state, claims only officers can make", () => {
    const w = loose();
    w.startRoles = ["warga", "camat"];
    w.states[0].roles = ["petugas", "warga"];
    w.actions[2].roles = ["warga"]; // finish by the citizen in a claim state
    w.actions[0].roles = ["sistem"]; // sistem does not act in "received"
    expect(validateWorkflow(w).problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "startRoles[1] unknown_role",
      "actions[0].from[0] role_not_in_state",
      "actions[0].roles[0] role_not_in_state",
      "actions[2].from[0] claim_not_possible",
    ]);
  });

  it("checks automatic actions and escalation margins", () => {
    const w = loose();
    w.states[1].autoAction = { action: "answer", afterWorkingDays: 10 }; // answer is the citizen's, not the system's
    w.states[0].escalateWorkingDaysBefore = 2; // = the SLA: would escalate on entry
    w.states[2].slaWorkingDays = 1;
    expect(validateWorkflow(w).problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "states[0].escalateWorkingDaysBefore escalation_not_before_deadline",
      "states[2].slaWorkingDays terminal_with_sla",
      "states[1].autoAction.action bad_auto_action",
    ]);
    w.states[1].autoAction = { action: "vanish", afterWorkingDays: 10 };
    expect(validateWorkflow(w).problems.map((p) => p.code)).toContain("unknown_action");
  });

  it("reports shape problems with their paths and still checks the references", () => {
    const w = loose();
    w.version = 0;
    w.states[0].slaWorkingDays = 1.5;
    w.states[0].colour = "red";
    w.actions[0].to = "nowhere";
    const r = validateWorkflow(w);
    expect(r.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "version invalid_shape",
      "states[0].slaWorkingDays invalid_shape",
      "states[0] invalid_shape",
      "actions[0].to unknown_state",
      "states[1] unreachable_state",
    ]);
    expect(validateWorkflow(null).problems).toEqual([{ path: "(root)", code: "invalid_shape", message: "expected a workflow object" }]);
  });
});

describe("workflows/workflow.schema.json", () => {
  it("matches the zod schemas (regenerate with scripts/gen-workflow-schema.ts)", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(DIR, "workflow.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(workflowJsonSchema())));
  });
});

describe("officer roles held by Pandu's service roles (heldBy)", () => {
  it("maps petugas_layanan and pejabat_layanan to the workflow's officer roles; a role without heldBy is held by both", async () => {
    const { officerRolesOf } = await import("../../src/core");
    const def = JSON.parse(fs.readFileSync(path.join(DIR, "permohonan-layanan.json"), "utf8"));
    expect(officerRolesOf(def, ["petugas_layanan"])).toEqual(["petugas_loket", "verifikator", "pengolah"]);
    expect(officerRolesOf(def, ["pejabat_layanan"])).toEqual(["petugas_loket", "verifikator", "pengolah", "kepala_unit"]);
    expect(officerRolesOf(def, ["koordinator_spbe", "pimpinan"])).toEqual([]);
    expect(officerRolesOf({ roles: [{ id: "x", kind: "officer" }, { id: "p", kind: "citizen" }] }, ["petugas_layanan"])).toEqual(["x"]);
  });
});
