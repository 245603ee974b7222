import { readdir } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationAccessLog, applicationFiles, auditEvents, citizenNotifications } from "../../src/db/schema";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";
import { call, citizenSessionFor, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { sampleExe, sampleJpeg, samplePdf } from "../lib/evidence-fixtures";
import { attachFile, domisiliAnswers, domisiliService } from "../helpers/applications";

type Session = Awaited<ReturnType<typeof sessionFor>>;

const answers = domisiliAnswers;

describe(`online applications on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let serviceId: number;
  let petugas: Session;
  let petugas2: Session;
  let pejabat: Session;
  let otherAgency: Session;
  let kspbe: Session;
  let now = new Date("2026-12-23T03:00:00Z"); // Wednesday 10:00 WIB, before the Christmas holidays
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    t.context.clock = () => now;
    serviceId = await domisiliService(t.database);
    petugas = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    petugas2 = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    pejabat = await sessionFor(t.database, (await makeUser(t.database, "pejabat_layanan", "15.71")).id);
    otherAgency = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.05")).id);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
  });
  afterAll(() => t.close());

  const attach = (who: { cookie: string; csrf: string }, id: string, field: string, file: { name: string; contentType: string; data: Buffer }) => attachFile(t.app, who, id, field, file);
  const pdf = (name = "ktp.pdf") => ({ name, contentType: "application/pdf", data: samplePdf() });

  it("runs an application through the workflow: errors at once, attachments, working-day deadlines, correction, approval, product, tracking", async () => {
    const form = await call(t.app, "GET", `/api/public/services/${serviceId}/form`, null);
    expect(form.json().form).toMatchObject({ formId: "kota-jambi-domisili-usaha", version: 1, status: "published" });
    const warga = await citizenSessionFor(t.database);
    const started = await call(t.app, "POST", "/api/citizen/applications", warga, { serviceId });
    expect(started.statusCode).toBe(201);
    const id = started.json().id as string;
    expect((await call(t.app, "PUT", `/api/citizen/applications/${id}/draft`, warga, { data: { nama: "Siti" } })).statusCode).toBe(204);

    // Every field error at once, NIK/KK checked by the core.
    const bad = await call(t.app, "POST", `/api/citizen/applications/${id}/submit`, warga, { data: { nama: "Siti", nik: "1234" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe("application_invalid");
    const paths = (bad.json().details.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
    expect(paths).toContain("tanggal_lahir required");
    expect(paths).toContain("telepon required");
    expect(paths.some((p) => p.startsWith("nik nik_"))).toBe(true);
    expect(paths.length).toBeGreaterThan(5);

    // Attachments: a disguised executable and an oversized file are refused and nothing is stored.
    const dir = t.context.storage!;
    const disguised = await attach(warga, id, "scan_ktp", { name: "ktp.pdf", contentType: "application/pdf", data: sampleExe() });
    expect([disguised.statusCode, disguised.json().error]).toEqual([400, "attachment_type"]);
    const big = await attach(warga, id, "scan_ktp", { name: "ktp.pdf", contentType: "application/pdf", data: Buffer.concat([samplePdf(), Buffer.alloc(2 * 1024 * 1024 + 10, 0x20)]) });
    expect([big.statusCode, big.json().error]).toEqual([400, "attachment_too_large"]);
    const jpegAsPdfOnly = await attach(warga, id, "perjanjian_sewa", { name: "x.mp4", contentType: "video/mp4", data: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\x02\0isomiso2", "latin1"), Buffer.alloc(64)]) });
    expect(jpegAsPdfOnly.statusCode).toBe(400);
    expect(await t.database.db.select().from(applicationFiles)).toHaveLength(0);
    const stored = async () => (await readdir(`${(dir as unknown as { root: string }).root ?? ""}`, { recursive: true }).catch(() => [])).filter((f) => /[0-9a-f]{64}$/.test(String(f)));
    const storedBefore = await stored();
    expect(storedBefore).toHaveLength(0);

    const ktp = (await attach(warga, id, "scan_ktp", pdf())).json();
    const sewa = (await attach(warga, id, "perjanjian_sewa", pdf("sewa.pdf"))).json();
    const foto = (await attach(warga, id, "foto_lokasi", { name: "foto.jpg", contentType: "image/jpeg", data: sampleJpeg() })).json();
    expect(ktp).toMatchObject({ type: "application/pdf" });
    // The client's claims about a file are replaced by what was stored.
    const submitted = await call(t.app, "POST", `/api/citizen/applications/${id}/submit`, warga, { data: answers({ ktp: { ...ktp, size: 1 }, sewa, foto: [foto] }) });
    expect(submitted.statusCode).toBe(201);
    const { trackingNumber, check } = submitted.json() as { trackingNumber: string; check: string };
    expect(trackingNumber).toMatch(/^PL-2612-[2-9A-Z]{8}$/);
    // Submitted Wed 23 Dec: 24–25 Dec are holidays, 26–27 a weekend: one working day ends Mon 28 Dec.
    let mine = (await call(t.app, "GET", `/api/citizen/applications/${id}`, warga)).json();
    expect(mine.application).toMatchObject({ state: "submitted", stateDeadline: "2026-12-28" });
    expect(mine.data.scan_ktp.size).toBe(ktp.size);
    expect((await call(t.app, "POST", `/api/citizen/applications/${id}/submit`, warga, { data: answers({ ktp, sewa, foto: [foto] }) })).statusCode).toBe(409);

    // Tracking without sign-in: status only; a wrong check value is a 404.
    const tracked = await call(t.app, "POST", "/api/public/applications/track", null, { trackingNumber, check });
    expect(tracked.json()).toMatchObject({ trackingNumber, state: "submitted" });
    expect(JSON.stringify(tracked.json())).not.toContain("Siti");
    expect((await call(t.app, "POST", "/api/public/applications/track", null, { trackingNumber, check: "WRONG234" })).statusCode).toBe(404);

    // The queue: another agency and a non-service role get 404.
    expect((await call(t.app, "GET", "/api/agencies/15.71/applications", otherAgency)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/agencies/15.71/applications", kspbe)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/agencies/15.71/applications/${id}`, otherAgency)).statusCode).toBe(404);
    // Due soon already: the only working day before the deadline is today (escalation one working day before).
    const queue = (await call(t.app, "GET", "/api/agencies/15.71/applications?sla=due_soon", petugas)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await call(t.app, "GET", "/api/agencies/15.71/applications?sla=on_track", petugas)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    // Acting without the claim where the state needs it; an action of another state: 409 with the engine's code.
    now = new Date("2026-12-29T02:00:00Z");
    expect((await call(t.app, "GET", "/api/agencies/15.71/applications?sla=breached", petugas)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    const notHere = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, petugas, { action: "approve" });
    expect([notHere.statusCode, notHere.json().error]).toEqual([409, "action_not_allowed_in_state"]);
    expect((await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, petugas, { action: "accept_for_verification" })).json().state).toBe("verification");
    const unclaimed = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, petugas, { action: "request_correction", reason: "Foto buram" });
    expect([unclaimed.statusCode, unclaimed.json().error]).toEqual([409, "claim_required"]);

    // Two claims at once: one wins, the other is a 409.
    const claims = await Promise.all([petugas, petugas2].map((s) => call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, s, { action: "claim" })));
    expect(claims.map((c) => c.statusCode).sort()).toEqual([200, 409]);
    const winner = claims[0]!.statusCode === 200 ? petugas : petugas2;
    const loser = winner === petugas ? petugas2 : petugas;
    const notMine = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, loser, { action: "request_correction", reason: "x" });
    expect(notMine.statusCode).toBe(409);
    const noReason = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "request_correction" });
    expect([noReason.statusCode, noReason.json().error]).toEqual([400, "reason_required"]);
    expect((await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "request_correction", reason: "Foto lokasi buram" })).json().state).toBe("correction_requested");

    // The pause: the queue shows it paused; the citizen sees the reason and corrects.
    expect((await call(t.app, "GET", "/api/agencies/15.71/applications?sla=paused&scope=all", petugas)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    mine = (await call(t.app, "GET", `/api/citizen/applications/${id}`, warga)).json();
    expect(mine.correctionReason).toBe("Foto lokasi buram");
    expect(mine.actions.filter((a: { allowed: boolean }) => a.allowed).map((a: { action: string }) => a.action).sort()).toEqual(["resubmit", "withdraw"]);
    now = new Date("2027-01-04T02:00:00Z");
    const foto2 = (await attach(warga, id, "foto_lokasi", { name: "foto2.jpg", contentType: "image/jpeg", data: sampleJpeg() })).json();
    const badFix = await call(t.app, "POST", `/api/citizen/applications/${id}/resubmit`, warga, { data: { ...answers({ ktp, sewa, foto: [foto2] }), nik: "1571015705900" } });
    expect(badFix.json().error).toBe("application_invalid");
    const fixed = await call(t.app, "POST", `/api/citizen/applications/${id}/resubmit`, warga, { data: answers({ ktp, sewa, foto: [foto2] }) });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().application.state).toBe("verification");

    // A petugas cannot decide (kepala_unit is pejabat_layanan only): 403 role_not_allowed.
    await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "claim" });
    expect((await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "verify" })).json().state).toBe("processing");
    await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "claim" });
    expect((await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "submit_for_decision" })).json().state).toBe("decision");
    const petugasDecides = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, winner, { action: "approve" });
    expect([petugasDecides.statusCode, petugasDecides.json().error]).toEqual([403, "role_not_allowed"]);

    // The detail logs who viewed it.
    const detail = await call(t.app, "GET", `/api/agencies/15.71/applications/${id}`, pejabat);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().files).toHaveLength(4);
    const fileId = detail.json().files[0].id as string;
    expect((await call(t.app, "GET", `/api/agencies/15.71/applications/${id}/files/${fileId}`, pejabat)).statusCode).toBe(200);
    const log = await t.database.db.select().from(applicationAccessLog).where(eq(applicationAccessLog.applicationId, id));
    expect(log.map((r) => r.what).sort()).toEqual(["detail", `file:${fileId}`]);

    const approved = await call(t.app, "POST", `/api/agencies/15.71/applications/${id}/actions`, pejabat, { action: "approve" });
    expect(approved.json().state).toBe("approved");
    mine = (await call(t.app, "GET", `/api/citizen/applications/${id}`, warga)).json();
    expect(mine.application).toMatchObject({ state: "approved", terminal: true, hasProduct: true });
    const product = await call(t.app, "GET", `/api/citizen/applications/${id}/product`, warga);
    expect(product.statusCode).toBe(200);
    expect(product.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // Another citizen sees nothing of it.
    const other = await citizenSessionFor(t.database);
    expect((await call(t.app, "GET", `/api/citizen/applications/${id}`, other)).statusCode).toBe(404);
    expect((await call(t.app, "GET", `/api/citizen/applications/${id}/product`, other)).statusCode).toBe(404);

    // Every transition audited; the citizen notified in-app.
    const audited = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(["application.start", "application.claim", "application.request_correction", "application.resubmit", "application.approve"]));
    const notes = await t.database.db.select().from(citizenNotifications).where(eq(citizenNotifications.applicationId, id));
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(["application.start", "application.request_correction", "application.approve"]));
    expect((await call(t.app, "POST", "/api/public/applications/track", null, { trackingNumber, check })).json()).toMatchObject({ state: "approved", terminal: true });

    // Evidence figures per service.
    const stats = (await call(t.app, "GET", "/api/agencies/15.71/applications-stats", pejabat)).json();
    expect(stats.services.find((s: { serviceId: number }) => s.serviceId === serviceId)).toMatchObject({ submitted: 1, approved: 1, closed: 1 });
  });

  it("bulk actions report each item; forms are uploaded, refused with paths, and published", async () => {
    const warga = await citizenSessionFor(t.database);
    now = new Date("2027-01-05T02:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await call(t.app, "POST", "/api/citizen/applications", warga, { serviceId })).json().id as string;
      const ktp = (await attach(warga, id, "scan_ktp", pdf())).json();
      const sewa = (await attach(warga, id, "perjanjian_sewa", pdf())).json();
      const foto = (await attach(warga, id, "foto_lokasi", { name: "f.jpg", contentType: "image/jpeg", data: sampleJpeg() })).json();
      expect((await call(t.app, "POST", `/api/citizen/applications/${id}/submit`, warga, { data: answers({ ktp, sewa, foto: [foto] }) })).statusCode).toBe(201);
      ids.push(id);
    }
    await call(t.app, "POST", `/api/citizen/applications/${ids[1]}/withdraw`, warga, {});
    const bulk = await call(t.app, "POST", "/api/agencies/15.71/applications/bulk", petugas, { action: "accept_for_verification", ids });
    expect(bulk.json().results).toEqual([
      { id: ids[0], ok: true, error: null, state: "verification" },
      { id: ids[1], ok: false, error: "action_not_allowed_in_state", state: null },
    ]);
    expect((await call(t.app, "POST", "/api/agencies/15.05/applications/bulk", petugas, { action: "claim", ids })).statusCode).toBe(404);

    const bad = await call(t.app, "POST", "/api/agencies/15.71/forms", petugas, { definition: { id: "x", version: 1, status: "draft", title: { id: "X" }, fields: [{ type: "warp", key: "a" }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe("form_invalid");
    expect(bad.json().details.problems.length).toBeGreaterThan(0);
    expect(bad.json().details.problems[0]).toHaveProperty("path");
    const def = { ...readFormFile(bundledFormFiles().find((f) => f.includes("domisili"))!), version: 2 };
    const up = await call(t.app, "POST", "/api/agencies/15.71/forms", petugas, { definition: def });
    expect(up.statusCode).toBe(201);
    expect((await call(t.app, "POST", "/api/agencies/15.71/forms", petugas, { definition: def })).json().error).toBe("form_version_exists");
    expect((await call(t.app, "POST", `/api/agencies/15.71/forms/${up.json().id}/publish`, petugas)).statusCode).toBe(204);
    expect((await call(t.app, "POST", `/api/agencies/15.71/forms/${up.json().id}/publish`, petugas)).json().error).toBe("form_not_draft");
    expect((await call(t.app, "GET", `/api/public/services/${serviceId}/form`, null)).json().form.version).toBe(2);
    expect((await call(t.app, "GET", "/api/agencies/15.71/forms", otherAgency)).statusCode).toBe(404);
  });
});
