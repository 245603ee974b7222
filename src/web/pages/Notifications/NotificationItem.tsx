import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { markNotificationRead, type AppNotification } from "../../notificationsApi";
import { notificationText } from "./notificationText";

interface Props {
  notification: AppNotification;
  /** Called once the server has it read. */
  onRead(id: number): void;
  onError(error: unknown): void;
}

/** One notification: its sentence, when it came, a link to what it is about (marks it read) and "Tandai dibaca". */
export function NotificationItem({ notification: n, onRead, onError }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const text = notificationText(t, n);
  const markRead = async () => {
    setBusy(true);
    try {
      await markNotificationRead(n.id);
      onRead(n.id);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={n.read ? "notification" : "notification is-unread"} data-testid={`notification-${n.id}`} data-read={n.read}>
      <p className="notification-text">
        {!n.read && <span className="badge notification-badge">{t("notifications.unread")}</span>}{" "}
        <Link
          to={n.link}
          data-testid={`notification-link-${n.id}`}
          onClick={() => {
            // Following the link reads it; the request outlives the page change.
            if (!n.read) void markNotificationRead(n.id).catch(() => undefined);
          }}
        >
          {text}
        </Link>
      </p>
      <p className="notification-meta small muted">
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, lang)}</time>
        {!n.read && (
          <button type="button" className="button button-small button-secondary" disabled={busy} data-testid={`notification-mark-${n.id}`} onClick={() => void markRead()}>
            {t("notifications.markRead")}
            <span className="visually-hidden">: {text}</span>
          </button>
        )}
      </p>
    </li>
  );
}
