import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../client";
import { citizens, citizenSessions } from "../schema";

export interface CitizenRow {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  language: string;
}

const citizenColumns = { id: citizens.id, email: citizens.email, name: citizens.name, phone: citizens.phone, language: citizens.language };

/** A live citizen session (not past its hard expiry) with its citizen; the idle check is the caller's. */
export async function findLiveCitizenSession(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<{ citizen: CitizenRow; session: { id: string; csrfToken: string; lastSeenAt: Date; method: string } } | null> {
  const [row] = await db
    .select({ citizen: citizenColumns, session: { id: citizenSessions.id, csrfToken: citizenSessions.csrfToken, lastSeenAt: citizenSessions.lastSeenAt, method: citizenSessions.method } })
    .from(citizenSessions)
    .innerJoin(citizens, eq(citizens.id, citizenSessions.citizenId))
    .where(and(eq(citizenSessions.id, sessionId), gt(citizenSessions.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** One citizen by id. */
export async function findCitizen(db: Db, id: string): Promise<CitizenRow | null> {
  const [row] = await db.select(citizenColumns).from(citizens).where(eq(citizens.id, id)).limit(1);
  return row ?? null;
}
