import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { actionComments, actionEvidence, improvementActions } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export type ActionRow = typeof improvementActions.$inferSelect;
export type ActionStatus = ActionRow["status"];

/** The writable fields of an improvement action. */
export interface ActionFields {
  title: string;
  ownerUnitId: number | null;
  ownerName: string | null;
  dueDate: string | null;
  targetIndicatorCode: string | null;
  targetLevel: number | null;
  budget: number | null;
  status: ActionStatus;
}

const audited = (a: ActionRow) => ({
  title: a.title,
  ownerUnitId: a.ownerUnitId,
  ownerName: a.ownerName,
  dueDate: a.dueDate,
  targetIndicatorCode: a.targetIndicatorCode,
  targetLevel: a.targetLevel,
  budget: a.budget,
  status: a.status,
});

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Inserts actions under one recommendation inside the caller's transaction, one `action.create` event each (in the given order). */
export async function insertActions(tx: Tx, ctx: AuditContext, owner: { recommendationId: number; agencyId: number }, actions: ActionFields[]): Promise<ActionRow[]> {
  const out: ActionRow[] = [];
  for (const a of actions) {
    const [row] = await tx.insert(improvementActions).values({ ...a, ...owner, createdByUserId: ctx.actorUserId }).returning();
    await recordAudit(tx, ctx, { agencyId: owner.agencyId, action: "action.create", targetType: "action", targetId: row!.id, after: { recommendationId: owner.recommendationId, ...audited(row!) } });
    out.push(row!);
  }
  return out;
}

/** Creates an action under a recommendation of the agency, audited as `action.create`. */
export async function createAction(db: Db, ctx: AuditContext, input: ActionFields & { recommendationId: number; agencyId: number }): Promise<ActionRow> {
  const { recommendationId, agencyId, ...fields } = input;
  return db.transaction(async (tx) => (await insertActions(tx, ctx, { recommendationId, agencyId }, [fields]))[0]!);
}

/** One roadmap step to become an action: its due date (the year's end in a multi-year plan) and budget (Rupiah costs only). */
export interface RoadmapStepAction {
  indicator: string;
  from: number;
  to: number;
  cost: number;
  title: string;
  dueDate: string | null;
  budget: number | null;
  /** The plan year, in a multi-year plan. */
  year?: number;
}

/**
 * Creates one action per roadmap step under a recommendation in one transaction (all or none),
 * each aimed at the step's indicator and level with its due date and budget, audited as one
 * `action.create_from_roadmap` event listing the steps and the cost unit.
 */
export async function createActionsFromRoadmap(
  db: Db,
  ctx: AuditContext,
  input: { recommendationId: number; agencyId: number; steps: RoadmapStepAction[]; ownerUnitId: number | null; costUnit: "person_days" | "rupiah" },
): Promise<ActionRow[]> {
  return db.transaction(async (tx) => {
    if (!input.steps.length) return [];
    const rows = await tx
      .insert(improvementActions)
      .values(
        input.steps.map((s) => ({
          recommendationId: input.recommendationId,
          agencyId: input.agencyId,
          title: s.title,
          ownerUnitId: input.ownerUnitId,
          dueDate: s.dueDate,
          targetIndicatorCode: s.indicator,
          targetLevel: s.to,
          budget: s.budget,
          createdByUserId: ctx.actorUserId,
        })),
      )
      .returning();
    await recordAudit(tx, ctx, {
      agencyId: input.agencyId,
      action: "action.create_from_roadmap",
      targetType: "recommendation",
      targetId: input.recommendationId,
      after: {
        actions: rows.map((r) => r.id),
        costUnit: input.costUnit,
        steps: input.steps.map(({ indicator, from, to, cost, dueDate, year }) => ({ indicator, from, to, cost, dueDate, ...(year === undefined ? {} : { year }) })),
      },
    });
    return rows.sort((a, b) => a.id - b.id);
  });
}

/** Changes an action (status, owner, due date, target, budget), audited with the changed fields. */
export async function updateAction(db: Db, ctx: AuditContext, before: ActionRow, changes: Partial<ActionFields>): Promise<ActionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(improvementActions).set({ ...changes, updatedAt: new Date() }).where(eq(improvementActions.id, before.id)).returning();
    await recordAudit(tx, ctx, { agencyId: before.agencyId, action: "action.update", targetType: "action", targetId: before.id, before: audited(before), after: audited(row!) });
    return row!;
  });
}

/** Removes an action with its comments and evidence links, audited as `action.delete`. */
export async function deleteAction(db: Db, ctx: AuditContext, action: ActionRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(improvementActions).where(eq(improvementActions.id, action.id));
    await recordAudit(tx, ctx, { agencyId: action.agencyId, action: "action.delete", targetType: "action", targetId: action.id, before: audited(action) });
  });
}

/** Adds a progress comment to an action, audited as `action.comment`. */
export async function addActionComment(db: Db, ctx: AuditContext, action: ActionRow, body: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(actionComments).values({ actionId: action.id, authorUserId: ctx.actorUserId, body }).returning();
    await recordAudit(tx, ctx, { agencyId: action.agencyId, action: "action.comment", targetType: "action", targetId: action.id, after: { commentId: row!.id, body } });
    return row!;
  });
}

/** Links progress evidence (of the same agency, checked by the caller) to an action; false when already linked. */
export async function linkActionEvidence(db: Db, ctx: AuditContext, action: ActionRow, evidenceId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(actionEvidence).values({ actionId: action.id, evidenceId, createdByUserId: ctx.actorUserId }).onConflictDoNothing().returning({ evidenceId: actionEvidence.evidenceId });
    if (!inserted.length) return false;
    await recordAudit(tx, ctx, { agencyId: action.agencyId, action: "action.evidence_link", targetType: "action", targetId: action.id, after: { evidenceId } });
    return true;
  });
}

/** Removes a progress evidence link; false when there was none. */
export async function unlinkActionEvidence(db: Db, ctx: AuditContext, action: ActionRow, evidenceId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(actionEvidence)
      .where(and(eq(actionEvidence.actionId, action.id), eq(actionEvidence.evidenceId, evidenceId)))
      .returning({ evidenceId: actionEvidence.evidenceId });
    if (!removed.length) return false;
    await recordAudit(tx, ctx, { agencyId: action.agencyId, action: "action.evidence_unlink", targetType: "action", targetId: action.id, before: { evidenceId } });
    return true;
  });
}
