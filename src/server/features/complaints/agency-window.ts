/**
 * A fixed-window counter per key (the agency a public complaint is filed with), beside the per-IP
 * rate limit: many addresses flooding one agency are refused too. Kept in the process like the
 * per-IP counters (ARCHITECTURE.md "Several instances"); the clock is passed in.
 */
export function windowCounter(max: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request; false (refuse) when the key is over `max` in its window. Answers the seconds to wait as well. */
    take(key: string, nowMs: number): { ok: boolean; retryAfterSeconds: number } {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= windowMs) {
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return { ok: w.count <= max, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - nowMs) / 1000)) };
    },
  };
}
