import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { fieldNotes, users } from "../schema";
import { recordAudit, type AuditContext } from "../audit/record-audit";

export interface FieldNoteInput {
  heldOn: string;
  participants: string;
  place: string;
  summary: string;
  observations: Record<string, string>;
}

type Note = typeof fieldNotes.$inferSelect;
export type FieldNoteOutcome = { ok: true; note: Note } | { ok: false; current: Note | null };

const audited = (n: FieldNoteInput | Note) => ({ heldOn: n.heldOn, participants: n.participants, place: n.place, summary: n.summary, observations: n.observations });

/** Writes a new interview or visit note of an assessment with its audit event. */
export async function createFieldNote(db: Db, ctx: AuditContext, input: FieldNoteInput & { assessmentId: number; agencyId: number; stage: string }): Promise<Note> {
  return db.transaction(async (tx) => {
    const { agencyId, ...values } = input;
    const [note] = await tx.insert(fieldNotes).values({ ...values, authorUserId: ctx.actorUserId }).returning();
    await recordAudit(tx, ctx, { agencyId, action: "field_note.create", targetType: "field_note", targetId: note!.id, after: { stage: input.stage, ...audited(input) } });
    return note!;
  });
}

/**
 * Changes a note if the writer saw its current version (a stale version returns the current note
 * instead), with the audit event of the changed fields.
 */
export async function updateFieldNote(db: Db, ctx: AuditContext, input: FieldNoteInput & { id: number; assessmentId: number; agencyId: number; version: number }): Promise<FieldNoteOutcome> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(fieldNotes).where(and(eq(fieldNotes.id, input.id), eq(fieldNotes.assessmentId, input.assessmentId))).for("update");
    if (!current || current.version !== input.version) return { ok: false, current: current ?? null };
    const [note] = await tx
      .update(fieldNotes)
      .set({ ...audited(input), authorUserId: ctx.actorUserId, version: current.version + 1, updatedAt: new Date() })
      .where(eq(fieldNotes.id, current.id))
      .returning();
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "field_note.update", targetType: "field_note", targetId: current.id, before: audited(current), after: audited(input) });
    return { ok: true, note: note! };
  });
}

/**
 * Removes a note (written in error, or on the wrong assessment) if the caller saw its current
 * version; the audit event keeps the removed text.
 */
export async function deleteFieldNote(db: Db, ctx: AuditContext, input: { id: number; assessmentId: number; agencyId: number; version: number }): Promise<FieldNoteOutcome> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(fieldNotes).where(and(eq(fieldNotes.id, input.id), eq(fieldNotes.assessmentId, input.assessmentId))).for("update");
    if (!current || current.version !== input.version) return { ok: false, current: current ?? null };
    await tx.delete(fieldNotes).where(eq(fieldNotes.id, current.id));
    await recordAudit(tx, ctx, { agencyId: input.agencyId, action: "field_note.delete", targetType: "field_note", targetId: current.id, before: { stage: current.stage, ...audited(current) } });
    return { ok: true, note: current };
  });
}

/** The interview and visit notes of an assessment with their authors' names, oldest first. */
export function fieldNotesOf(db: Db, assessmentId: number) {
  return db
    .select({ note: fieldNotes, authorName: users.name })
    .from(fieldNotes)
    .leftJoin(users, eq(users.id, fieldNotes.authorUserId))
    .where(eq(fieldNotes.assessmentId, assessmentId))
    .orderBy(asc(fieldNotes.heldOn), asc(fieldNotes.id));
}
