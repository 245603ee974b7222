import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  /** Whether the dialog is shown. */
  open: boolean;
  /** The question, e.g. "Kirim penilaian mandiri?". */
  title: string;
  /** What becomes locked or happens when confirmed. */
  children: ReactNode;
  /** Warnings the reader should weigh first (open clarifications, missing verification…); shown as a list. */
  warnings?: string[];
  /** The confirming button's text. */
  confirmLabel: string;
  /** The cancelling button's text; "Batal" when left out. */
  cancelLabel?: string;
  /** Styles the confirming button as dangerous (red) rather than as the main action. */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** Test ids: `<testId>-dialog`, `<testId>-confirm`, `<testId>-cancel`. */
  testId: string;
}

/**
 * A modal question before an action that cannot be undone, saying what becomes locked. A native
 * `<dialog>` opened with showModal: focus stays inside, Escape cancels, the page behind is inert.
 * The cancelling button takes the first focus, so Enter never confirms by accident.
 */
export function ConfirmDialog({ open, title, children, warnings = [], confirmLabel, cancelLabel, danger, busy, onConfirm, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={`${testId}-dialog`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="confirm-dialog-title">
            {title}
          </h2>
          <div id={`${id}-body`} className="confirm-dialog-body">
            {children}
          </div>
          {warnings.length > 0 && (
            <ul className="note note-warning confirm-dialog-warnings" data-testid={`${testId}-warnings`}>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button ref={cancelRef} type="button" className="button button-secondary" disabled={busy} data-testid={`${testId}-cancel`} onClick={onCancel}>
              {cancelLabel ?? t("common.cancel")}
            </button>
            <button type="button" className={danger ? "button button-danger" : "button"} disabled={busy} data-testid={`${testId}-confirm`} onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
