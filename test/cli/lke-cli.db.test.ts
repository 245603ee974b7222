import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";
import { openDatabase } from "../../src/db/client";
import { seedAgencies } from "../../src/db/commands/seed-agencies";
import { createPeriod } from "../../src/db/commands/create-period";
import { createUser } from "../../src/db/commands/users";
import { saveAnswer } from "../../src/db/commands/save-answer";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { readAgencySeed } from "../../src/lib/seed-files";
import { answers, assessments, auditEvents } from "../../src/db/schema";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

// `pandu lke export|import` through the real binary against a real database of each kind.
describe(`pandu lke export / import on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-lke-cli-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "false" };
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  let id = 0;
  const open = () => openDatabase(url ? { kind: "postgres", url, poolSize: 2 } : { kind: "pglite", dataDir });
  const file = path.join(dataDir, "lke.xlsx");

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      url = env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const database = await open();
    try {
      await seedAgencies(database.db, readAgencySeed());
      const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
      const periodId = await createPeriod(database.db, SYSTEM, { name: "Uji LKE", year: 2025, kind: "evaluasi", withVisit: false, instrumentId: "permenpanrb-59-2020", predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [agencyId] });
      id = (await database.db.select().from(assessments).where(eq(assessments.periodId, periodId)))[0]!.id;
      await saveAnswer(database.db, SYSTEM, { assessmentId: id, agencyId, stage: "mandiri", indicatorCode: "1", version: 0, level: 3, explanation: "Perwal arsitektur", authorUserId: null });
      await createUser(database.db, SYSTEM, { email: "entri@jambikota.go.id", name: "Pelaksana Entri", roles: [{ role: "pelaksana_entri", agencyId }], passwordHash: null });
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("exports, imports unchanged (nothing written), imports a change as a user, and lists the problems of a bad workbook with exit 2", async () => {
    const exported = await runCliAsync(["lke", "export", String(id), "-o", file], { env });
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(`${file}: 47 indicators, stage mandiri\n`);

    const same = await runCliAsync(["lke", "import", String(id), file], { env });
    expect(same.stderr).toBe("");
    expect(same.stdout).toBe(`${file}: 47 rows read, 0 answers changed\n`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("LKE")!;
    sheet.getRow(2).getCell(7).value = 4;
    sheet.getRow(3).getCell(7).value = 2;
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const changed = await runCliAsync(["lke", "import", String(id), file, "--as", "entri@jambikota.go.id"], { env });
    expect(changed.stderr).toBe("");
    expect(changed.status).toBe(0);
    expect(changed.stdout).toBe(`${file}: 47 rows read, 2 answers changed: 1, 2\n`);

    sheet.getRow(4).getCell(7).value = "tiga";
    sheet.getRow(5).getCell(7).value = 6;
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const bad = await runCliAsync(["lke", "import", String(id), file], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("LKE!G4: indicator 3:");
    expect(bad.stderr).toContain("[level_not_number]");
    expect(bad.stderr).toContain("LKE!G5: indicator 4: 6 is not an integer from 1 to 5 [level_out_of_range]");
    expect(bad.stderr).toContain("2 problem(s); nothing was imported");

    const notXlsx = path.join(dataDir, "bukan.xlsx");
    fs.writeFileSync(notXlsx, "bukan excel");
    const unreadable = await runCliAsync(["lke", "import", String(id), notXlsx], { env });
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toMatch(/not a ZIP archive/);

    const database = await open();
    try {
      const rows = await database.db.select().from(answers).where(and(eq(answers.assessmentId, id), eq(answers.stage, "mandiri")));
      expect(rows.map((r) => [r.indicatorCode, r.level, r.version]).sort()).toEqual([
        ["1", 4, 2],
        ["2", 2, 1],
      ]);
      const events = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "assessment.lke_import"));
      expect(events).toHaveLength(2);
      expect(events[1]!.actorLabel).toMatch(/^entri@jambikota\.go\.id \(cli:/);
    } finally {
      await database.close();
    }
  }, 180_000);
});
