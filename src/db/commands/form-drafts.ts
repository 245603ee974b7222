import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { formVersions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { FormDefinition } from "../../core";
import { lockDraftFormVersion, serviceIdOf } from "./applications";

/**
 * Replaces the definition of a draft form version (the form builder's save; the core has validated
 * it). The draft keeps its identity: the form id and version of the row win over the definition's,
 * so a save never forks or renumbers a form. A published version is never changed (`not_draft`);
 * another agency's version is `not_found`. The audit row records the old and new field counts.
 */
export async function updateFormDraft(db: Db, ctx: AuditContext, agencyId: number, formVersionId: number, form: FormDefinition): Promise<{ id: number; version: number }> {
  return db.transaction(async (tx) => {
    const row = await lockDraftFormVersion(tx, agencyId, formVersionId);
    const serviceId = form.service ? await serviceIdOf(tx, agencyId, form.service) : null;
    const definition: FormDefinition = { ...form, id: row.formId, version: row.version, status: "draft" };
    await tx.update(formVersions).set({ definition, serviceId }).where(eq(formVersions.id, formVersionId));
    const before = row.definition as FormDefinition;
    await recordAudit(tx, ctx, {
      agencyId,
      action: "form.update",
      targetType: "form_version",
      targetId: formVersionId,
      before: { formId: row.formId, version: row.version, fields: before.fields.length, serviceId: row.serviceId },
      after: { formId: row.formId, version: row.version, fields: form.fields.length, serviceId },
    });
    return { id: formVersionId, version: row.version };
  });
}

/**
 * Deletes a draft form version (a draft no one wants, e.g. started by mistake): never a published one
 * (`not_draft`: applications and the public page rest on it), never another agency's (`not_found`).
 * Audited as `form.delete` with what was deleted.
 */
export async function deleteFormDraft(db: Db, ctx: AuditContext, agencyId: number, formVersionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockDraftFormVersion(tx, agencyId, formVersionId);
    await tx.delete(formVersions).where(eq(formVersions.id, formVersionId));
    await recordAudit(tx, ctx, {
      agencyId,
      action: "form.delete",
      targetType: "form_version",
      targetId: formVersionId,
      before: { formId: row.formId, version: row.version, fields: (row.definition as FormDefinition).fields.length, serviceId: row.serviceId },
    });
  });
}
