import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { fetchUnreadCount, UNREAD_EVENT } from "../notificationsApi";

/** How often the bell asks for the unread count while the tab is visible. */
const POLL_MS = 60_000;

/**
 * The unread count of the signed-in user, polled every minute while the tab is visible, again when
 * the window regains focus or the tab becomes visible, and set at once when a page marks some read.
 */
function useUnreadCount(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ctrl: AbortController | null = null;
    const schedule = () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") timer = setTimeout(() => void poll(), POLL_MS);
    };
    const poll = async () => {
      clearTimeout(timer);
      if (document.visibilityState !== "visible") return; // paused while hidden; resumes on visibilitychange
      ctrl?.abort();
      const mine = (ctrl = new AbortController());
      try {
        setUnread(await fetchUnreadCount(mine.signal));
      } catch {
        // A failed poll keeps the last count; the next one tries again.
      }
      if (!mine.signal.aborted) schedule();
    };
    const onVisible = () => (document.visibilityState === "visible" ? void poll() : clearTimeout(timer));
    const onFocus = () => void poll();
    const onAnnounced = (e: Event) => {
      const n = (e as CustomEvent<unknown>).detail;
      if (typeof n === "number") setUnread(n);
    };
    void poll();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onFocus);
    window.addEventListener(UNREAD_EVENT, onAnnounced);
    return () => {
      clearTimeout(timer);
      ctrl?.abort();
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onFocus);
      window.removeEventListener(UNREAD_EVENT, onAnnounced);
    };
  }, []);
  return unread;
}

/** The header's bell: a link to /notifikasi whose name says how many notifications are unread. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const label = unread ? t("notifications.bell", { count: unread }) : t("notifications.bellNone");
  return (
    <NavLink to="/notifikasi" className="nav-bell" aria-label={label} title={label} data-testid="notification-bell">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2Z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        <path d="M10 20a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      {unread !== null && (
        // Zero stays in the page (hidden by CSS), so the count is always there to read.
        <span className={unread > 0 ? "nav-bell-count" : "nav-bell-count is-zero"} data-testid="notification-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </NavLink>
  );
}
