import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { announceUnread, fetchNotifications, markAllNotificationsRead, type AppNotification } from "../../notificationsApi";
import { usePageTitle } from "../../usePageTitle";
import { NotificationItem } from "./NotificationItem";

const PAGE = 20;

type Loaded = { items: AppNotification[]; total: number; unread: number };

/** The list, unread first, with "Muat lebih banyak" and "Tandai semua dibaca". */
function NotificationList() {
  const { t } = useTranslation();
  const [state, setState] = useState<{ status: "loading" } | { status: "error"; error: unknown } | ({ status: "ok" } & Loaded)>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: "loading" });
    fetchNotifications({ limit: PAGE, offset: 0 }, ctrl.signal).then(
      (p) => {
        setState({ status: "ok", items: p.notifications, total: p.total, unread: p.unread });
        announceUnread(p.unread);
      },
      (e: unknown) => !ctrl.signal.aborted && setState({ status: "error", error: e }),
    );
    return () => ctrl.abort();
  }, [attempt]);

  const loadMore = async () => {
    if (state.status !== "ok") return;
    setMore(true);
    setError(null);
    try {
      const p = await fetchNotifications({ limit: PAGE, offset: state.items.length });
      // Items already shown (the list moved while reading) are not repeated.
      setState((s) => (s.status === "ok" ? { ...s, items: [...s.items, ...p.notifications.filter((n) => !s.items.some((m) => m.id === n.id))], total: p.total, unread: p.unread } : s));
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  };

  const onRead = useCallback((id: number) => {
    setDone(null);
    setState((s) => (s.status === "ok" ? { ...s, items: s.items.map((n) => (n.id === id ? { ...n, read: true } : n)), unread: Math.max(0, s.unread - 1) } : s));
  }, []);

  const markAll = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await markAllNotificationsRead();
      setDone(r.marked);
      setState((s) => (s.status === "ok" ? { ...s, items: s.items.map((n) => ({ ...n, read: true })), unread: r.unread } : s));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (state.status === "loading") return <Loading label={t("notifications.loading")} />;
  if (state.status === "error") return <ErrorMessage error={state.error} retry={() => setAttempt((n) => n + 1)} />;
  return (
    <>
      <div className="notifications-toolbar">
        <p className="small" aria-live="polite" data-testid="notifications-summary">
          {t("notifications.summary", { unread: state.unread, total: state.total })}
        </p>
        {state.unread > 0 && (
          <button type="button" className="button button-small" disabled={busy} data-testid="notifications-mark-all" onClick={() => void markAll()}>
            {t("notifications.markAllRead")}
          </button>
        )}
      </div>
      {done !== null && <Success testId="notifications-marked">{t("notifications.marked", { count: done })}</Success>}
      <FormError error={error} testId="notifications-error" />
      {state.items.length === 0 ? (
        <p className="note" data-testid="notifications-empty">
          {t("notifications.empty")}
        </p>
      ) : (
        <ul className="notification-list" aria-label={t("notifications.listLabel")} data-testid="notification-list">
          {state.items.map((n) => (
            <NotificationItem key={n.id} notification={n} onRead={onRead} onError={setError} />
          ))}
        </ul>
      )}
      {state.items.length < state.total && (
        <p>
          <button type="button" className="button button-secondary" disabled={more} data-testid="notifications-more" onClick={() => void loadMore()}>
            {t("notifications.loadMore")}
          </button>
        </p>
      )}
    </>
  );
}

/** `/notifikasi`: the signed-in user's notifications. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t("notifications.title"));
  return (
    <RequireSession>
      <section className="notifications-page">
        <h1>{t("notifications.title")}</h1>
        <p className="lead">{t("notifications.intro")}</p>
        <NotificationList />
      </section>
    </RequireSession>
  );
}
