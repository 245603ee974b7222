import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { stagesFor } from "../src/core";
import { openDatabase, type Database } from "../src/db/client";
import { seedAgencies } from "../src/db/commands/seed-agencies";
import { createPeriod } from "../src/db/commands/create-period";
import { saveAnswer } from "../src/db/commands/save-answer";
import { importLke } from "../src/db/commands/import-lke";
import { agencyIdsByCode } from "../src/db/queries/agency-ids";
import { findAssessment } from "../src/db/queries/assessments";
import { lkeWorkbookModel } from "../src/db/queries/lke-export";
import { assessments } from "../src/db/schema";
import { bundledInstrument } from "../src/lib/instrument-files";
import { readLkeWorkbook, writeLkeWorkbook } from "../src/lib/lke-workbook";
import { readAgencySeed } from "../src/lib/seed-files";
import { createPostgresTestDatabase } from "../test/helpers/test-database";
import { fmt, median } from "./stats";

const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };

async function openBenchDatabase(kind: "pglite" | "postgres"): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === "postgres") {
    const created = await createPostgresTestDatabase();
    return { database: await openDatabase({ kind: "postgres", url: created.url, poolSize: 5 }), cleanup: () => created.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-bench-lke-"));
  return { database: await openDatabase({ kind: "pglite", dataDir: dir }), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `npm run bench -- lke`: the LKE import of a 47-indicator workbook (PermenPANRB 59/2020) in which
 * every level changed — what `POST /api/assessments/:id/lke` does after the access checks: the ZIP
 * limits, parsing with exceljs, checking every row, and one transaction of 47 answer saves with
 * their audit events plus the import event. Baselines in the same run: the export of the same
 * assessment (reads + workbook) and an identity import (nothing written). Target (issue #17): < 1 s.
 */
export async function benchLke(trials = 9): Promise<void> {
  const ExcelJS = (await import("exceljs")).default;
  const compiled = bundledInstrument("permenpanrb-59-2020")!;
  for (const kind of ["pglite", "postgres"] as const) {
    const { database, cleanup } = await openBenchDatabase(kind);
    try {
      const { db } = database;
      await seedAgencies(db, readAgencySeed());
      const agencyId = (await agencyIdsByCode(db, ["15.71"])).get("15.71")!;
      const periodId = await createPeriod(db, SYSTEM, { name: "Bench LKE", year: 2025, kind: "evaluasi", withVisit: false, instrumentId: compiled.instrument.id, predicatePolicy: "exact", ownerAgencyId: null, schedule: {}, participantIds: [agencyId] });
      const id = (await db.select().from(assessments).where(eq(assessments.periodId, periodId)))[0]!.id;
      for (const [i, code] of compiled.codes.entries()) {
        await saveAnswer(db, SYSTEM, { assessmentId: id, agencyId, stage: "mandiri", indicatorCode: code, version: 0, level: (i % 5) + 1, explanation: `Penjelasan indikator ${code}: kebijakan ditetapkan dan diterapkan.`, authorUserId: null });
      }
      const found = (await findAssessment(db, id))!;
      const stages = stagesFor("evaluasi", false);
      const run = async (bytes: Buffer) => {
        const t0 = performance.now();
        const outcome = await importLke(db, SYSTEM, { assessmentId: id, agencyId, stage: "mandiri", stages, compiled, parsed: await readLkeWorkbook(bytes), authorUserId: null, mayAnswer: () => true, fileName: "bench.xlsx" });
        const ms = performance.now() - t0;
        if (!outcome.ok) throw new Error(`import failed: ${JSON.stringify(outcome).slice(0, 300)}`);
        return { ms, changed: outcome.changed.length };
      };
      const exportMs: number[] = [];
      const identityMs: number[] = [];
      const importMs: number[] = [];
      let size = 0;
      for (let trial = 0; trial < trials; trial++) {
        const t0 = performance.now();
        const exported = await writeLkeWorkbook(await lkeWorkbookModel(db, found, compiled, new Date()));
        exportMs.push(performance.now() - t0);
        size = exported.length;
        const same = await run(exported);
        if (same.changed !== 0) throw new Error("identity import changed answers");
        identityMs.push(same.ms);
        // Every level one step round the scale (5 → 1): 47 changed rows.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(exported as unknown as ArrayBuffer);
        const sheet = wb.getWorksheet("LKE")!;
        for (let r = 2; r <= 48; r++) {
          const cell = sheet.getRow(r).getCell(7);
          cell.value = ((cell.value as number) % 5) + 1;
        }
        const all = await run(Buffer.from(await wb.xlsx.writeBuffer()));
        if (all.changed !== 47) throw new Error(`expected 47 changed rows, got ${all.changed}`);
        importMs.push(all.ms);
      }
      const [e, i, c] = [median(exportMs), median(identityMs), median(importMs)];
      console.log(
        `lke ${kind}: import of 47 changed rows median ${fmt(c, 1)} ms (${trials} trials); export ${fmt(e, 1)} ms (${fmt(size / 1024)} KB), identity import ${fmt(i, 1)} ms; ` +
          `import/export ${fmt(c / e, 2)}×, import/identity ${fmt(c / i, 2)}×`,
      );
    } finally {
      await database.close();
      await cleanup();
    }
  }
}
