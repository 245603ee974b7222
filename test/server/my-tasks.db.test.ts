import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { seedDemo } from "../../src/db/commands/seed-demo";
import { DEMO_PERIOD_NAME } from "../../src/db/commands/seed-demo-province";
import { DEMO_CLARIFICATION } from "../../src/db/commands/seed-demo-tasks";
import { agencies, applications, assessmentAssignments, assessments, clarificationMessages, clarificationThreads, complaints, formVersions, periods, userRoles, users } from "../../src/db/schema";
import { citizenByEmail } from "../../src/db/commands/citizens";
import { createApplicationDraft } from "../../src/db/commands/applications";
import { TasksResponse } from "../../src/server/features/tasks/tasks.schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

type Task = { kind: string; count: number; agency: { code: string } | null; deadline: string | null; overdue: boolean; link: string; indicator: string | null };

// The home page's work list: every demo account has something waiting, and nothing leaks past the policies.
describe(`GET /api/me/tasks on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let demoAssessment: Map<string, number>;
  let schedule: Record<string, { opens: string; closes: string }>;
  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.database.db, { demoUsers: true });
    const [period] = await t.database.db.select().from(periods).where(eq(periods.name, DEMO_PERIOD_NAME));
    schedule = period!.schedule;
    const rows = await t.database.db.select({ id: assessments.id, code: agencies.code }).from(assessments).innerJoin(agencies, eq(agencies.id, assessments.agencyId)).where(eq(assessments.periodId, period!.id));
    demoAssessment = new Map(rows.map((r) => [r.code, r.id]));
  });
  afterAll(() => t.close());

  const userId = async (email: string) => (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const tasksOf = async (id: number) => {
    const res = await call(t.app, "GET", "/api/me/tasks", await sessionFor(t.database, id));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(TasksResponse.parse(body)).toEqual(body);
    return body as { today: string; tasks: Task[]; counts: Record<string, number>; total: number };
  };
  const demoTasks = async (who: string) => (await tasksOf(await userId(`${who}@demo.pandu.local`))).tasks;
  const summary = (tasks: Task[]) => tasks.map((x) => `${x.kind} ${x.agency?.code ?? "-"}`).sort();

  it("answers 401 without a session", async () => {
    expect((await call(t.app, "GET", "/api/me/tasks", null)).statusCode).toBe(401);
  });

  it("gives every demo role at least one task, each with a link and the deadline of the stage schedule", async () => {
    const mandiriCloses = schedule.mandiri!.closes;
    const kspbe = await demoTasks("koordinator.spbe");
    expect(summary(kspbe)).toEqual(["action 15.71", "action 15.71", "clarification 15.71", "fill 15.71", "submit 15.71"]);
    const fill = kspbe.find((x) => x.kind === "fill")!;
    expect(fill).toMatchObject({ deadline: mandiriCloses, overdue: false, link: `/penilaian/${demoAssessment.get("15.71")}` });
    expect(fill.count).toBeGreaterThan(0);
    // Overdue first.
    expect(kspbe[0]).toMatchObject({ kind: "action", overdue: true, link: "/rekomendasi/15.71" });

    // The demo external assessor's question waits for the agency's side: the coordinator and the Penanggung Jawab.
    const question = kspbe.find((x) => x.kind === "clarification")!;
    expect(question).toMatchObject({ indicator: DEMO_CLARIFICATION.indicatorCode, deadline: mandiriCloses, link: `/penilaian/${demoAssessment.get("15.71")}?klarifikasi=${DEMO_CLARIFICATION.indicatorCode}` });
    expect(summary(await demoTasks("penanggung.jawab"))).toEqual(["action 15.71", "action 15.71", "clarification 15.71", "fill 15.71", "verify 15.71"]);
    expect(summary(await demoTasks("pelaksana.entri"))).toEqual(["fill 15.71"]);
    expect(summary(await demoTasks("asesor.internal"))).toEqual(["fill 15.71"]);
    expect(summary(await demoTasks("pimpinan"))).toEqual(["action 15.71", "action 15.71"]);
    expect(summary(await demoTasks("asesor.eksternal"))).toEqual(["assess 15.01", "assess 15.06", "close_stage 15.01", "close_stage 15.06"]);
    const review = await demoTasks("tim.reviu");
    expect(summary(review)).toEqual(["review 15.72"]);
    expect(review[0]!.link).toBe(`/penilaian/${demoAssessment.get("15.72")}`);
    expect(summary(await demoTasks("admin"))).toEqual(["close_stage 15.01", "close_stage 15.06"]);
    const province = await demoTasks("koordinator.provinsi");
    expect(province.map((x) => [x.kind, x.count, x.deadline])).toEqual([
      ["monitor", 9, mandiriCloses],
      ["monitor", 2, schedule.dokumen!.closes],
    ]);
  });

  it("gives service officers the applications and complaints waiting for their workflow roles", async () => {
    const db = t.database.db;
    // Kota Jambi's demo complaints: those in a state the officer's roles act in, not waiting for the reporter.
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(complaints).innerJoin(agencies, eq(agencies.id, complaints.agencyId)).where(and(eq(agencies.code, "15.71"), inArray(complaints.state, ["received", "follow_up"])))) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    for (const who of ["petugas.layanan", "pejabat.layanan"]) {
      const tasks = await demoTasks(who);
      expect(summary(tasks), who).toEqual(["complaints 15.71"]);
      // One demo complaint is past its verification deadline (3 working days): the engine's deadline, on the agency's calendar.
      expect(tasks[0]).toMatchObject({ count: n, link: "/pengaduan-masuk/15.71", overdue: true });
      expect(tasks[0]!.deadline! < (await tasksOf(await userId(`${who}@demo.pandu.local`))).today).toBe(true);
    }

    // Applications of Provinsi Jambi: one waiting for the front desk and overdue, one claimed by someone else, one paused for the citizen.
    const officer = await makeUser(t.database, "petugas_layanan", "15");
    const colleague = await makeUser(t.database, "petugas_layanan", "15");
    const citizen = await citizenByEmail(db, "pemohon.tugas@example.org", new Date());
    const [form] = await db.select({ serviceId: formVersions.serviceId }).from(formVersions).innerJoin(agencies, eq(agencies.id, formVersions.agencyId)).where(and(eq(agencies.code, "15"), eq(formVersions.status, "published")));
    const waiting = { state: "submitted", stateRoles: ["petugas_loket", "verifikator", "pemohon"], submittedAt: new Date("2026-01-05T02:00:00Z") };
    const cases = [
      { ...waiting, stateDeadline: "2026-01-08" },
      { ...waiting, stateDeadline: "2026-01-06", claimedByUserId: colleague.id },
      { ...waiting, stateDeadline: "2026-01-07", paused: true },
    ];
    for (const c of cases) {
      const id = await createApplicationDraft(db, { citizenId: citizen.id, serviceId: form!.serviceId!, workflowId: "permohonan-layanan", workflowVersion: 1 });
      await db.update(applications).set(c).where(eq(applications.id, id));
    }
    const mine = (await tasksOf(officer.id)).tasks.filter((x) => x.kind === "applications");
    expect(mine).toEqual([expect.objectContaining({ count: 1, deadline: "2026-01-08", overdue: true, link: "/layanan-masuk/15", agency: expect.objectContaining({ code: "15" }) })]);
    // The colleague's claim counts for the colleague.
    expect((await tasksOf(colleague.id)).tasks.find((x) => x.kind === "applications")).toMatchObject({ count: 2, deadline: "2026-01-06" });
    // Not a service role, or another agency: no queue.
    expect((await tasksOf((await makeUser(t.database, "koordinator_spbe", "15")).id)).tasks.filter((x) => x.kind === "applications" || x.kind === "complaints")).toEqual([]);
    expect((await tasksOf((await makeUser(t.database, "petugas_layanan", "15.02")).id)).total).toBe(0);
  });

  it("shows nothing of another agency and counts only the caller's own work", async () => {
    const other = await makeUser(t.database, "koordinator_spbe", "15.02");
    const tasks = (await tasksOf(other.id)).tasks;
    expect(summary(tasks)).toEqual(["fill 15.02", "submit 15.02"]);
    const nobody = await makeUser(t.database, "pimpinan", "15.03");
    expect((await tasksOf(nobody.id)).total).toBe(0);
  });

  it("an assignment counts only while its role is held", async () => {
    const assessor = await makeUser(t.database, "asesor_eksternal", null);
    await t.database.db.insert(assessmentAssignments).values({ assessmentId: demoAssessment.get("15.01")!, userId: assessor.id, role: "asesor_eksternal" });
    expect(summary((await tasksOf(assessor.id)).tasks)).toEqual(["assess 15.01", "close_stage 15.01"]);
    // The grant goes, the assignment row stays behind: no work, no access.
    await t.database.db.delete(userRoles).where(and(eq(userRoles.userId, assessor.id), eq(userRoles.role, "asesor_eksternal")));
    expect((await tasksOf(assessor.id)).total).toBe(0);
  });

  it("lists a clarification for the side that has not answered yet", async () => {
    const id = demoAssessment.get("15.01")!;
    const [thread] = await t.database.db.insert(clarificationThreads).values({ assessmentId: id, indicatorCode: "7" }).returning();
    const external = await userId("asesor.eksternal@demo.pandu.local");
    await t.database.db.insert(clarificationMessages).values({ threadId: thread!.id, authorUserId: external, side: "evaluator", body: "Mohon lengkapi SK tim." });
    const agency = await makeUser(t.database, "koordinator_spbe", "15.01");
    const waiting = (await tasksOf(agency.id)).tasks.filter((x) => x.kind === "clarification");
    expect(waiting).toEqual([expect.objectContaining({ indicator: "7", link: `/penilaian/${id}?klarifikasi=7`, deadline: schedule.dokumen!.closes })]);
    expect((await demoTasks("asesor.eksternal")).some((x) => x.kind === "clarification")).toBe(false);
    // A data-entry user of the agency reads threads but does not take part.
    const entry = await makeUser(t.database, "pelaksana_entri", "15.01");
    expect((await tasksOf(entry.id)).tasks.some((x) => x.kind === "clarification")).toBe(false);
    await t.database.db.insert(clarificationMessages).values({ threadId: thread!.id, authorUserId: agency.id, side: "agency", body: "Sudah kami unggah." });
    expect((await tasksOf(agency.id)).tasks.some((x) => x.kind === "clarification")).toBe(false);
    expect((await demoTasks("asesor.eksternal")).filter((x) => x.kind === "clarification").map((x) => x.indicator)).toEqual(["7"]);
  });
});
