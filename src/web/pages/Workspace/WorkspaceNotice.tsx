import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/** The lasting success message of the workspace (a submission, a stage closed, a decision): focused once, closed by the reader. */
export function WorkspaceNotice({ text, testId, onDismiss }: { text: string; testId: string; onDismiss(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [text]);
  return (
    <div ref={ref} className="status-success ws-notice" role="status" tabIndex={-1} data-testid={testId}>
      <span>{text}</span>
      <button type="button" className="button button-small button-secondary" data-testid="ws-notice-dismiss" onClick={onDismiss}>
        {t("flow.notice.dismiss")}
      </button>
    </div>
  );
}
