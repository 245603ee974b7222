import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseAssessment, planMultiYear, planRoadmap, spreadDueDates, type Role } from "../../src/core";
import { createPeriod } from "../../src/db/commands/create-period";
import { uploadEvidence } from "../../src/db/commands/evidence-upload";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { agencies, answers, assessments, auditEvents, improvementActions, recommendations, units } from "../../src/db/schema";
import { evidenceSettingsOf, todayInIndonesia } from "../../src/server/features/evidence/evidence-settings";
import { aspectOfIndicator } from "../../src/server/features/planning/assessment-levels";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { levelsFor, p59 } from "../helpers/instruments";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
type Session = Awaited<ReturnType<typeof sessionFor>>;

// Improvement planning through the API: recommendations and who writes them, actions with status,
// owner, budget, comments and progress evidence, the analysis with the saved general recommendation,
// roadmap → actions, and the piloting board (JSON and XLSX) of a small crafted province.
describe(`improvement planning API on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  const as: Partial<Record<string, Session>> = {};
  const compiled = p59();
  const aspectOf = aspectOfIndicator(compiled);
  let jambiAssessment = 0;
  const jambiLevels = levelsFor(compiled, (c) => (Number(c) % 3) + 1); // levels 1..3

  const user = async (key: string, role: Role, agency: string | null) => {
    as[key] = await sessionFor(t.database, (await makeUser(t.database, role, agency, null)).id);
    return as[key]!;
  };
  const req = (who: string | null, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown) => call(t.app, method, url, who ? as[who]! : null, body);
  const idOf = async (code: string) => (await agencyIdsByCode(t.database.db, [code])).get(code)!;

  /** A period with one assessment per agency and mandiri answers from `levels(agencyCode)`. */
  async function assessWith(codes: string[], year: number, levels: (agency: string) => Record<string, number>): Promise<Map<string, number>> {
    const ids = await agencyIdsByCode(t.database.db, codes);
    const periodId = await createPeriod(t.database.db, SYSTEM, { name: `Evaluasi ${year}`, year, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: codes.map((c) => ids.get(c)!) });
    const rows = await t.database.db.select().from(assessments).where(eq(assessments.periodId, periodId));
    const out = new Map<string, number>();
    for (const code of codes) {
      const a = rows.find((r) => r.agencyId === ids.get(code))!;
      await t.database.db.insert(answers).values(Object.entries(levels(code)).map(([indicatorCode, level]) => ({ assessmentId: a.id, stage: "mandiri", indicatorCode, level })));
      out.set(code, a.id);
    }
    return out;
  }

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    await user("kspbe", "koordinator_spbe", "15.71");
    await user("pj", "penanggung_jawab", "15.71");
    await user("entri", "pelaksana_entri", "15.71");
    await user("pimpinan", "pimpinan", "15.71");
    await user("kprov", "koordinator_provinsi", "15");
    await user("palembang", "koordinator_spbe", "16.71");
    await user("admin", "administrator", null);
    await user("reviu", "tim_reviu", null);
    jambiAssessment = (await assessWith(["15.71"], 2026, () => jambiLevels)).get("15.71")!;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("recommendations", () => {
    it("each writer gets its own source; readers of other agencies get 404; read-only roles cannot write", async () => {
      const own = await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { text: "Tetapkan Perwal Arsitektur SPBE", priority: "high", aspectCodes: ["A1"] });
      expect(own.statusCode).toBe(201);
      expect(own.json()).toMatchObject({ source: "internal", priority: "high", aspectCodes: ["A1"], canEdit: true, agency: { code: "15.71" } });

      const prov = await req("kprov", "POST", "/api/agencies/15.71/recommendations", { text: "Ikuti program bersama manajemen data" });
      expect(prov.statusCode).toBe(201);
      expect(prov.json().source).toBe("tim_pilot_provinsi");
      expect((await req("kprov", "POST", "/api/agencies/16.71/recommendations", { text: "Di luar provinsi Jambi" })).statusCode).toBe(404);

      const ministry = await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Perkuat keamanan SPBE", assessmentId: jambiAssessment });
      expect(ministry.statusCode).toBe(201);
      expect(ministry.json()).toMatchObject({ source: "kemenpanrb", assessmentId: jambiAssessment, period: { year: 2026 } });

      expect((await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { text: "Menyamar sebagai kementerian", source: "kemenpanrb" })).statusCode).toBe(403);
      expect((await req("pimpinan", "POST", "/api/agencies/15.71/recommendations", { text: "Pimpinan hanya membaca" })).statusCode).toBe(403);
      expect((await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { text: "pendek" })).statusCode).toBe(400);
      expect((await req("palembang", "POST", "/api/agencies/15.71/recommendations", { text: "Instansi lain" })).statusCode).toBe(404);

      const list = await req("pimpinan", "GET", "/api/agencies/15.71/recommendations");
      expect(list.statusCode).toBe(200);
      expect(list.json().recommendations.map((r: { source: string }) => r.source).sort()).toEqual(["internal", "kemenpanrb", "tim_pilot_provinsi"]);
      expect(list.json().abilities).toEqual({ writeRecommendations: [], manageActions: false });
      expect((await req("palembang", "GET", "/api/agencies/15.71/recommendations")).statusCode).toBe(404);
      expect((await req(null, "GET", "/api/agencies/15.71/recommendations")).statusCode).toBe(401);

      // Only a writer of the same source changes or removes it.
      const ministryId = ministry.json().id as number;
      expect((await req("kspbe", "PATCH", `/api/recommendations/${ministryId}`, { priority: "low" })).statusCode).toBe(403);
      expect((await req("reviu", "PATCH", `/api/recommendations/${ministryId}`, { priority: "low" })).json().priority).toBe("low");
      expect((await req("palembang", "DELETE", `/api/recommendations/${own.json().id}`)).statusCode).toBe(404);
      expect((await req("kspbe", "DELETE", `/api/recommendations/${own.json().id}`)).statusCode).toBe(204);
      expect((await req("kspbe", "GET", "/api/agencies/15.71/recommendations")).json().recommendations).toHaveLength(2);
    });
  });

  describe("actions", () => {
    let recId = 0;
    beforeAll(async () => {
      recId = (await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { text: "Susun peta rencana SPBE" })).json().id;
    });

    it("are written by the Koordinator SPBE and Penanggung Jawab with owner, due date, budget and status; overdue until done", async () => {
      const [ownUnit] = await t.database.db.insert(units).values({ agencyId: await idOf("15.71"), name: "Dinas Kominfo" }).returning();
      const [foreignUnit] = await t.database.db.insert(units).values({ agencyId: await idOf("16.71"), name: "Dinas Kominfo Palembang" }).returning();
      expect((await req("pj", "POST", `/api/recommendations/${recId}/actions`, { title: "Bentuk tim", ownerUnitId: foreignUnit!.id })).statusCode).toBe(400);
      expect((await req("entri", "POST", `/api/recommendations/${recId}/actions`, { title: "Bentuk tim" })).statusCode).toBe(403);
      expect((await req("palembang", "POST", `/api/recommendations/${recId}/actions`, { title: "Bentuk tim" })).statusCode).toBe(404);

      const created = await req("pj", "POST", `/api/recommendations/${recId}/actions`, { title: "Bentuk tim penyusun", ownerUnitId: ownUnit!.id, ownerName: "Budi", dueDate: "2020-01-31", budget: 25_000_000, targetIndicatorCode: "3", targetLevel: 3 });
      expect(created.statusCode).toBe(201);
      const action = created.json();
      expect(action).toMatchObject({ ownerUnit: { id: ownUnit!.id, name: "Dinas Kominfo" }, ownerName: "Budi", dueDate: "2020-01-31", budget: 25_000_000, status: "planned", overdue: true });

      expect((await req("entri", "PATCH", `/api/actions/${action.id}`, { status: "done" })).statusCode).toBe(403);
      const done = await req("kspbe", "PATCH", `/api/actions/${action.id}`, { status: "done" });
      expect(done.json()).toMatchObject({ status: "done", overdue: false });
      const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "action.update"), eq(auditEvents.targetId, String(action.id))));
      expect(events.map((e) => e.changes)).toEqual([{ before: { status: "planned" }, after: { status: "done" } }]);

      const commented = await req("pj", "POST", `/api/actions/${action.id}/comments`, { body: "SK tim sudah ditandatangani" });
      expect(commented.statusCode).toBe(201);
      expect(commented.json().comments.map((c: { body: string }) => c.body)).toEqual(["SK tim sudah ditandatangani"]);
      expect((await req("pimpinan", "POST", `/api/actions/${action.id}/comments`, { body: "Bagus" })).statusCode).toBe(403);
    });

    it("link progress evidence only from the same agency's library", async () => {
      const action = (await req("kspbe", "POST", `/api/recommendations/${recId}/actions`, { title: "Tetapkan SK tim" })).json();
      const { storage, maxBytes } = evidenceSettingsOf(t.context);
      const upload = async (code: string, text: string) =>
        (await uploadEvidence(t.database.db, storage, SYSTEM, { agencyId: await idOf(code), agencyCode: code, source: Readable.from([Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`)]), fileName: "sk.pdf", maxBytes, userId: null }, { title: `SK ${text}`, documentNumber: null, documentDate: null, reviewDate: null })).evidenceId;
      const foreign = await upload("16.71", `palembang-${Date.now()}`);
      const own = await upload("15.71", `jambi-${Date.now()}`);
      expect((await req("kspbe", "POST", `/api/actions/${action.id}/evidence`, { evidenceId: foreign })).statusCode).toBe(404);
      const linked = await req("kspbe", "POST", `/api/actions/${action.id}/evidence`, { evidenceId: own });
      expect(linked.statusCode).toBe(201);
      expect(linked.json().evidence.map((e: { id: number }) => e.id)).toEqual([own]);
      expect((await req("kspbe", "POST", `/api/actions/${action.id}/evidence`, { evidenceId: own })).statusCode).toBe(200);
      expect((await req("kspbe", "DELETE", `/api/actions/${action.id}/evidence/${own}`)).statusCode).toBe(204);
      expect((await req("kspbe", "DELETE", `/api/actions/${action.id}/evidence/${own}`)).statusCode).toBe(404);
    });
  });

  describe("analysis and the general recommendation", () => {
    it("analyses the levels in force with the core and keeps the assessor's edited text", async () => {
      const res = await req("kprov", "GET", `/api/assessments/${jambiAssessment}/analysis?lang=id`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const expected = analyseAssessment(compiled.instrument, jambiLevels, "exact");
      expect(body.analysis.indexHundredths).toBe(expected.indexHundredths);
      expect(body.analysis.aspects.map((a: { code: string; fulfilmentPercent: number }) => [a.code, a.fulfilmentPercent])).toEqual(expected.aspects.map((a) => [a.code, a.fulfilmentPercent]));
      expect(body.levels).toEqual(jambiLevels);
      expect(body.missing).toEqual([]);
      expect(body.draft.length).toBeGreaterThan(50);
      expect(body.saved).toBeNull();
      expect(body.abilities.editRecommendation).toBe(false);
      expect((await req("palembang", "GET", `/api/assessments/${jambiAssessment}/analysis`)).statusCode).toBe(404);

      expect((await req("kspbe", "PUT", `/api/assessments/${jambiAssessment}/recommendation`, { text: "Teks dari instansi sendiri" })).statusCode).toBe(403);
      const saved = await req("reviu", "PUT", `/api/assessments/${jambiAssessment}/recommendation`, { text: "Ringkasan: indeks Cukup. Saran: perkuat kebijakan internal." });
      expect(saved.statusCode).toBe(200);
      const again = (await req("kspbe", "GET", `/api/assessments/${jambiAssessment}/analysis`)).json();
      expect(again.saved).toMatchObject({ text: "Ringkasan: indeks Cukup. Saran: perkuat kebijakan internal." });
    });
  });

  describe("roadmap to actions", () => {
    it("one target without a due date: the actions' due dates are spread from today to 31 December of the target year", async () => {
      const rec = (await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Capai predikat Baik sampai 2030", assessmentId: jambiAssessment })).json();
      const plan = planRoadmap(compiled, { levels: jambiLevels, target: { predicate: "Baik" }, maxStepsPerIndicator: 1, policy: "exact" });
      if (!plan.feasible) throw new Error("the demo target should be reachable");
      expect(plan.steps.length).toBeGreaterThan(2);
      const before = todayInIndonesia();
      const res = await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Baik" }, targetYear: 2030 });
      const after = todayInIndonesia();
      expect(res.statusCode).toBe(201);
      const due = res.json().actions.map((a: { dueDate: string }) => a.dueDate);
      // The same day counted by the server (a run across midnight may take the next day).
      expect([spreadDueDates(plan.steps.length, before, 2030), spreadDueDates(plan.steps.length, after, 2030)]).toContainEqual(due);
      expect(due.at(-1)).toBe("2030-12-31");
      expect([...due].sort()).toEqual(due);
      expect(due[0] > before).toBe(true);
      // targetYear only with one target and no shared due date.
      expect((await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Baik" }, targetYear: 2030, dueDate: "2027-06-30" })).statusCode).toBe(400);
      expect((await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { targets: [{ year: 2027, target: { predicate: "Baik" } }], targetYear: 2030 })).statusCode).toBe(400);
    });

    it("creates exactly the optimiser's steps in one transaction, and nothing when the target is out of reach", async () => {
      const rec = (await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Capai predikat Baik tahun depan", assessmentId: jambiAssessment })).json();
      const costs = { "1": 3, "2": 2 };
      const plan = planRoadmap(compiled, { levels: jambiLevels, target: { predicate: "Baik" }, costs, maxStepsPerIndicator: 2, policy: "exact" });
      expect(plan.feasible).toBe(true);
      if (!plan.feasible) return;
      expect((await req("pimpinan", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Baik" } })).statusCode).toBe(403);

      const res = await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Baik" }, costs, maxStepsPerIndicator: 2, dueDate: "2027-06-30" });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.steps).toEqual(plan.steps);
      expect(body.predicate).toBe(plan.predicate);
      expect(body.actions.map((a: { targetIndicatorCode: string; targetLevel: number; dueDate: string }) => [a.targetIndicatorCode, a.targetLevel, a.dueDate])).toEqual(plan.steps.map((s) => [s.indicator, s.to, "2027-06-30"]));
      const stored = await t.database.db.select().from(improvementActions).where(eq(improvementActions.recommendationId, rec.id));
      expect(stored).toHaveLength(plan.steps.length);
      const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "action.create_from_roadmap"), eq(auditEvents.targetId, String(rec.id))));
      expect(audit).toHaveLength(1);

      const tooFar = await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { index: 5 }, maxStepsPerIndicator: 1 });
      expect(tooFar.statusCode).toBe(422);
      expect(tooFar.json().error).toBe("not_reachable");
      expect((await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Luar Biasa" } })).statusCode).toBe(400);
      expect(await t.database.db.select().from(improvementActions).where(eq(improvementActions.recommendationId, rec.id))).toHaveLength(plan.steps.length);

      const noAssessment = (await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { text: "Tanpa penilaian terkait" })).json();
      expect((await req("kspbe", "POST", `/api/recommendations/${noAssessment.id}/actions/from-roadmap`, { target: { predicate: "Baik" } })).statusCode).toBe(400);
    });
  });

  describe("multi-year roadmap and budgets from costs", () => {
    const actionsOf = async (recommendationId: number) => t.database.db.select().from(improvementActions).where(eq(improvementActions.recommendationId, recommendationId)).orderBy(improvementActions.id);
    const rupiah = Object.fromEntries(compiled.codes.map((c) => [c, 1_000_000 * ((Number(c) % 4) + 1)]));

    it("plans each year from the previous one on the server, dates actions 31 December of their year and budgets them with Rupiah costs", async () => {
      const rec = (await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Peta jalan SPBE 2027–2028", assessmentId: jambiAssessment })).json();
      const targets = [
        { year: 2028, target: { predicate: "Sangat Baik" } },
        { year: 2027, target: { predicate: "Baik" } },
      ];
      const expected = planMultiYear(compiled, { levels: jambiLevels, targets, costs: rupiah, maxStepsPerIndicator: 1, policy: "exact" });
      expect(expected.map((y) => [y.year, y.plan.feasible])).toEqual([
        [2027, true],
        [2028, true],
      ]);
      const res = await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { targets, costs: rupiah, costUnit: "rupiah" });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      const want = expected.flatMap((y) => (y.plan.feasible ? y.plan.steps.map((s) => [s.indicator, s.to, `${y.year}-12-31`, s.cost]) : []));
      expect(want.length).toBeGreaterThan(0);
      expect(body.actions.map((a: { targetIndicatorCode: string; targetLevel: number; dueDate: string; budget: number }) => [a.targetIndicatorCode, a.targetLevel, a.dueDate, a.budget])).toEqual(want);
      // The same indicator may rise once in each year; the second year starts where the first ends.
      const last = expected[1]!.plan;
      expect(body.years.map((y: { year: number; predicate: string }) => [y.year, y.predicate])).toEqual([
        [2027, expected[0]!.plan.feasible && expected[0]!.plan.predicate],
        [2028, last.feasible && last.predicate],
      ]);
      expect(body.totalCost).toBe(want.reduce((n, w) => n + (w[3] as number), 0));
      expect((await actionsOf(rec.id)).map((a) => a.budget)).toEqual(want.map((w) => w[3]));
      const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "action.create_from_roadmap"), eq(auditEvents.targetId, String(rec.id))));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.changes).toMatchObject({ after: { costUnit: "rupiah" } });
    });

    it("writes nothing when a year is out of reach or the request is malformed", async () => {
      const rec = (await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Peta jalan yang terlalu ambisius", assessmentId: jambiAssessment })).json();
      const post = (body: unknown) => req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, body);
      const unreachable = await post({ targets: [{ year: 2027, target: { predicate: "Baik" } }, { year: 2028, target: { index: 5 } }] });
      expect(unreachable.statusCode).toBe(422);
      expect(unreachable.json()).toMatchObject({ error: "not_reachable", details: { year: 2028 } });
      expect((await post({ target: { predicate: "Baik" }, targets: [{ year: 2027, target: { predicate: "Baik" } }] })).statusCode).toBe(400);
      expect((await post({ targets: [{ year: 2027, target: { predicate: "Baik" } }], dueDate: "2027-06-30" })).statusCode).toBe(400);
      expect((await post({ targets: [{ year: 2027, target: { predicate: "Baik" } }, { year: 2027, target: { predicate: "Cukup" } }] })).statusCode).toBe(400);
      expect((await post({ target: { predicate: "Baik" }, costs: { "1": 1500.5 }, costUnit: "rupiah" })).statusCode).toBe(400);
      expect(await actionsOf(rec.id)).toEqual([]);
    });

    it("keeps person-day estimates out of the budget and writes them into the title", async () => {
      const rec = (await req("reviu", "POST", "/api/agencies/15.71/recommendations", { text: "Capai Baik dengan hari kerja", assessmentId: jambiAssessment })).json();
      const plan = planRoadmap(compiled, { levels: jambiLevels, target: { predicate: "Baik" }, costs: { "1": 0.5 }, policy: "exact" });
      expect(plan.feasible && plan.steps.some((s) => s.indicator === "1")).toBe(true);
      const res = await req("pj", "POST", `/api/recommendations/${rec.id}/actions/from-roadmap`, { target: { predicate: "Baik" }, costs: { "1": 0.5 }, costUnit: "person_days", dueDate: "2027-12-31" });
      expect(res.statusCode).toBe(201);
      const actions = res.json().actions as { targetIndicatorCode: string; title: string; budget: number | null }[];
      expect(actions.every((a) => a.budget === null)).toBe(true);
      expect(actions.find((a) => a.targetIndicatorCode === "1")!.title).toMatch(/perkiraan 0,5 hari kerja$/);
      expect(actions.filter((a) => a.title.includes("hari kerja")).map((a) => a.targetIndicatorCode)).toEqual(["1"]);
    });
  });

  describe("a new recommendation with its actions in one call", () => {
    const counts = async () => ({
      recommendations: (await t.database.db.select().from(recommendations)).length,
      actions: (await t.database.db.select().from(improvementActions)).length,
      audit: (await t.database.db.select().from(auditEvents)).length,
    });

    it("writes the recommendation and every action together, one audit event per row", async () => {
      const [unit] = await t.database.db.insert(units).values({ agencyId: await idOf("15.71"), name: "Bagian Organisasi" }).returning();
      const res = await req("kspbe", "POST", "/api/agencies/15.71/recommendations", {
        text: "Tetapkan kebijakan manajemen data",
        priority: "high",
        actions: [
          { title: "Susun rancangan Perwal", dueDate: "2027-03-31", budget: 15_000_000, targetIndicatorCode: "9", targetLevel: 2 },
          { title: "Konsultasi publik", ownerUnitId: unit!.id, status: "in_progress" },
        ],
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.actions.map((a: { title: string; dueDate: string | null; budget: number | null; ownerUnit: { id: number } | null; status: string }) => [a.title, a.dueDate, a.budget, a.ownerUnit?.id ?? null, a.status])).toEqual([
        ["Susun rancangan Perwal", "2027-03-31", 15_000_000, null, "planned"],
        ["Konsultasi publik", null, null, unit!.id, "in_progress"],
      ]);
      const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, String(body.id)));
      expect(events.filter((e) => e.action === "recommendation.create")).toHaveLength(1);
      for (const a of body.actions) {
        expect((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "action.create"), eq(auditEvents.targetId, String(a.id))))).length).toBe(1);
      }
    });

    it("rejects the whole request when any action is invalid, and writes nothing", async () => {
      const before = await counts();
      const [foreignUnit] = await t.database.db.insert(units).values({ agencyId: await idOf("16.71"), name: "Bappeda Palembang" }).returning();
      const base = { text: "Rekomendasi yang tidak boleh tersimpan" };
      const badTitle = await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { ...base, actions: [{ title: "Aksi yang sah" }, { title: "x" }] });
      expect(badTitle.statusCode).toBe(400);
      expect(badTitle.json().error).toBe("validation_error");
      expect((await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { ...base, actions: [{ title: "Aksi yang sah" }, { title: "Anggaran negatif", budget: -5 }] })).statusCode).toBe(400);
      const foreign = await req("kspbe", "POST", "/api/agencies/15.71/recommendations", { ...base, actions: [{ title: "Aksi yang sah" }, { title: "Unit instansi lain", ownerUnitId: foreignUnit!.id }] });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().message).toContain("body.actions.1.ownerUnitId");
      // The province may write the recommendation but not the agency's actions.
      expect((await req("kprov", "POST", "/api/agencies/15.71/recommendations", { ...base, actions: [{ title: "Aksi provinsi" }] })).statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });
  });

  describe("piloting board of a crafted province with three kab/kota", () => {
    const codes = ["99.01", "99.02", "99.03"];
    const aspectOfTarget = (code: string) => aspectOf.get(code)!;
    beforeAll(async () => {
      const [prov] = await t.database.db.insert(agencies).values({ code: "99", name: "Provinsi Uji", category: "provinsi" }).returning();
      await t.database.db.insert(agencies).values(codes.map((code, i) => ({ code, name: `Kabupaten Uji ${i + 1}`, category: "kabupaten" as const, parentId: prov!.id })));
      await user("kprov99", "koordinator_provinsi", "99");
      // Indicator 1 weak in 99.01 and 99.02; indicator 2 weak in 99.01 only; 99.03 all at level 3.
      await assessWith(codes, 2026, (agency) => levelsFor(compiled, (c) => (c === "1" && agency !== "99.03" ? 1 : c === "2" && agency === "99.01" ? 2 : 3)));
      const ids = await agencyIdsByCode(t.database.db, codes);
      const rec = async (agency: string, aspectCodes: string[] = []) => (await t.database.db.insert(recommendations).values({ agencyId: ids.get(agency)!, text: `Rekomendasi ${agency}`, source: "tim_pilot_provinsi", aspectCodes }).returning())[0]!.id;
      const act = async (agency: string, recommendationId: number, v: { title: string; status: "planned" | "in_progress" | "done" | "blocked"; dueDate?: string; targetIndicatorCode?: string; budget?: number }) =>
        t.database.db.insert(improvementActions).values({ recommendationId, agencyId: ids.get(agency)!, ...v });
      const r1 = await rec("99.01");
      await act("99.01", r1, { title: "Perbup Arsitektur SPBE", status: "done", targetIndicatorCode: "1", budget: 10_000_000 });
      await act("99.01", r1, { title: "Reviu kebijakan", status: "planned", targetIndicatorCode: "2", dueDate: "2020-03-31", budget: 5_000_000 });
      const r2 = await rec("99.02", ["A3"]);
      await act("99.02", r2, { title: "Tata kelola data", status: "in_progress", dueDate: "2999-12-31" });
      await act("99.02", r2, { title: "Forum data", status: "blocked" });
    });

    it("counts actions by status, fills the kab/kota × aspect matrix, lists overdue actions and shared weak indicators", async () => {
      expect((await req("kprov", "GET", "/api/provinces/99/piloting-board")).statusCode).toBe(404);
      expect((await req("kspbe", "GET", "/api/provinces/15/piloting-board")).statusCode).toBe(404);
      const res = await req("kprov99", "GET", "/api/provinces/99/piloting-board?year=2026");
      expect(res.statusCode).toBe(200);
      const b = res.json();
      expect(b.agencies.map((a: { code: string; recommendations: number; actions: unknown }) => [a.code, a.recommendations, a.actions])).toEqual([
        ["99.01", 1, { total: 2, planned: 1, inProgress: 0, done: 1, blocked: 0, overdue: 1 }],
        ["99.02", 1, { total: 2, planned: 0, inProgress: 1, done: 0, blocked: 1, overdue: 0 }],
        ["99.03", 0, { total: 0, planned: 0, inProgress: 0, done: 0, blocked: 0, overdue: 0 }],
      ]);
      const cell = (agency: string, aspect: string) => b.matrix.find((r: { agencyCode: string }) => r.agencyCode === agency).cells.find((c: { aspectCode: string }) => c.aspectCode === aspect);
      // Indicators 1 and 2 share aspect A1: one done, one planned (and overdue) → 50 %.
      expect(aspectOfTarget("1")).toBe("A1");
      expect(aspectOfTarget("2")).toBe("A1");
      expect(cell("99.01", "A1")).toMatchObject({ total: 2, done: 1, planned: 1, overdue: 1, donePercent: 50 });
      expect(cell("99.02", "A3")).toMatchObject({ total: 2, inProgress: 1, blocked: 1, donePercent: 0 });
      expect(cell("99.02", "A1")).toMatchObject({ total: 0, donePercent: null });
      expect(b.matrix.flatMap((r: { cells: { total: number }[] }) => r.cells).reduce((n: number, c: { total: number }) => n + c.total, 0)).toBe(4);
      expect(b.overdue.map((o: { agencyCode: string; title: string; dueDate: string }) => [o.agencyCode, o.title, o.dueDate])).toEqual([["99.01", "Reviu kebijakan", "2020-03-31"]]);
      expect(b.weakIndicators.map((w: { code: string; agencies: { code: string; level: number }[] }) => [w.code, w.agencies.map((a) => [a.code, a.level])])).toEqual([["1", [["99.01", 1], ["99.02", 1]]]]);
    });

    it("exports every action and the matrix as XLSX that parses back", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/provinces/99/piloting-board.xlsx?year=2026", headers: { cookie: as.kprov99!.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const actions = wb.getWorksheet("Aksi")!;
      const rows = actions.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
      expect(rows).toEqual([
        ["99.01", "Kabupaten Uji 1", "Rekomendasi 99.01", "Perbup Arsitektur SPBE", undefined, undefined, "Selesai", 10_000_000, "Tidak"],
        ["99.01", "Kabupaten Uji 1", "Rekomendasi 99.01", "Reviu kebijakan", undefined, "2020-03-31", "Direncanakan", 5_000_000, "Ya"],
        ["99.02", "Kabupaten Uji 2", "Rekomendasi 99.02", "Tata kelola data", undefined, "2999-12-31", "Berjalan", undefined, "Tidak"],
        ["99.02", "Kabupaten Uji 2", "Rekomendasi 99.02", "Forum data", undefined, undefined, "Terhambat", undefined, "Tidak"],
      ]);
      const matrix = wb.getWorksheet("Matriks")!;
      expect(matrix.rowCount).toBe(4);
      const header = (matrix.getRow(1).values as unknown[]).slice(1) as string[];
      const a1 = header.findIndex((h) => h.startsWith("A1 ")) + 1;
      const a3 = header.findIndex((h) => h.startsWith("A3 ")) + 1;
      expect(matrix.getRow(2).getCell(a1).value).toBe("1/2");
      expect(matrix.getRow(3).getCell(a3).value).toBe("0/2");
      expect(matrix.getRow(4).getCell(a1).value).toBeNull();
    });
  });
});
