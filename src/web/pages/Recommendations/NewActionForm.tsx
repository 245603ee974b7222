import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { createAction } from "../../planningApi";

/** Adds an action: title, owner unit and person, due date, target indicator and level, budget (whole Rupiah). */
export function NewActionForm({ recommendationId, units, onCreated }: { recommendationId: number; units: { id: number; name: string }[]; onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const empty = { title: "", unit: "", ownerName: "", dueDate: "", indicator: "", level: "", budget: "" };
  const [f, setF] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const budget = f.budget.replace(/[^\d]/g, "");
    setBusy(true);
    setError(null);
    try {
      await createAction(recommendationId, {
        title: f.title,
        ownerUnitId: f.unit ? Number(f.unit) : null,
        ownerName: f.ownerName.trim() || null,
        dueDate: f.dueDate || null,
        targetIndicatorCode: f.indicator.trim() || null,
        targetLevel: f.level ? Number(f.level) : null,
        budget: budget ? Number(budget) : null,
      });
      setF(empty);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="new-action">
      <summary data-testid={`rec-${recommendationId}-new-action`}>{t("planning.recs.newAction")}</summary>
      <form className="form form-wide" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t("planning.recs.actionTitle")}</label>
          <input id={`${id}-title`} value={f.title} required minLength={3} onChange={set("title")} data-testid="action-new-title" />
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t("planning.recs.ownerUnit")}</label>
            <select id={`${id}-unit`} value={f.unit} onChange={set("unit")}>
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-owner`}>{t("planning.recs.ownerName")}</label>
            <input id={`${id}-owner`} value={f.ownerName} onChange={set("ownerName")} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t("planning.recs.dueDate")}</label>
            <input id={`${id}-due`} type="date" value={f.dueDate} onChange={set("dueDate")} data-testid="action-new-due" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-indicator`}>{t("planning.recs.targetIndicator")}</label>
            <input id={`${id}-indicator`} value={f.indicator} onChange={set("indicator")} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-level`}>{t("planning.recs.targetLevel")}</label>
            <input id={`${id}-level`} type="number" min={0} max={5} value={f.level} onChange={set("level")} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-budget`}>{t("planning.recs.budget")}</label>
            <input id={`${id}-budget`} inputMode="numeric" value={f.budget} placeholder="25.000.000" onChange={set("budget")} data-testid="action-new-budget" />
          </div>
        </div>
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
