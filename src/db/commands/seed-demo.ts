import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta } from "../schema";
import { seedAgencies } from "./seed-agencies";
import { importOfficialResults } from "./import-official-results";
import { createDemoUsers, type DemoCredential } from "./create-demo-users";
import { seedDemoProvinceRound } from "./seed-demo-province";
import { seedDemoNationalRound } from "./seed-demo-national";
import { seedDemoTasks } from "./seed-demo-tasks";
import { seedDemoServices } from "./seed-demo-services";
import { loadFormVersions } from "./applications";
import { bundledFormFiles, readFormFile } from "../../lib/form-files";
import { seedDemoSkm } from "./seed-demo-skm";
import { seedDemoComplaints } from "./seed-demo-complaints";
import { readWorkflowFile, WORKFLOWS_DIR } from "../../lib/workflow-files";
import path from "node:path";
import { DEMO_RESULT_FILES, readAgencySeed } from "../../lib/seed-files";
import { readResultsCsv } from "../../lib/results-csv";
import { officialPeriodInForce } from "../../lib/instrument-files";

export interface SeedReport {
  agencies: number;
  results: number;
  credentials: DemoCredential[];
}

/** The instrument a national evaluation year used (for a year official-periods.json does not list, the one in force then). */
export function instrumentForYear(year: number): string {
  return officialPeriodInForce(year).instrument;
}

/** Whether master data has been loaded into this database. */
export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select().from(appMeta).where(eq(appMeta.key, "seeded_at"));
  return rows.length > 0;
}

/**
 * Loads master data (the agency register and published results 2021–2024); with `demoUsers`,
 * also demo accounts with random passwords. Safe to run again: everything is upserted.
 */
export async function seedDemo(db: Db, options: { demoUsers: boolean }): Promise<SeedReport> {
  const agencyCount = await seedAgencies(db, readAgencySeed());
  let results = 0;
  for (const file of DEMO_RESULT_FILES) {
    const outcome = await importOfficialResults(db, readResultsCsv(file), instrumentForYear);
    if (outcome.unmatched.length) {
      throw new Error(`${file}: ${outcome.unmatched.length} row(s) match no agency, first: ${outcome.unmatched[0]!.name}`);
    }
    results += outcome.imported;
  }
  const credentials = options.demoUsers ? await createDemoUsers(db) : [];
  // The bundled application forms (forms/*.json); linked to their catalogue services once these exist.
  await loadFormVersions(db, bundledFormFiles().map(readFormFile));
  // Demo mode only (marked DATA DEMO): a current internal round of Provinsi Jambi for the province
  // cockpit, and a finalised national round of the other provinces for its national aspect averages.
  if (options.demoUsers) {
    await seedDemoProvinceRound(db);
    await seedDemoNationalRound(db);
    // A service catalogue (Standar Pelayanan) of Provinsi Jambi and Kota Jambi, marked DATA DEMO.
    await seedDemoServices(db);
    // …and now link the bundled forms to those services (matched by agency and slug).
    await loadFormVersions(db, bundledFormFiles().map(readFormFile));
    // SKM surveys of those services for this year with deterministic responses, marked DATA DEMO.
    await seedDemoSkm(db, Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)));
    // Complaints in several states for the same two agencies (DATA DEMO, check value DEMO22).
    await seedDemoComplaints(db, readWorkflowFile(path.join(WORKFLOWS_DIR, "pengaduan-lapor.json")), new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
    // Work waiting for every demo account (assignments, a review, due actions), dated around today in Indonesia.
    await seedDemoTasks(db, new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
  }
  const now = { at: new Date().toISOString() };
  await db.insert(appMeta).values({ key: "seeded_at", value: now }).onConflictDoUpdate({ target: appMeta.key, set: { value: now } });
  return { agencies: agencyCount, results, credentials };
}
