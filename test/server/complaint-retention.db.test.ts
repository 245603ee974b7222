import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, complaints } from "../../src/db/schema";
import { seedDemoServices } from "../../src/db/commands/seed-demo-services";
import { runComplaintRetention } from "../../src/server/features/complaints/complaint-jobs";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const wib = (dayTime: string) => new Date(`${dayTime}:00+07:00`);
const complaint = (extra: Record<string, unknown> = {}) => ({
  category: "pelayanan",
  title: "Antrean terlalu panjang",
  description: "Antrean di loket sudah lebih dari tiga jam tanpa kejelasan kapan dilayani.",
  name: "Dewi",
  email: "dewi@example.id",
  phone: null,
  ...extra,
});

describe(`complaint retention per catalogue service on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let clock = wib("2026-03-02T09:00");
  let kspbe: Awaited<ReturnType<typeof sessionFor>>;
  let petugas: Awaited<ReturnType<typeof sessionFor>>;
  let serviceId: number;
  let otherServiceId: number;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, auth: { now: () => clock } });
    await seedDemoServices(t.database.db);
    kspbe = await sessionFor(t.database, (await makeUser(t.database, "koordinator_spbe", "15.71")).id);
    petugas = await sessionFor(t.database, (await makeUser(t.database, "petugas_layanan", "15.71")).id);
    const services = (await call(t.app, "GET", "/api/public/services?agency=15.71", null)).json().services as { id: number; complaintRetentionDays: number }[];
    expect(services.every((s) => s.complaintRetentionDays === 730)).toBe(true);
    [serviceId, otherServiceId] = [services[0]!.id, services[1]!.id];
  });
  afterAll(() => t.close());

  const retainUntil = async (trackingNumber: string) => (await t.database.db.select().from(complaints).where(eq(complaints.trackingNumber, trackingNumber)))[0]!;
  const setRetention = async (as: typeof kspbe, id: number, days: unknown) => {
    const detail = (await call(t.app, "GET", `/api/agencies/15.71/services/${id}`, as)).json().service;
    const body = { name: detail.name, summary: detail.summary, sector: detail.sector, unitId: detail.unit?.id ?? null, onlineUrl: detail.onlineUrl, atMpp: detail.atMpp, atOffice: detail.atOffice, feeRupiah: detail.feeRupiah, complaintRetentionDays: days };
    return call(t.app, "PUT", `/api/agencies/15.71/services/${id}`, as, body);
  };

  it("is edited by the catalogue's editors only, within 30–36,500 days, audited, and public", async () => {
    for (const bad of [29, 36_501, 1.5, "90"]) {
      const res = await setRetention(kspbe, serviceId, bad);
      expect([res.statusCode, res.json().details?.field], JSON.stringify(bad)).toEqual([400, "body.complaintRetentionDays"]);
    }
    expect((await setRetention(petugas, serviceId, 60)).statusCode).toBe(403);
    const ok = await setRetention(kspbe, serviceId, 60);
    expect([ok.statusCode, ok.json().service?.complaintRetentionDays], ok.body).toEqual([200, 60]);
    expect((await call(t.app, "GET", `/api/public/services/${serviceId}`, null)).json().complaintRetentionDays).toBe(60);
    const audit = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "service.update"))).filter((e) => e.targetId === String(serviceId));
    expect(audit.at(-1)!.changes.after).toMatchObject({ complaintRetentionDays: 60 });
    expect(audit.at(-1)!.changes.before).toMatchObject({ complaintRetentionDays: 730 });
  });

  it("sets each complaint's removal day from its service, re-times kept ones on a change, and the sweep honours it", async () => {
    clock = wib("2026-03-02T09:00");
    const file = async (sid: number | null) => (await call(t.app, "POST", "/api/public/agencies/15.71/complaints", null, complaint(sid === null ? {} : { serviceId: sid }))).json().trackingNumber as string;
    const short = await file(serviceId);
    const other = await file(otherServiceId);
    const none = await file(null);
    expect((await retainUntil(short)).retainUntil).toBe("2026-05-01"); // 2 March + 60 days
    expect((await retainUntil(other)).retainUntil).toBe("2028-03-01"); // + 730 days
    expect((await retainUntil(none)).retainUntil).toBe("2028-03-01");

    // A longer period for the service applies to its complaints still holding personal data.
    expect((await setRetention(kspbe, serviceId, 90)).statusCode).toBe(200);
    expect((await retainUntil(short)).retainUntil).toBe("2026-05-31");
    expect(await runComplaintRetention(t.context, wib("2026-05-30T08:00"))).toBe(0);
    expect(await runComplaintRetention(t.context, wib("2026-05-31T08:00"))).toBe(1);
    const removed = await retainUntil(short);
    expect([removed.reporterName, removed.reporterEmail, removed.personalDataRemovedAt !== null]).toEqual([null, null, true]);
    expect((await retainUntil(other)).reporterName).toBe("Dewi");
    expect((await retainUntil(none)).reporterName).toBe("Dewi");

    // A removed complaint is not re-timed; the other service's complaints follow its own change.
    expect((await setRetention(kspbe, serviceId, 365)).statusCode).toBe(200);
    expect((await retainUntil(short)).retainUntil).toBe("2026-05-31");
    expect((await setRetention(kspbe, otherServiceId, 30)).statusCode).toBe(200);
    expect((await retainUntil(other)).retainUntil).toBe("2026-04-01");
    expect(await runComplaintRetention(t.context, wib("2026-06-01T08:00"))).toBe(1);
    expect((await retainUntil(other)).reporterName).toBeNull();
    expect((await retainUntil(none)).reporterName).toBe("Dewi");
  });
});
