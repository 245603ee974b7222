import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client";
import { seedDemo, instrumentForYear } from "../../src/db/commands/seed-demo";
import { createPeriod } from "../../src/db/commands/create-period";
import { saveAnswer } from "../../src/db/commands/save-answer";
import { verifyAnswer } from "../../src/db/commands/verify-answer";
import { linkEvidence, unlinkEvidence } from "../../src/db/commands/evidence-links";
import { updateEvidenceMetadata } from "../../src/db/commands/evidence-metadata";
import { saveSectoralServices } from "../../src/db/commands/sectoral-services";
import { moveToStage } from "../../src/db/commands/stage-transition";
import { finaliseValid, requestReview, reviseResult } from "../../src/db/commands/finalise";
import { assignToAssessment } from "../../src/db/commands/assign";
import { setRegionalTargets } from "../../src/db/commands/regional-targets";
import { importOfficialResults } from "../../src/db/commands/import-official-results";
import { touchAssessments } from "../../src/db/queries/cache-generations";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { parseResultsCsv } from "../../src/lib/results-csv";
import { answers, assessments, evidence, evidenceVersions, periods, users } from "../../src/db/schema";
import { buildApp } from "../../src/server/app";
import { createSecretBox } from "../../src/lib/secret-box";
import { DEFAULT_THROTTLE } from "../../src/db/commands/login-throttle";
import { DEFAULT_SESSION_SETTINGS } from "../../src/server/auth/session-settings";
import { WorkspaceResponse } from "../../src/server/features/assessments/assessments.schema";
import { CockpitResponse } from "../../src/server/features/cockpit/cockpit.schema";
import { NationalResponse } from "../../src/server/features/national/national.schema";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

