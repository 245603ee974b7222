import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveGeneratedEvidence } from "../../src/db/commands/save-generated-evidence";
import { agencies, evidence, evidenceVersions } from "../../src/db/schema";
import { TEST_DB_KIND } from "../helpers/test-database";
import { startEvidenceApp, type EvidenceTestApp } from "../lib/evidence-app";
import { samplePdf, sha256 } from "../lib/evidence-fixtures";

// "Simpan sebagai bukti" stores a generated file and its indicator links in one transaction.
describe(`generated evidence with its links on ${TEST_DB_KIND}`, () => {
  let t: EvidenceTestApp;
  let agencyId: number;
  beforeAll(async () => {
    t = await startEvidenceApp({ maxBytes: 1_000_000 });
    [{ agencyId }] = (await t.database.db.select({ agencyId: agencies.id }).from(agencies).where(eq(agencies.code, "15.71"))) as [{ agencyId: number }];
  });
  afterAll(async () => t.close());

  it("a link that cannot be written leaves no evidence behind; without it the file is stored once", async () => {
    const content = samplePdf("Bukti dari Pandu");
    const file = { agencyId, agencyCode: "15.71", content, fileName: "dasbor.pdf", title: "Bukti dari Pandu: dasbor layanan", documentDate: "2026-12-08", userId: null };
    const ctx = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };
    const versionsOf = () => t.database.db.select({ id: evidenceVersions.evidenceId }).from(evidenceVersions).where(eq(evidenceVersions.sha256, sha256(content)));
    // An assessment that does not exist: the link fails, and the new evidence rolls back with it.
    await expect(saveGeneratedEvidence(t.database.db, t.storage, ctx, file, [{ assessmentId: 987_654, indicatorCode: "X", stage: "mandiri" }])).rejects.toThrow();
    expect(await versionsOf()).toEqual([]);
    const saved = await saveGeneratedEvidence(t.database.db, t.storage, ctx, file, []);
    expect(saved).toMatchObject({ deduplicated: false, links: [] });
    expect(await versionsOf()).toEqual([{ id: saved.evidenceId }]);
    expect(await t.database.db.select({ id: evidence.id }).from(evidence).where(eq(evidence.id, saved.evidenceId))).toHaveLength(1);
    expect(await t.tempFiles()).toEqual([]);
  });
});
