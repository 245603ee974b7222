import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  /** The button's text, e.g. "Cabut". */
  label: string;
  /** The question asked before acting, e.g. "Cabut token X?". */
  question: string;
  /** The confirming button's text; the label when left out. */
  confirmLabel?: string;
  onConfirm(): Promise<void> | void;
  testId?: string;
  className?: string;
}

/**
 * A button for an action that cannot be undone: the first press asks inline (focus moves to the
 * confirming button, Escape or "Batal" goes back), the second one acts.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, testId, className = "button button-small button-secondary" }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={openRef} type="button" className={className} data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span className="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === "Escape" && setAsking(false)}>
      <span className="confirm-question">{question}</span>
      <button ref={confirmRef} type="button" className="button button-small button-danger" disabled={busy} data-testid={testId && `${testId}-confirm`} onClick={() => void confirm()}>
        {confirmLabel ?? label}
      </button>
      <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
