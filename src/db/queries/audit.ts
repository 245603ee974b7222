import { and, desc, eq, gte, ilike, inArray, lt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, auditEvents } from "../schema";

export interface AuditFilter {
  /** Only these agencies ("all" for every agency and national events). */
  agencyIds: number[] | "all";
  actor?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

/** Audit events, newest first, with the agency code. */
export async function listAuditEvents(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.agencyIds !== "all") where.push(inArray(auditEvents.agencyId, f.agencyIds.length ? f.agencyIds : [-1]));
  if (f.actor) where.push(ilike(auditEvents.actorLabel, `%${f.actor.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.from) where.push(gte(auditEvents.createdAt, f.from));
  if (f.to) where.push(lt(auditEvents.createdAt, f.to));
  return db
    .select({ event: auditEvents, agencyCode: agencies.code })
    .from(auditEvents)
    .leftJoin(agencies, eq(auditEvents.agencyId, agencies.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(f.limit);
}
