/** Session lifetimes; from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (see config.ts). */
export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 60, maxHours: 12 };

export const SESSION_COOKIE = "pandu_session";
export const CSRF_HEADER = "x-csrf-token";

/**
 * How often a session's `last_seen_at` is written: at most once a minute (a write per request would
 * cost), and at least four times per idle period so short idle limits stay accurate.
 */
export function touchIntervalMs(settings: SessionSettings): number {
  return Math.min(60_000, (settings.idleMinutes * 60_000) / 4);
}

/**
 * What a request does with its session, from the last recorded activity. A request within the touch
 * interval of the last one is not recorded, so the true last activity can be up to one interval after
 * `lastSeenAt`: the session ends only when even that is more than the idle limit ago — an active user
 * is never signed out, and an idle one is after between `idleMinutes` and `idleMinutes` + interval.
 */
export function sessionActivity(lastSeenAt: Date, now: Date, settings: SessionSettings): "expired" | "touch" | "fresh" {
  const since = now.getTime() - lastSeenAt.getTime();
  const interval = touchIntervalMs(settings);
  if (since > settings.idleMinutes * 60_000 + interval) return "expired";
  return since >= interval ? "touch" : "fresh";
}

/**
 * How often an API token's `last_used_at` is written: at most once a minute, as for sessions (a
 * write to the same row on every request of a busy script would cost more than the read it serves).
 * Tokens have no idle limit, so the list of tokens shows the last use to within a minute.
 */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Whether a request with a token last recorded at `lastUsedAt` records its use. */
export function tokenNeedsTouch(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS;
}
