import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli";

const WORKFLOWS = path.resolve(__dirname, "../../workflows");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-workflows-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};
const permohonan = path.join(WORKFLOWS, "permohonan-layanan.json");

describe("pandu workflows", () => {
  it("lists the bundled workflows", () => {
    const r = runCli(["workflows", "list"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pengaduan-lapor\s+v1\s+7 status \(3 akhir\)\s+10 aksi\s+tanpa SLA\s+Pengaduan pelayanan publik \(SP4N-LAPOR!\)$/);
    expect(lines[1]).toMatch(/^permohonan-layanan\s+v1\s+9 status \(4 akhir\)\s+10 aksi\s+10 hari kerja\s+Permohonan layanan \(umum\)$/);
  });

  it("validate: exit 0 for a valid file", () => {
    const r = runCli(["workflows", "validate", permohonan]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("valid (permohonan-layanan v1, 9 states, 10 actions)");
  });

  it("validate: exit 1 listing every problem with its path", () => {
    const w = JSON.parse(fs.readFileSync(permohonan, "utf8"));
    w.states.find((s: { id: string }) => s.id === "correction_requested").slaWorkingDays = 2;
    w.actions.find((a: { id: string }) => a.id === "approve").to = "granted";
    w.actions.push({ id: "release", title: { id: "Lepas", en: "Release" }, from: ["approved"], to: "processing" });
    const r = runCli(["workflows", "validate", write("bad.json", JSON.stringify(w))]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "states[2].slaWorkingDays: a state waiting for the citizen stops the clocks; it has no SLA of its own [sla_on_waiting_state]",
      'actions[9].to: unknown state "granted" [unknown_state]',
      'actions[10].id: "release" is a built-in action (start, claim, release) [reserved_action_id]',
      'actions[10].from[0]: "approved" is terminal: no action may leave it [terminal_with_actions]',
      'states[5]: state "approved" cannot be reached from the initial state "submitted" [unreachable_state]',
      expect.stringMatching(/bad\.json: 5 problem\(s\)$/),
    ]);
  });

  it("validate --format json reads stdin and YAML", () => {
    const r = runCli(["workflows", "validate", "-", "--format", "json"], { input: JSON.stringify({ id: "x" }) });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ file: "-", valid: false });
    expect(out.problems.map((p: { path: string }) => p.path)).toEqual(["version", "title", "roles", "startRoles", "initialState", "states", "actions"]);
    const yaml = [
      "id: singkat",
      "version: 1",
      "title: { id: Singkat, en: Short }",
      "roles: [{ id: warga, kind: citizen, title: { id: Warga, en: Citizen } }, { id: petugas, kind: officer, title: { id: Petugas, en: Officer } }]",
      "startRoles: [warga]",
      "initialState: baru",
      "states:",
      "  - { id: baru, title: { id: Baru, en: New }, roles: [petugas], slaWorkingDays: 2 }",
      "  - { id: selesai, title: { id: Selesai, en: Done }, terminal: true }",
      "actions:",
      "  - { id: tutup, title: { id: Tutup, en: Close }, from: [baru], to: selesai }",
    ].join("\n");
    const y = runCli(["workflows", "validate", write("singkat.yaml", yaml)]);
    expect(y.stderr).toBe("");
    expect(y.status).toBe(0);
  });

  it("validate exits 2 when the file cannot be read or parsed", () => {
    expect(runCli(["workflows", "validate", "/nonexistent/w.json"])).toMatchObject({ status: 2, stderr: expect.stringContaining("cannot read /nonexistent/w.json") });
    expect(runCli(["workflows", "validate", write("broken.json", "{ id: ")])).toMatchObject({ status: 2, stderr: expect.stringContaining("not valid JSON") });
  });

  it("simulate replays a history and shows the state, the claim, the deadlines and the actor's actions", () => {
    const history = [
      { action: "start", from: null, to: "submitted", actor: { id: "warga-1", role: "pemohon" }, at: "2026-12-02T09:00:00+07:00" },
      { action: "accept_for_verification", from: "submitted", to: "verification", actor: { id: "ver-1", role: "verifikator" }, at: "2026-12-03T09:00:00+07:00" },
      { action: "claim", from: "verification", to: "verification", actor: { id: "ver-1", role: "verifikator" }, at: "2026-12-03T09:05:00+07:00" },
    ];
    const r = runCli(["workflows", "simulate", permohonan, "-", "--now", "2026-12-07T10:00:00+07:00", "--as", "ver-2:verifikator"], { input: JSON.stringify(history) });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ state: "verification", claim: { actorId: "ver-1" }, stateSla: { deadline: "2026-12-08", status: "due_soon" }, caseSla: { deadline: "2026-12-16", status: "on_track" } });
    expect(v.actions.find((a: { action: string }) => a.action === "verify").refusal.code).toBe("claim_required");
  });

  it("simulate exits 2 on a history that does not fit the workflow", () => {
    const r = runCli(["workflows", "simulate", permohonan, "-", "--now", "2026-12-07T10:00:00+07:00"], { input: JSON.stringify([{ action: "approve", from: null, to: "approved", actor: { id: "x", role: "kepala_unit" }, at: "2026-12-02T09:00:00+07:00" }]) });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('history[0] must be "start" into "submitted"');
  });
});
