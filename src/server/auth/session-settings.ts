/** Session lifetimes; from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (see config.ts). */
export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 60, maxHours: 12 };

export const SESSION_COOKIE = "pandu_session";
export const CSRF_HEADER = "x-csrf-token";
