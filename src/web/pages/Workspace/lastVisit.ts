import { useState } from "react";

const key = (userId: number, assessmentId: number) => `pandu.lastVisit.${userId}.${assessmentId}`;

/**
 * When this user last opened this assessment in this browser (ISO time), or null on a first visit;
 * opening it records the new visit. Kept in localStorage, not on the server: it is a reading aid
 * for one person at one desk (no one else reads it, nothing official depends on it, and it needs no
 * table, migration or audit row). On another browser the first visit simply shows nothing as changed.
 */
export function useLastVisit(userId: number | null, assessmentId: number): string | null {
  const [previous] = useState(() => {
    if (userId === null) return null;
    try {
      const before = window.localStorage.getItem(key(userId, assessmentId));
      window.localStorage.setItem(key(userId, assessmentId), new Date().toISOString());
      return before;
    } catch {
      // Storage refused (private mode, quota): every visit is a first one.
      return null;
    }
  });
  return previous;
}
