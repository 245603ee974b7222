import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { reviewAssessment } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

type Decision = "valid" | "tidak_valid";

/** Tim Reviu: Valid finalises the result, Tidak Valid returns it with notes (required). */
export function ReviewForm() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const [decision, setDecision] = useState<Decision>("valid");
  const [notes, setNotes] = useState("");
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (decision === "tidak_valid" && !notes.trim()) {
      setError(t("ws.review.notesRequired"));
      return;
    }
    await run(async () => {
      await reviewAssessment(ws.id, decision, notes.trim());
      setDone(true);
      await refresh();
    });
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{t("ws.review.title")}</h3>
      <fieldset className="policy">
        <legend>{t("ws.review.decision")}</legend>
        {(["valid", "tidak_valid"] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} data-testid={`ws-review-${d}`} onChange={() => setDecision(d)} />
            {t(`ws.review.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{decision === "tidak_valid" ? t("ws.review.notesRequiredLabel") : t("ws.review.notes")}</label>
        <textarea id={`${id}-notes`} rows={3} maxLength={5000} required={decision === "tidak_valid"} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <FormError error={error} testId="ws-review-error" />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid="ws-review-submit">
          {t("ws.review.submit")}
        </button>
      </div>
      {done && <Success>{t("ws.review.done")}</Success>}
    </form>
  );
}
