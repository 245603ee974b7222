import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { applicationFiles, applications } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import { referencedStorageKeys } from "../queries/evidence";
import { calendarDayAt, retentionPlan, type FormDefinition } from "../../core";
import type { EvidenceStorage } from "../../lib/storage";

/** What one retention run erased. */
export interface RetentionReport {
  applications: number;
  fields: number;
  files: number;
  /** Stored objects removed (a blob another record still uses is kept). */
  blobs: number;
}

const BATCH = 500;

/**
 * Erases the answers of closed applications whose fields' retention has passed on `today` (WIB day):
 * per agency, one transaction locks up to 500 due applications, drops the due answers (core
 * `retentionPlan`), deletes the attachments of due file fields (all remaining ones once nothing is
 * left), sets the next due day, and records one audit event with the counts. What statistics use
 * (service, states, dates, deadlines, transitions) stays. After each commit the stored objects no
 * record references any more are deleted; one left by a crash in between is an unreferenced blob
 * that the evidence sweep removes. `formOf` answers a form version's definition.
 */
export async function eraseExpiredApplicationData(
  db: Db,
  storage: EvidenceStorage,
  audit: AuditContext,
  options: { today: string; formOf: (formVersionId: number) => Promise<FormDefinition> },
): Promise<RetentionReport> {
  const report: RetentionReport = { applications: 0, fields: 0, files: 0, blobs: 0 };
  const agencyIds = await db
    .selectDistinct({ agencyId: applications.agencyId })
    .from(applications)
    .where(lte(applications.retentionDue, options.today));
  for (const { agencyId } of agencyIds) {
    for (;;) {
      const due = await db
        .select({ id: applications.id, formVersionId: applications.formVersionId })
        .from(applications)
        .where(and(eq(applications.agencyId, agencyId), lte(applications.retentionDue, options.today)))
        .orderBy(asc(applications.retentionDue))
        .limit(BATCH);
      if (!due.length) break;
      const forms = new Map<number, FormDefinition>();
      for (const d of due) if (!forms.has(d.formVersionId)) forms.set(d.formVersionId, await options.formOf(d.formVersionId));
      const removedKeys = await db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: applications.id, data: applications.data, closedAt: applications.closedAt, formVersionId: applications.formVersionId })
          .from(applications)
          .where(and(inArray(applications.id, due.map((d) => d.id)), lte(applications.retentionDue, options.today)))
          .for("update");
        const keys: string[] = [];
        let fields = 0;
        let files = 0;
        for (const r of rows) {
          const form = forms.get(r.formVersionId)!;
          const plan = retentionPlan(form, r.data, calendarDayAt((r.closedAt ?? new Date(0)).getTime()), options.today);
          const gone = plan.nextDue === null ? eq(applicationFiles.applicationId, r.id) : plan.fileFields.length ? and(eq(applicationFiles.applicationId, r.id), inArray(applicationFiles.fieldKey, plan.fileFields)) : null;
          const deleted = gone ? await tx.delete(applicationFiles).where(gone).returning({ key: applicationFiles.storageKey }) : [];
          keys.push(...deleted.map((d) => d.key));
          await tx
            .update(applications)
            .set({ data: plan.data, retentionDue: plan.nextDue, updatedAt: sql`now()` })
            .where(eq(applications.id, r.id));
          fields += plan.erased.length;
          files += deleted.length;
        }
        if (rows.length) {
          await recordAudit(tx, audit, { agencyId, action: "application.retention_erase", targetType: "agency", targetId: String(agencyId), after: { applications: rows.length, fields, files, day: options.today } });
        }
        report.applications += rows.length;
        report.fields += fields;
        report.files += files;
        return [...new Set(keys)];
      });
      const keep = await referencedStorageKeys(db, removedKeys);
      for (const k of removedKeys) {
        if (keep.has(k)) continue;
        await storage.delete(k);
        report.blobs++;
      }
      if (due.length < BATCH) break;
    }
  }
  return report;
}