type Session = Awaited<ReturnType<typeof sessionFor>>;
type Role = Parameters<typeof makeUser>[1];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The workspace, the cockpit and the national view answer from an in-process cache of serialised
// bodies, checked against database counters on every request. Each write kind below must show in
// the very next GET; per-user fields must never leak; an import by another process must show too.
describe(`response cache invalidation on ${TEST_DB_KIND}`, () => {
  let database: Database;
  let url: string | null = null;
  let drop: () => Promise<void> = async () => {};
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Session, kspbe: Session, koordJambi: Session, pimpinanProv: Session, external: Session;
  let adminId: number, externalId: number;
  let kota: number, kerinci: number; // assessment ids (Kota Jambi, Kab. Kerinci)
  let periodId: number;
  let kotaAgency: number, kerinciAgency: number, provinceAgency: number;
  const ctx = () => ({ actorUserId: adminId, actorLabel: "test", ip: null, userAgent: null });

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      url = created.url;
      drop = created.drop;
      database = await openDatabase({ kind: "postgres", url, poolSize: 5 });
    } else database = await openDatabase({ kind: "pglite-memory" });
    await seedDemo(database.db, { demoUsers: false });
    app = await buildApp({
      context: { database, version: "test", auth: { sessions: DEFAULT_SESSION_SETTINGS, throttle: DEFAULT_THROTTLE }, secretBox: createSecretBox(randomBytes(32)) },
      webDir: null,
    });
    await app.ready();
    const s = async (role: Role, code: string | null) => {
      const u = await makeUser(database, role, code, null);
      return { session: await sessionFor(database, u.id), id: u.id };
    };
    const a = await s("administrator", null);
    admin = a.session;
    adminId = a.id;
    kspbe = (await s("koordinator_spbe", "15.71")).session;
    koordJambi = (await s("koordinator_provinsi", "15")).session;
    pimpinanProv = (await s("pimpinan", "15")).session;
    const e = await s("asesor_eksternal", null);
    external = e.session;
    externalId = e.id;
    const ids = await agencyIdsByCode(database.db, ["15", "15.71", "15.01"]);
    [provinceAgency, kotaAgency, kerinciAgency] = [ids.get("15")!, ids.get("15.71")!, ids.get("15.01")!];
    periodId = await createPeriod(database.db, ctx(), {
      name: "Evaluasi 2026",
      year: 2026,
      kind: "evaluasi",
      withVisit: false,
      instrumentId: "permenpanrb-59-2020",
      predicatePolicy: "exact",
      ownerAgencyId: null,
      schedule: {},
      participantIds: [kotaAgency, kerinciAgency],
    });
    const list = await database.db.select().from(assessments).where(eq(assessments.periodId, periodId));
    kota = list.find((x) => x.agencyId === kotaAgency)!.id;
    kerinci = list.find((x) => x.agencyId === kerinciAgency)!.id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await drop();
  });

  const get = async (who: Session, target: string): Promise<Json> => {
    const res = await call(app, "GET", target, who);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    return res.json();
  };
  const workspace = (id: number, who: Session = admin) => get(who, `/api/assessments/${id}`);
  const indicator = (body: Json, code: string) => body.indicators.find((i: Json) => i.code === code);
  const versionOf = async (id: number, code: string) =>
    (await database.db.select({ v: answers.version }).from(answers).where(sql`${answers.assessmentId} = ${id} and ${answers.indicatorCode} = ${code} and ${answers.stage} = 'mandiri'`))[0]?.v ?? 0;
  const answer = async (id: number, agencyId: number, code: string, level: number) => {
    const out = await saveAnswer(database.db, ctx(), { assessmentId: id, agencyId, stage: "mandiri", indicatorCode: code, version: await versionOf(id, code), level, explanation: `level ${level}`, authorUserId: adminId });
    expect(out.ok).toBe(true);
  };

  it("answers from the cache: a change that bypasses the counters stays unseen until its counter moves", async () => {
    await answer(kota, kotaAgency, "1", 2);
    const first = await workspace(kota);
    expect(indicator(first, "1").level).toBe(2);
    // The cached body keeps the documented contract (the zod schema no longer runs per request).
    expect(WorkspaceResponse.parse(first)).toEqual(first);
    // With triggers off (replication role), the answer changes but no counter does: the cache still answers.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(answers).set({ level: 5 }).where(sql`${answers.assessmentId} = ${kota} and ${answers.indicatorCode} = '1'`);
    });
    expect(indicator(await workspace(kota), "1").level).toBe(2);
    await touchAssessments(database.db, [kota]);
    expect(indicator(await workspace(kota), "1").level).toBe(5);
  });

  it("every write that changes the workspace shows in the next GET", async () => {
    const step = async (write: () => Promise<unknown>, check: (body: Json) => void) => {
      await workspace(kota); // cached now
      await write();
      check(await workspace(kota));
    };
    await step(() => answer(kota, kotaAgency, "2", 3), (b) => expect(indicator(b, "2").answers.mandiri).toMatchObject({ level: 3, explanation: "level 3" }));
    await step(
      async () => expect(await verifyAnswer(database.db, ctx(), { assessmentId: kota, agencyId: kotaAgency, indicatorCode: "2", verified: true, version: await versionOf(kota, "2") })).toBeTruthy(),
      (b) => expect(indicator(b, "2").answers.mandiri.verified).toBe(true),
    );
    const [doc] = await database.db.insert(evidence).values({ agencyId: kotaAgency, title: "Perwal Arsitektur SPBE" }).returning();
    const version = (n: number) => ({ evidenceId: doc!.id, agencyId: kotaAgency, version: n, sha256: `${n}`.repeat(64), size: 10, fileType: "pdf", contentType: "application/pdf", fileName: `perwal-${n}.pdf`, storageKey: `15.71/${n}` });
    await database.db.insert(evidenceVersions).values(version(1));
    const link = (assessmentId: number) => ({ agencyId: kotaAgency, assessmentId, indicatorCode: "2", evidenceId: doc!.id, stage: "mandiri" });
    await step(() => linkEvidence(database.db, ctx(), link(kota)), (b) => expect(indicator(b, "2").evidence.map((e: Json) => e.title)).toEqual(["Perwal Arsitektur SPBE"]));
    await step(
      () => updateEvidenceMetadata(database.db, ctx(), { agencyId: kotaAgency, evidenceId: doc!.id, changes: { title: "Perwal Arsitektur SPBE 2026" } }),
      (b) => expect(indicator(b, "2").evidence[0].title).toBe("Perwal Arsitektur SPBE 2026"),
    );
    await step(() => database.db.insert(evidenceVersions).values(version(2)), (b) => expect(indicator(b, "2").evidence[0].versionCount).toBe(2));
    // Linking the same document to another assessment changes this workspace's link count.
    await step(() => linkEvidence(database.db, ctx(), { ...link(kerinci), agencyId: kotaAgency }), (b) => expect(indicator(b, "2").evidence[0].linkCount).toBe(2));
    await step(
      () => saveSectoralServices(database.db, ctx(), { assessmentId: kota, agencyId: kotaAgency, services: [{ indicatorCode: "45", name: "Perizinan daring", unitName: "DPMPTSP" }], userId: adminId }),
      (b) => expect(b.sectoralServices.services).toEqual([{ indicatorCode: "45", name: "Perizinan daring", unitName: "DPMPTSP" }]),
    );
    await step(() => database.db.update(periods).set({ name: "Evaluasi SPBE 2026" }).where(eq(periods.id, periodId)), (b) => expect(b.period.name).toBe("Evaluasi SPBE 2026"));
    await step(
      () => moveToStage(database.db, ctx(), { assessmentId: kota, agencyId: kotaAgency, from: "mandiri", to: "dokumen", note: null, action: "assessment.submit" }),
      (b) => {
        expect(b.stage).toBe("dokumen");
        expect(indicator(b, "2")).toMatchObject({ level: 3, carried: true, from: "mandiri" });
      },
    );
    const snapshot = { levels: Object.fromEntries(Array.from({ length: 47 }, (_, i) => [String(i + 1), 3])), index10k: 30000, predicate: "Baik", predicatePolicy: "exact" };
    await step(
      async () => expect(await requestReview(database.db, ctx(), { id: kota, agencyId: kotaAgency, stage: "dokumen" }, "siap direviu")).toBe(true),
      (b) => expect(b.review).toEqual({ status: "pending", notes: "siap direviu" }),
    );
    await step(
      async () => expect(await finaliseValid(database.db, ctx(), { id: kota, agencyId: kotaAgency, stage: "dokumen" }, snapshot, null)).toBe(true),
      (b) => {
        expect(b.stage).toBe("final");
        expect(b.results.map((r: Json) => r.revision)).toEqual([1]);
      },
    );
    await step(() => reviseResult(database.db, ctx(), { id: kota, agencyId: kotaAgency, basedOn: 1 }, { ...snapshot, index10k: 31000 }, "koreksi data"), (b) => expect(b.results.map((r: Json) => r.index)).toEqual([3, 3.1]));
    await step(() => database.db.update(users).set({ name: "Admin Berganti Nama" }).where(eq(users.id, adminId)), (b) => expect(b.results[1].createdBy).toBe("Admin Berganti Nama"));
    await step(() => unlinkEvidence(database.db, ctx(), link(kota)), (b) => expect(indicator(b, "2").evidence).toEqual([]));
  });

  it("a user never receives another user's abilities, and authorization runs on every request", async () => {
    expect((await call(app, "GET", `/api/assessments/${kerinci}`, kspbe)).statusCode).toBe(404); // another agency
    const mine = await get(kspbe, `/api/assessments/${kota}`);
    const adminView = await workspace(kota, admin);
    expect(mine.abilities).not.toEqual(adminView.abilities);
    expect({ ...mine, abilities: null }).toEqual({ ...adminView, abilities: null });
    expect((await get(kspbe, `/api/assessments/${kota}`)).abilities).toEqual(mine.abilities);

    // An external assessor sees an assessment only once assigned, though its body is cached.
    expect((await call(app, "GET", `/api/assessments/${kerinci}`, external)).statusCode).toBe(404);
    await workspace(kerinci);
    await assignToAssessment(database.db, ctx(), { assessmentId: kerinci, agencyId: kerinciAgency, userId: externalId, role: "asesor_eksternal", indicatorCodes: null });
    expect((await call(app, "GET", `/api/assessments/${kerinci}`, external)).statusCode).toBe(200);
  });

  it("cockpit: answers, stage changes and targets show at once; abilities stay per user", async () => {
    const cockpit = (who: Session) => get(who, "/api/cockpit/provinces/15");
    const first = await cockpit(koordJambi);
    expect(CockpitResponse.parse(first)).toEqual(first);
    const progress = (b: Json) => b.progress.find((p: Json) => p.code === "15.01");
    const filled = progress(first).filled;
    await answer(kerinci, kerinciAgency, "7", 4);
    expect(progress(await cockpit(koordJambi)).filled).toBe(filled + 1);

    await setRegionalTargets(database.db, ctx(), { agencyId: provinceAgency, targets: [{ year: 2026, targetHundredths: 350, source: "RPJMD uji" }] });
    const withTarget = await cockpit(koordJambi);
    expect(withTarget.targets).toEqual([{ year: 2026, target: 3.5, source: "RPJMD uji", actual: null, gap: null }]);
    expect(withTarget.abilities.setTargets).toBe(true);
    const other = await cockpit(pimpinanProv);
    expect(other.abilities.setTargets).toBe(false);
    expect({ ...other, abilities: null }).toEqual({ ...withTarget, abilities: null });
    expect((await cockpit(koordJambi)).abilities.setTargets).toBe(true);

    // A kab/kota assessment moving to final changes the heat map row.
    await database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, kerinci));
    expect((await cockpit(admin)).heatmap.rows.find((r: Json) => r.code === "15.01").stage).toBe("dokumen");
  });

  it("an import by another process (the CLI on PostgreSQL) shows in the national view and the cockpit at once", async () => {
    const national = () => get(admin, "/api/national?year=2024");
    const before = await national();
    expect(NationalResponse.parse(before)).toEqual(before);
    const kotaJambi = (b: Json) => b.agencies.find((a: Json) => a.code === "15.71");
    expect(kotaJambi(before).index).toBe(4.32);
    const cockpitKota = async () => (await get(admin, "/api/cockpit/provinces/15?year=2024")).agencies.find((a: Json) => a.code === "15.71").result.index;
    expect(await cockpitKota()).toBe(4.32);

    const csv = "year,category,province,instansi,d1_kebijakan,d2_tata_kelola,d3_manajemen,d4_layanan,index,predicate,source_table\n2024,kota,Jambi,Pemerintah Kota Jambi,4.50,4.50,4.50,4.50,4.50,Memuaskan,uji\n";
    if (url) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-cache-"));
      const file = path.join(dir, "hasil.csv");
      fs.writeFileSync(file, csv);
      const run = runCli(["results", "import", file], { env: { DATABASE_URL: url, PANDU_DATA_DIR: dir, PANDU_DEMO: "false" } });
      expect(run.status, run.stderr).toBe(0);
      fs.rmSync(dir, { recursive: true, force: true });
    } else {
      // PGlite admits one process: the import command on the same handle, with no in-process hook.
      expect((await importOfficialResults(database.db, parseResultsCsv(csv), instrumentForYear)).imported).toBe(1);
    }
    expect(kotaJambi(await national()).index).toBe(4.5);
    expect(await cockpitKota()).toBe(4.5);
    // The national list of another scope (an assigned external assessor) is never served from the shared body.
    const mine = await get(external, "/api/national?year=2024");
    expect(mine.scope).toBe("assigned");
    expect(mine.agencies.map((a: Json) => a.code)).toEqual(["15.01"]);
  }, 120_000);
});
