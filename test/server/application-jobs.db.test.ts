import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationFiles, applications, applicationTransitions, auditEvents, citizenNotifications } from "../../src/db/schema";
import { runApplicationAutoActions, runApplicationRetention } from "../../src/server/features/applications/application-jobs";
import { EvidenceObjectMissingError } from "../../src/lib/storage";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { attachFile, domisiliAnswers, domisiliService } from "../helpers/applications";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { sampleJpeg, samplePdf } from "../lib/evidence-fixtures";

type Session = Awaited<ReturnType<typeof sessionFor>>;
type Citizen = Awaited<ReturnType<typeof citizenSessionFor>>;

describe(`application jobs (auto actions, retention) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let serviceId: number;
  let petugas: Session;
  let pejabat: Session;
  let now = new Date("2026-12-18T02:00:00Z");
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    t.context.clock = () => now;
    serviceId = await domisiliService(t.database);
    petugas = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    pejabat = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15.71")).id);
  });
  afterAll(() => t.close());

  const act = (id: string, action: string, reason?: string) => call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, petugas, reason ? { action, reason } : { action });
  const pdf = (data: Buffer = samplePdf()) => ({ name: "ktp.pdf", contentType: "application/pdf", data });

  /** A submitted application whose verifier asked for a correction at `now`. */
  async function waitingForCorrection(warga: Citizen, ktpData?: Buffer) {
    const id = (await call(t.app, "POST", "/api/citizen/applications", warga, { serviceId })).json().id as string;
    const ktp = (await attachFile(t.app, warga, id, "scan_ktp", pdf(ktpData))).json();
    const sewa = (await attachFile(t.app, warga, id, "perjanjian_sewa", pdf())).json();
    const foto = (await attachFile(t.app, warga, id, "foto_lokasi", { name: "foto.jpg", contentType: "image/jpeg", data: sampleJpeg() })).json();
    const data = domisiliAnswers({ ktp, sewa, foto: [foto] });
    expect((await call(t.app, "POST", `/api/citizen/applications/${id}/submit`, warga, { data })).statusCode).toBe(201);
    expect((await act(id, "accept_for_verification")).statusCode).toBe(200);
    expect((await act(id, "claim")).statusCode).toBe(200);
    expect((await act(id, "request_correction", "Foto lokasi buram")).json().state).toBe("correction_requested");
    return { id, data };
  }
  const stateOf = async (id: string) => (await t.database.db.select({ state: applications.state }).from(applications).where(eq(applications.id, id)))[0]!.state;
  const steps = async (id: string) => t.database.db.select().from(applicationTransitions).where(eq(applicationTransitions.applicationId, id));

  let expiredId = "";
  let shared = Buffer.alloc(0);

  it("expires an uncorrected application on its 14th working day (holidays skipped) as the system, once, and the citizen can no longer correct it", async () => {
    const warga = await citizenSessionFor(t.database);
    now = new Date("2026-12-21T03:00:00Z"); // Monday 21 Dec, 10:00 WIB
    shared = samplePdf("KTP bersama");
    const { id, data } = await waitingForCorrection(warga, shared);
    expiredId = id;

    now = new Date("2027-01-13T16:00:00Z"); // 23:00 WIB on 13 Jan: the 13th working day
    expect(await runApplicationAutoActions(t.context, now)).toEqual({ acted: 0, skipped: 1 });
    expect(await stateOf(id)).toBe("correction_requested");

    now = new Date("2027-01-14T01:00:00Z"); // 08:00 WIB on 14 Jan
    expect(await runApplicationAutoActions(t.context, now)).toEqual({ acted: 1, skipped: 0 });
    expect(await runApplicationAutoActions(t.context, now)).toEqual({ acted: 0, skipped: 0 });
    const last = (await steps(id)).sort((a, b) => a.seq - b.seq).at(-1)!;
    expect(last).toMatchObject({ action: "expire", fromState: "correction_requested", toState: "expired", actorId: "system", actorRole: "sistem" });
    expect(last.reason).toContain("14 hari kerja");
    // …and as a code with its values, which the interface words in the reader's language.
    expect([last.reasonCode, last.reasonParams]).toEqual(["application_auto_action", { workingDays: 14, deadline: "2027-01-14" }]);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "application.expire")));
    expect(audit.map((a) => a.actorLabel)).toEqual(["sistem"]);
    const notes = await t.database.db.select().from(citizenNotifications).where(and(eq(citizenNotifications.applicationId, id), eq(citizenNotifications.kind, "application.expire")));
    expect(notes).toHaveLength(1);

    const mine = (await call(t.app, "GET", `/api/citizen/applications/${id}`, warga)).json();
    expect(mine.application).toMatchObject({ state: "expired", terminal: true });
    expect(mine.history.at(-1)).toMatchObject({ action: "expire", role: "sistem", byCitizen: false, systemReason: { code: "application_auto_action", params: { workingDays: 14, deadline: "2027-01-14" } } });
    const late = await call(t.app, "POST", `/api/citizen/applications/${id}/resubmit`, warga, { data });
    expect([late.statusCode, late.json().error]).toEqual([409, "action_not_allowed_in_state"]);
    expect((await t.database.db.select({ d: applications.retentionDue }).from(applications).where(eq(applications.id, id)))[0]!.d).toBe("2028-01-14");
  });

  it("erases each field after its retention (attachments from the store too) and keeps what the statistics need", async () => {
    // Another open application uses the same KTP file: its stored object must stay.
    now = new Date("2027-03-02T03:00:00Z");
    const other = await citizenSessionFor(t.database);
    const { id: otherId } = await waitingForCorrection(other, shared);
    const files = await t.database.db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, expiredId));
    const ktpKey = files.find((f) => f.fieldKey === "scan_ktp")!.storageKey;
    const sewaKey = files.find((f) => f.fieldKey === "perjanjian_sewa")!.storageKey;
    const fotoKey = files.find((f) => f.fieldKey === "foto_lokasi")!.storageKey;
    const storage = t.context.storage!;
    const statsBefore = (await call(t.app, "GET", "/api/agencies/15.71/applications-stats", pejabat)).json();

    now = new Date("2028-01-13T16:59:00Z"); // 23:59 WIB the day before: nothing yet
    expect((await runApplicationRetention(t.context, storage, now)).applications).toBe(0);

    now = new Date("2028-01-14T01:00:00Z"); // 365 days after closing: telepon, email, scan_ktp
    const r = await runApplicationRetention(t.context, storage, now);
    expect(r).toMatchObject({ applications: 1, files: 1, blobs: 0 });
    const [row] = await t.database.db.select().from(applications).where(eq(applications.id, expiredId));
    const kept = row!.data as Record<string, unknown>;
    expect(kept).not.toHaveProperty("telepon");
    expect(kept).not.toHaveProperty("scan_ktp");
    expect(kept).toMatchObject({ nama: "Siti Aminah", nik: "1571015705900002" });
    expect(row!.retentionDue).toBe("2029-01-13"); // foto_lokasi: 730 days
    expect((await t.database.db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, expiredId))).map((f) => f.fieldKey).sort()).toEqual(["foto_lokasi", "perjanjian_sewa"]);
    // The KTP object is shared with the other application: kept.
    await expect(storage.open(ktpKey).then((s) => void s.destroy())).resolves.toBeUndefined();
    expect((await t.database.db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, otherId))).some((f) => f.storageKey === ktpKey)).toBe(true);
    expect((await runApplicationRetention(t.context, storage, now)).applications).toBe(0);

    now = new Date("2029-01-13T01:00:00Z"); // 730 days: foto_lokasi
    expect(await runApplicationRetention(t.context, storage, now)).toMatchObject({ applications: 1, files: 1, blobs: 1 });
    await expect(storage.open(fotoKey)).rejects.toBeInstanceOf(EvidenceObjectMissingError);

    now = new Date("2032-01-13T01:00:00Z"); // 1825 days (form default): everything left, every file
    expect(await runApplicationRetention(t.context, storage, now)).toMatchObject({ applications: 1, blobs: 1 });
    const [gone] = await t.database.db.select().from(applications).where(eq(applications.id, expiredId));
    expect([gone!.data, gone!.retentionDue, gone!.state, gone!.serviceId]).toEqual([{}, null, "expired", serviceId]);
    expect(await t.database.db.select().from(applicationFiles).where(eq(applicationFiles.applicationId, expiredId))).toEqual([]);
    await expect(storage.open(sewaKey)).rejects.toBeInstanceOf(EvidenceObjectMissingError);
    expect((await steps(expiredId)).length).toBeGreaterThan(4);

    const statsAfter = (await call(t.app, "GET", "/api/agencies/15.71/applications-stats", pejabat)).json();
    expect(statsAfter).toEqual(statsBefore);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "application.retention_erase"));
    expect(audits).toHaveLength(3);
    expect(audits[0]!.changes.after).toMatchObject({ applications: 1, files: 1 });
  });
  it("a citizen resubmitting at the same moment as the job: exactly one of them moves the case, never a 500", async () => {
    for (let i = 0; i < 3; i++) {
      const warga = await citizenSessionFor(t.database);
      now = new Date("2027-02-01T03:00:00Z");
      const { id, data } = await waitingForCorrection(warga);
      now = new Date("2027-03-01T03:00:00Z"); // past the 14th working day after 1 Feb
      const [job, resubmit] = await Promise.all([runApplicationAutoActions(t.context, now), call(t.app, "POST", `/api/citizen/applications/${id}/resubmit`, warga, { data })]);
      const state = await stateOf(id);
      if (resubmit.statusCode === 200) {
        expect(state).toBe("verification");
        expect(job.acted).toBe(0);
      } else {
        expect([resubmit.statusCode, resubmit.json().error]).toEqual([409, "action_not_allowed_in_state"]);
        expect(state).toBe("expired");
      }
      const s = await steps(id);
      expect(s.filter((x) => x.action === "expire" || x.action === "resubmit")).toHaveLength(1);
    }
  });

});
