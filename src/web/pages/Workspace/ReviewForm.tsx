import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { reviewAssessment } from "../../assessmentApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormError } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { useWorkspace } from "./context";

type Decision = "valid" | "tidak_valid";

/**
 * Tim Reviu: Valid finalises the result, Tidak Valid returns it with notes (required). No decision is
 * chosen beforehand, and the chosen one is confirmed in a dialog saying what it locks.
 */
export function ReviewForm() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh, announce } = useWorkspace();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);
  const [asking, setAsking] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  useUnsavedChanges(notes.trim() !== "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!decision) {
      setMissing(true);
      return;
    }
    if (decision === "tidak_valid" && !notes.trim()) {
      setError(t("ws.review.notesRequired"));
      return;
    }
    setError(null);
    setAsking(true);
  };
  const confirm = async () => {
    if (!decision) return;
    setAsking(false);
    await run(async () => {
      await reviewAssessment(ws.id, decision, notes.trim());
      setNotes("");
      announce(t(decision === "valid" ? "flow.review.doneValid" : "flow.review.doneReturned"), "ws-review-done");
      await refresh();
    });
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>{t("ws.review.title")}</h3>
      <fieldset className="policy" aria-describedby={missing ? `${id}-missing` : undefined} aria-invalid={missing || undefined}>
        <legend>{t("ws.review.decision")}</legend>
        {(["valid", "tidak_valid"] as const).map((d) => (
          <label key={d} className="radio">
            <input
              type="radio"
              name={`${id}-decision`}
              value={d}
              checked={decision === d}
              data-testid={`ws-review-${d}`}
              onChange={() => {
                setDecision(d);
                setMissing(false);
              }}
            />
            {t(`ws.review.${d}`)}
          </label>
        ))}
        {missing && (
          <p id={`${id}-missing`} className="field-error" role="alert" data-testid="ws-review-missing">
            {t("flow.review.chooseFirst")}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{decision === "tidak_valid" ? t("ws.review.notesRequiredLabel") : t("ws.review.notes")}</label>
        <textarea id={`${id}-notes`} rows={3} maxLength={5000} value={notes} data-testid="ws-review-notes" onChange={(e) => setNotes(e.target.value)} />
      </div>
      <FormError error={error} testId="ws-review-error" />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid="ws-review-submit">
          {t("ws.review.submit")}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={t(decision === "valid" ? "flow.review.validTitle" : "flow.review.returnTitle")}
        confirmLabel={t(decision === "valid" ? "flow.review.confirmValid" : "flow.review.confirmReturn")}
        danger={decision === "tidak_valid"}
        busy={busy}
        testId="ws-review-submit"
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        <p>{t(decision === "valid" ? "flow.review.validText" : "flow.review.returnText")}</p>
      </ConfirmDialog>
    </form>
  );
}
