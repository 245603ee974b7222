import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { loginThrottle } from "../schema";

/** Growing delays after failed sign-ins, then a temporary lock. */
export interface ThrottleSettings {
  /** Wait after the first failure; doubles with each further failure. */
  baseDelayMs: number;
  /** Failures before the account is locked. */
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { baseDelayMs: 1000, maxFailures: 5, lockMinutes: 15 };

/** Seconds the caller must still wait before trying this key again, or 0. */
export async function throttleWait(db: Db, key: string, settings: ThrottleSettings, now = new Date()): Promise<number> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (!row || !row.lastFailureAt) return 0;
  let until = row.lockedUntil?.getTime() ?? 0;
  if (row.failures > 0 && row.failures < settings.maxFailures) {
    until = Math.max(until, row.lastFailureAt.getTime() + settings.baseDelayMs * 2 ** (row.failures - 1));
  }
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts a failure; at `maxFailures` the key is locked and the count starts again. */
export async function recordLoginFailure(db: Db, key: string, settings: ThrottleSettings, now = new Date()): Promise<void> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, lastFailureAt: now } })
    .returning();
  if (row!.failures >= settings.maxFailures) {
    await db.update(loginThrottle).set({ failures: 0, lockedUntil: new Date(now.getTime() + settings.lockMinutes * 60_000) }).where(eq(loginThrottle.key, key));
  }
}

/** Forgets failures after a successful sign-in. */
export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
