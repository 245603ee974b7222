import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client";
import { importOfficialResults } from "../../src/db/commands/import-official-results";
import { instrumentForYear, isSeeded, seedDemo } from "../../src/db/commands/seed-demo";
import { listAgencies } from "../../src/db/queries/agencies";
import { listPublishedResults } from "../../src/db/queries/official-results";
import { agencies, assessmentResults, assessments, officialResults, periods, userRoles, users } from "../../src/db/schema";
import { DEMO_NATIONAL_PERIOD_NAME } from "../../src/db/commands/seed-demo-national";
import { indexNumerator, predicateFor } from "../../src/core";
import { bundledInstrument } from "../../src/lib/instrument-files";
import { parseResultsCsv } from "../../src/lib/results-csv";
import { openTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

describe(`demo data on ${TEST_DB_KIND}`, () => {
  let database: Database;
  let credentials: Awaited<ReturnType<typeof seedDemo>>["credentials"];
  beforeAll(async () => {
    database = await openTestDatabase();
    expect(await isSeeded(database.db)).toBe(false);
    credentials = (await seedDemo(database.db, { demoUsers: true })).credentials;
  });
  afterAll(() => database.close());

  it("loads every province, kabupaten/kota and central agency of the register", async () => {
    const rows = await database.db.select({ category: agencies.category, n: count() }).from(agencies).groupBy(agencies.category);
    const byCat = Object.fromEntries(rows.map((r) => [r.category, r.n]));
    expect(byCat.provinsi).toBe(38);
    expect(byCat.kabupaten! + byCat.kota!).toBeGreaterThanOrEqual(514);
    expect(byCat.kementerian).toBe(34);
    expect(await isSeeded(database.db)).toBe(true);
  });

  it("Provinsi Jambi has its 11 kabupaten/kota with Kemendagri codes", async () => {
    const rows = await listAgencies(database.db, { provinceCode: "15" });
    const children = rows.filter((r) => r.code !== "15");
    expect(children.map((r) => r.code)).toEqual(["15.01", "15.02", "15.03", "15.04", "15.05", "15.06", "15.07", "15.08", "15.09", "15.71", "15.72"]);
    expect(children.every((r) => r.parentCode === "15")).toBe(true);
  });

  it("has all 1,236 official results of 2023–2024 and Jambi's 2021–2022 history", async () => {
    const [n2023] = await database.db.select({ n: count() }).from(officialResults).where(eq(officialResults.year, 2023));
    const [n2024] = await database.db.select({ n: count() }).from(officialResults).where(eq(officialResults.year, 2024));
    expect(n2023!.n + n2024!.n).toBe(1236);
    const jambi = await listPublishedResults(database.db, { agencyCodes: ["15"] });
    expect(jambi.map((r) => [r.year, r.indexHundredths / 100, r.predicate])).toEqual([
      [2021, 2.21, "Cukup"],
      [2022, 2.19, "Cukup"],
      [2023, 3.31, "Baik"],
      [2024, 3.05, "Baik"],
    ]);
    const kotaJambi2024 = await listPublishedResults(database.db, { year: 2024, agencyCodes: ["15.71"] });
    expect(kotaJambi2024[0]).toMatchObject({ indexHundredths: 432, predicate: "Memuaskan", nodeValues: { D1: 500, D2: 410, D3: 291, D4: 476 }, provinceCode: "15", provinceName: "Jambi" });
  });

  it("creates one demo account per role with a random password, stored only as an argon2id hash", async () => {
    expect(credentials.map((c) => c.role).sort()).toEqual(
      ["administrator", "asesor_eksternal", "asesor_internal", "koordinator_provinsi", "koordinator_spbe", "pelaksana_entri", "penanggung_jawab", "pimpinan", "tim_reviu", "petugas_layanan", "pejabat_layanan"].sort(),
    );
    expect(new Set(credentials.map((c) => c.password)).size).toBe(credentials.length);
    const stored = await database.db.select({ hash: users.passwordHash }).from(users);
    expect(stored.every((s) => s.hash?.startsWith("$argon2id$"))).toBe(true);
    expect(stored.some((s) => credentials.some((c) => s.hash!.includes(c.password)))).toBe(false);
    const [roles] = await database.db.select({ n: count() }).from(userRoles);
    expect(roles!.n).toBe(11);
  });

  it("demo mode adds a finalised 2024 national round in Pandu for every other province, near its published domain indices and scored by the core", async () => {
    const [period] = await database.db.select().from(periods).where(eq(periods.name, DEMO_NATIONAL_PERIOD_NAME));
    expect(period).toMatchObject({ year: 2024, kind: "evaluasi", ownerAgencyId: null, instrumentId: "permenpanrb-59-2020" });
    const rows = await database.db
      .select({ code: agencies.code, stage: assessments.stage, index10k: assessmentResults.index10k, levels: assessmentResults.levels, predicate: assessmentResults.predicate })
      .from(assessments)
      .innerJoin(agencies, eq(agencies.id, assessments.agencyId))
      .innerJoin(assessmentResults, eq(assessmentResults.assessmentId, assessments.id))
      .where(eq(assessments.periodId, period!.id));
    expect(rows).toHaveLength(37); // 38 provinces, Jambi keeps its own demo round
    expect(rows.some((r) => r.code === "15")).toBe(false);
    const published = Object.fromEntries((await listPublishedResults(database.db, { year: 2024 })).map((r) => [r.agencyCode, r.indexHundredths]));
    const compiled = bundledInstrument("permenpanrb-59-2020")!;
    for (const r of rows) {
      expect(r.stage).toBe("final");
      expect(r.index10k).toBe(indexNumerator(compiled, compiled.codes.map((c) => r.levels[c]!)));
      expect(r.predicate).toBe(predicateFor(compiled, r.index10k, "rounded2"));
      expect(Math.abs(r.index10k / 100 - published[r.code]!)).toBeLessThanOrEqual(50); // within half an index point
    }
    // Nothing of it reaches the published results.
    const [n] = await database.db.select({ n: count() }).from(officialResults);
    expect(n!.n).toBe(1241);
  });

  it("seeding again changes nothing and creates no second set of accounts", async () => {
    const again = await seedDemo(database.db, { demoUsers: true });
    expect(again.credentials).toEqual([]);
    const [n] = await database.db.select({ n: count() }).from(officialResults);
    expect(n!.n).toBe(1241);
    expect(await database.db.select().from(periods).where(eq(periods.name, DEMO_NATIONAL_PERIOD_NAME))).toHaveLength(1);
  });

  it("an import with an unknown agency writes nothing and names the row", async () => {
    const rows = parseResultsCsv(
      "year,category,province,instansi,index,predicate\n2025,kota,Jambi,Pemerintah Kota Jambi,4.40,Memuaskan\n2025,kota,Jambi,Pemerintah Kota Antah Berantah,2.00,Cukup\n",
    );
    const outcome = await importOfficialResults(database.db, rows, instrumentForYear);
    expect(outcome).toEqual({ imported: 0, unmatched: [{ line: 3, name: "Pemerintah Kota Antah Berantah", category: "kota" }] });
    const [n] = await database.db.select({ n: count() }).from(officialResults).where(eq(officialResults.year, 2025));
    expect(n!.n).toBe(0);
  });
});
