import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEvidence, answers, assessmentResults, assessments, auditEvents, evidence, periods } from "../../src/db/schema";
import { DEMO_PERIOD_NAME, seedDemoProvinceRound } from "../../src/db/commands/seed-demo-province";
import { createPeriod } from "../../src/db/commands/create-period";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
type Role = Parameters<typeof makeUser>[1];
const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

// Expected figures come straight from the published CSV, read here independently of the import code.
interface CsvRow {
  year: string;
  category: string;
  province: string;
  instansi: string;
  d1_kebijakan: string;
  index: string;
  predicate: string;
}
const csv = (year: number) => parse(fs.readFileSync(path.resolve(__dirname, `../../seed/official-results/spbe-results-${year}.csv`)), { columns: true }) as CsvRow[];
const cents = (v: string) => Math.round(Number(v) * 100);
/** Mean of two-decimal values, half-up to two decimals, in integer hundredths (Σ / n rounded once). */
const meanCents = (values: number[]) => Math.floor((2 * values.reduce((a, b) => a + b, 0) + values.length) / (2 * values.length));

describe(`province cockpit and national view on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let koordJambi: Session, koordSumsel: Session, admin: Session, pimpinanProv: Session, pimpinanKota: Session, kspbe: Session, external: Session, reviu: Session;
  let externalId: number;
  const rows2024 = csv(2024);
  const jambi2024 = rows2024.filter((r) => r.province === "Jambi");

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Role, code: string | null) => {
      const u = await makeUser(t.database, role, code, null);
      return { session: await sessionFor(t.database, u.id), id: u.id };
    };
    koordJambi = (await s("koordinator_provinsi", "15")).session;
    koordSumsel = (await s("koordinator_provinsi", "16")).session;
    admin = (await s("administrator", null)).session;
    reviu = (await s("tim_reviu", null)).session;
    pimpinanProv = (await s("pimpinan", "15")).session;
    pimpinanKota = (await s("pimpinan", "15.71")).session;
    kspbe = (await s("koordinator_spbe", "15.71")).session;
    const e = await s("asesor_eksternal", null);
    external = e.session;
    externalId = e.id;
  });
  afterAll(() => t.close());

  const cockpit = async (who: Session, query = "") => {
    const res = await call(t.app, "GET", `/api/cockpit/provinces/15${query}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("2024: the province + kab/kota average and the ranking follow the published table", async () => {
    expect(jambi2024).toHaveLength(12);
    const body = await cockpit(koordJambi, "?year=2024");
    const expectedMean = meanCents(jambi2024.map((r) => cents(r.index)));
    expect(body.averages.province.index).toBe(expectedMean / 100);
    expect(body.averages.province.index).toBe(3.02); // 36.24 / 12, checked by hand
    expect(body.averages.province.count).toBe(12);
    expect(body.averages.province.nodes.D1).toBe(meanCents(jambi2024.map((r) => cents(r.d1_kebijakan))) / 100);

    // Ranking: highest index first; equal indices share a rank (Tebo and Muaro Jambi, both 2.62).
    const sorted = [...jambi2024].sort((a, b) => cents(b.index) - cents(a.index));
    const ranked = body.agencies.filter((a: { rank: number | null }) => a.rank !== null);
    expect(ranked.map((a: { result: { index: number } }) => a.result.index)).toEqual(sorted.map((r) => cents(r.index) / 100));
    for (const a of ranked) expect(a.rank).toBe(1 + jambi2024.filter((r) => cents(r.index) > Math.round(a.result.index * 100)).length);
    const byName = (n: string) => body.agencies.find((a: { name: string }) => a.name.includes(n));
    expect(byName("Kota Jambi")).toMatchObject({ rank: 1, result: { index: 4.32, predicate: "Memuaskan" } });
    expect(byName("Tebo").rank).toBe(10);
    expect(byName("Muaro Jambi").rank).toBe(10);
    expect(byName("Kerinci").rank).toBe(12);
    // Change since the previous published year: 3.05 (2024) − 3.31 (2023); Batang Hari 3.55 − 3.11.
    expect(byName("Provinsi Jambi")).toMatchObject({ previous: { year: 2023, index: 3.31 }, change: -0.26 });
    expect(byName("Batanghari").change).toBe(0.44);
  });

  it("national averages of the same category come from every published row of the year", async () => {
    const body = await cockpit(koordJambi, "?year=2024");
    for (const category of ["provinsi", "kabupaten", "kota"]) {
      const values = rows2024.filter((r) => r.category === category).map((r) => cents(r.index));
      expect(body.averages.national[category]).toMatchObject({ count: values.length, index: meanCents(values) / 100 });
    }
    expect(body.averages.national.kabupaten.index).toBe(2.97); // LAP24 Tabel 8: Kabupaten 2.97
  });

  it("the trend runs from 2021 with the published history of Jambi", async () => {
    const body = await cockpit(admin);
    expect(body.year).toBe(2024);
    expect(body.trend.years).toEqual([2021, 2022, 2023, 2024]);
    const prov = body.trend.series.find((s: { code: string }) => s.code === "15");
    expect(prov.points.map((p: { year: number; index: number }) => [p.year, p.index])).toEqual([[2021, 2.21], [2022, 2.19], [2023, 3.31], [2024, 3.05]]);
    const avg2023 = meanCents(csv(2023).filter((r) => r.province === "Jambi").map((r) => cents(r.index)));
    expect(body.trend.provinceAverage.find((p: { year: number }) => p.year === 2023).index).toBe(avg2023 / 100);
  });

  it("current period progress, heat map and weakest indicators come from Pandu assessments", async () => {
    const ids = await agencyIdsByCode(t.database.db, ["15", "15.71", "15.01"]);
    // A finalised 2025 result for Kota Jambi (all indicators at level 4) …
    const finalPeriod = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi 2025", year: 2025, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [ids.get("15.71")!] });
    const [fin] = await t.database.db.select().from(assessments).where(eq(assessments.periodId, finalPeriod));
    await t.database.db.update(assessments).set({ stage: "final" }).where(eq(assessments.id, fin!.id));
    const all4 = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 4]));
    await t.database.db.insert(assessmentResults).values({ assessmentId: fin!.id, revision: 1, levels: all4, index10k: 40000, predicate: "Sangat Baik", predicatePolicy: "exact" });
    // … and a current internal round of the province: the province fills 1–10, Kab. Kerinci 1–4.
    const internal = await createPeriod(t.database.db, SYSTEM, { name: "Pemantauan Internal 2026", year: 2026, kind: "pemantauan", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: ids.get("15")!, schedule: {}, participantIds: [ids.get("15")!, ids.get("15.01")!] });
    const list = await t.database.db.select().from(assessments).where(eq(assessments.periodId, internal));
    const prov = list.find((a) => a.agencyId === ids.get("15"))!;
    const kerinci = list.find((a) => a.agencyId === ids.get("15.01"))!;
    const put = (assessmentId: number, code: number, level: number, verified: boolean) => ({ assessmentId, stage: "mandiri", indicatorCode: String(code), level, verified });
    await t.database.db.insert(answers).values([
      ...Array.from({ length: 10 }, (_, i) => put(prov.id, i + 1, (i % 3) + 1, i < 4)), // levels 1,2,3,1,2,3,1,2,3,1; 4 verified
      ...[1, 2, 3, 4].map((c) => put(kerinci.id, c, 1, false)),
    ]);
    const [doc] = await t.database.db.insert(evidence).values({ agencyId: ids.get("15")!, title: "Pergub Arsitektur SPBE" }).returning();
    await t.database.db.insert(answerEvidence).values([1, 2, 3].map((c) => ({ assessmentId: prov.id, indicatorCode: String(c), evidenceId: doc!.id })));

    const body = await cockpit(koordJambi);
    const progress = Object.fromEntries(body.progress.map((p: { code: string }) => [p.code, p]));
    expect(progress["15"]).toMatchObject({ period: "Pemantauan Internal 2026", stage: "mandiri", total: 47, filled: 10, verified: 4, withEvidence: 3 });
    expect(progress["15.01"]).toMatchObject({ filled: 4, verified: 0, withEvidence: 0 });
    expect(progress["15.71"]).toBeUndefined(); // its only assessment is final

    const heat = Object.fromEntries(body.heatmap.rows.map((r: { code: string }) => [r.code, r]));
    expect(heat["15.71"]).toMatchObject({ final: true, index: 4, year: 2025 });
    expect(heat["15"].levels["1"]).toBe(1);
    expect(heat["15"].levels["11"]).toBeNull();
    // A1 (indicators 1–10, equal weights) of the province: (1+2+3+1+2+3+1+2+3+1)/10 = 1.9
    expect(heat["15"].aspects.A1).toBe(1.9);
    // Province aspect average A1 over the three rows: (1.9 + 4 + 1) / 3 = 2.30
    expect(body.heatmap.aspectAverages.find((a: { code: string }) => a.code === "A1")).toMatchObject({ index: 2.3, count: 3 });
    // National aspect average: the newest final result of every agency in national periods — only Kota Jambi so far
    // (the province's own internal round does not count).
    const nationalA1 = (b: { heatmap: { nationalAspectAverages: { code: string }[] } }) => b.heatmap.nationalAspectAverages.find((a) => a.code === "A1");
    expect(nationalA1(body)).toMatchObject({ index: 4, count: 1 });
    // A result finalised in another province (Kota Palembang, every level 2) moves it at once, cached cockpit or not: (4 + 2) / 2.
    const palembang = (await agencyIdsByCode(t.database.db, ["16.71"])).get("16.71")!;
    const elsewhere = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi 2025 Palembang", year: 2025, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [palembang] });
    const [pal] = await t.database.db.select().from(assessments).where(eq(assessments.periodId, elsewhere));
    await t.database.db.update(assessments).set({ stage: "final" }).where(eq(assessments.id, pal!.id));
    const all2 = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 2]));
    await t.database.db.insert(assessmentResults).values({ assessmentId: pal!.id, revision: 1, levels: all2, index10k: 20000, predicate: "Cukup", predicatePolicy: "exact" });
    expect(nationalA1(await cockpit(koordJambi))).toMatchObject({ index: 3, count: 2 });
    // Weakest: indicator 4 = (1 + 4 + 1) / 3 = 2.00 and 1 = (1 + 4 + 1) / 3 = 2.00 come first, by instrument order.
    expect(body.weakest.slice(0, 2).map((w: { code: string; average: number }) => [w.code, w.average])).toEqual([["1", 2], ["4", 2]]);
    expect(body.weakest[2]).toMatchObject({ code: "2", average: 2.33, count: 3 }); // (2 + 4 + 1) / 3

    // The 2025 Pandu result joins the trend where nothing is published.
    const kota = body.trend.series.find((s: { code: string }) => s.code === "15.71");
    expect(kota.points.at(-1)).toEqual({ year: 2025, instrument: "permenpanrb-59-2020", index: 4, source: "pandu" });
  });

  it("regional targets: set by the Koordinator Provinsi (audited), shown with the gap", async () => {
    const before = (await t.database.db.select({ n: count() }).from(auditEvents))[0]!.n;
    const targets = { targets: [{ year: 2024, target: 3.4, source: "RPJMD Provinsi Jambi (uji)" }, { year: 2026, target: 3.8, source: "RPJMD Provinsi Jambi (uji)" }] };
    const res = await call(t.app, "PUT", "/api/cockpit/provinces/15/targets", koordJambi, targets);
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.database.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(before + 1);
    const body = await cockpit(pimpinanProv);
    expect(body.abilities.setTargets).toBe(false);
    expect(body.targets).toEqual([
      { year: 2024, target: 3.4, source: "RPJMD Provinsi Jambi (uji)", actual: 3.05, gap: 0.35 },
      { year: 2026, target: 3.8, source: "RPJMD Provinsi Jambi (uji)", actual: null, gap: null },
    ]);
    expect((await cockpit(koordJambi)).abilities.setTargets).toBe(true);
    expect((await call(t.app, "PUT", "/api/cockpit/provinces/15/targets", koordJambi, { targets: [{ year: 2024, target: 3.405, source: "x y z" }] })).statusCode).toBe(400);
    expect((await call(t.app, "PUT", "/api/cockpit/provinces/15/targets", admin, targets)).statusCode).toBe(403);
    expect((await call(t.app, "PUT", "/api/cockpit/provinces/15/targets", koordSumsel, targets)).statusCode).toBe(404);
  });

  it("access: another province is 404, anonymous 401, a bad code 400", async () => {
    expect((await call(t.app, "GET", "/api/cockpit/provinces/16", koordJambi)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/15", koordSumsel)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/15", pimpinanKota)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/15", kspbe)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/15", null)).statusCode).toBe(401);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/99", admin)).statusCode).toBe(404);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/15.71", admin)).statusCode).toBe(400);
    expect((await call(t.app, "GET", "/api/cockpit/provinces/16", reviu)).statusCode).toBe(200);
    const list = (await call(t.app, "GET", "/api/cockpit/provinces", koordJambi)).json();
    expect(list.provinces).toEqual([{ code: "15", name: "Jambi" }]);
    expect((await call(t.app, "GET", "/api/cockpit/provinces", admin)).json().provinces).toHaveLength(38);
    expect((await call(t.app, "GET", "/api/cockpit/provinces", pimpinanKota)).json().provinces).toEqual([]);
  });

  it("abilities show the pages only to roles that may open them", async () => {
    const abilities = async (who: Session) => (await call(t.app, "GET", "/api/me", who)).json().abilities;
    expect(await abilities(koordJambi)).toMatchObject({ openCockpit: true, openNational: false });
    expect(await abilities(pimpinanProv)).toMatchObject({ openCockpit: true, openNational: false });
    expect(await abilities(pimpinanKota)).toMatchObject({ openCockpit: false, openNational: false });
    expect(await abilities(reviu)).toMatchObject({ openCockpit: true, openNational: true });
    expect(await abilities(external)).toMatchObject({ openCockpit: false, openNational: true });
  });

  it("national view 2024: category averages, predicates, histogram, top and bottom from the CSV", async () => {
    const res = await call(t.app, "GET", "/api/national?year=2024", admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.count).toBe(rows2024.length);
    for (const c of ["kementerian", "lembaga", "provinsi", "kabupaten", "kota"]) {
      const values = rows2024.filter((r) => r.category === c).map((r) => cents(r.index));
      expect(body.categoryAverages.find((a: { category: string }) => a.category === c)).toMatchObject({ count: values.length, index: meanCents(values) / 100 });
    }
    // LAP24 Tabel 8 publishes Kementerian 4.03, Kabupaten 2.97, Kota 3.39 (Provinsi 3.42; the table gives 3.41).
    const avg = (c: string) => body.categoryAverages.find((a: { category: string }) => a.category === c).index;
    expect([avg("kementerian"), avg("provinsi"), avg("kabupaten"), avg("kota")]).toEqual([4.03, 3.41, 2.97, 3.39]);
    expect(body.average.index).toBe(meanCents(rows2024.map((r) => cents(r.index))) / 100);
    for (const p of ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"]) {
      expect(body.predicates.find((x: { predicate: string }) => x.predicate === p).count).toBe(rows2024.filter((r) => r.predicate === p).length);
    }
    expect(body.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(rows2024.length);
    const inBucket = (from: number, to: number) => rows2024.filter((r) => cents(r.index) >= from && (cents(r.index) < to || to === 500)).length;
    for (const b of body.histogram) expect(b.count).toBe(inBucket(Math.round(b.from * 100), Math.round(b.to * 100)));
    const best = Math.max(...rows2024.map((r) => cents(r.index)));
    const worst = Math.min(...rows2024.map((r) => cents(r.index)));
    expect(body.top[0].index).toBe(best / 100);
    expect(body.top[0].name).toContain("Banyuwangi"); // LAP24: national top 4.77
    expect(body.bottom[0].index).toBe(worst / 100);
    expect(body.top).toHaveLength(10);
  });

  it("national filters and access", async () => {
    const get = async (who: Session | null, q: string) => call(t.app, "GET", `/api/national${q}`, who);
    const jambi = (await get(reviu, "?year=2024&province=15")).json();
    expect(jambi.count).toBe(12);
    expect(jambi.average.index).toBe(3.02);
    const kota = (await get(admin, "?year=2024&category=kota&predicate=Memuaskan")).json();
    expect(kota.count).toBe(rows2024.filter((r) => r.category === "kota" && r.predicate === "Memuaskan").length);
    expect((await get(admin, "?category=desa")).statusCode).toBe(400);
    expect((await get(koordJambi, "")).statusCode).toBe(403);
    expect((await get(kspbe, "")).statusCode).toBe(403);
    expect((await get(null, "")).statusCode).toBe(401);
    // External assessors see only the agencies they are assigned to.
    expect((await get(external, "?year=2024")).json()).toMatchObject({ scope: "assigned", count: 0 });
    const ids = await agencyIdsByCode(t.database.db, ["15.71"]);
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: "Evaluasi 2026", year: 2026, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [ids.get("15.71")!] });
    const [a] = await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId));
    const { assessmentAssignments } = await import("../../src/db/schema");
    await t.database.db.insert(assessmentAssignments).values({ assessmentId: a!.id, userId: externalId, role: "asesor_eksternal" });
    const mine = (await get(external, "?year=2024")).json();
    expect(mine.agencies.map((x: { code: string; index: number }) => [x.code, x.index])).toEqual([["15.71", 4.32]]);
  });

  it("the demo round is added only in demo mode, once, to Jambi and its 11 kab/kota", async () => {
    // The app was seeded without demo users (not demo mode): no demo period.
    expect(await t.database.db.select().from(periods).where(eq(periods.name, DEMO_PERIOD_NAME))).toEqual([]);
    expect(await seedDemoProvinceRound(t.database.db)).toBe(true);
    expect(await seedDemoProvinceRound(t.database.db)).toBe(false);
    const [demo] = await t.database.db.select().from(periods).where(eq(periods.name, DEMO_PERIOD_NAME));
    const list = await t.database.db.select().from(assessments).where(eq(assessments.periodId, demo!.id));
    expect(list).toHaveLength(12);
    const body = await cockpit(koordJambi);
    const demoRows = body.progress.filter((p: { period: string }) => p.period === DEMO_PERIOD_NAME);
    // 12 agencies minus the three with a newer open round created above (15 and 15.01 in 2026 internal, 15.71 in 2026 national).
    expect(demoRows.map((r: { code: string }) => r.code).sort()).toEqual(["15.02", "15.03", "15.04", "15.05", "15.06", "15.07", "15.08", "15.09", "15.72"]);
    for (const r of demoRows) expect(r.filled).toBeGreaterThanOrEqual(12);
    expect(demoRows.some((r: { filled: number }) => r.filled < 47)).toBe(true);
    // The province's own targets (set earlier in this file) are kept; only the free year 2025 gets a demo target.
    expect(body.targets.map((x: { year: number; source: string }) => [x.year, x.source.startsWith("DATA DEMO")])).toEqual([[2024, false], [2025, true], [2026, false]]);
  });
});
