import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { createAction } from "../../planningApi";
import { useSubmit } from "../../useSubmit";
import { ActionFields, actionInputOf, EMPTY_ACTION } from "./ActionFields";

/** Adds an action: title, owner unit and person, due date, target indicator and level, budget (whole Rupiah). */
export function NewActionForm({ recommendationId, units, onCreated }: { recommendationId: number; units: { id: number; name: string }[]; onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState(EMPTY_ACTION);
  const { busy, error, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await createAction(recommendationId, actionInputOf(f));
      setF(EMPTY_ACTION);
      onCreated();
    });
  };
  return (
    <details className="new-action">
      <summary data-testid={`rec-${recommendationId}-new-action`}>{t("planning.recs.newAction")}</summary>
      <form className="form form-wide" onSubmit={(e) => void submit(e)}>
        <ActionFields value={f} onChange={setF} units={units} idPrefix={id} testPrefix="action-new" />
        <FormError error={error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || f.title.trim().length < 3} data-testid="action-new-submit">
            {t("planning.recs.addAction")}
          </button>
        </div>
      </form>
    </details>
  );
}
