import { useTranslation } from "react-i18next";
import { UnitSelect } from "../../components/UnitSelect";
import type { ActionInput } from "../../planningApi";

/** An action as typed in a form (all strings). */
export const EMPTY_ACTION = { title: "", unit: "", ownerName: "", dueDate: "", indicator: "", level: "", budget: "" };
export type ActionDraft = typeof EMPTY_ACTION;

/** The API body of a typed action; the budget keeps its digits only ("25.000.000" → 25000000). */
export function actionInputOf(f: ActionDraft): ActionInput {
  const budget = f.budget.replace(/[^\d]/g, "");
  return {
    title: f.title,
    ownerUnitId: f.unit ? Number(f.unit) : null,
    ownerName: f.ownerName.trim() || null,
    dueDate: f.dueDate || null,
    targetIndicatorCode: f.indicator.trim() || null,
    targetLevel: f.level ? Number(f.level) : null,
    budget: budget ? Number(budget) : null,
  };
}

/**
 * The fields of one action: title, owner unit and person, due date, target indicator and level,
 * budget (whole Rupiah). `idPrefix` keeps labels unique; `testPrefix` names the inputs for tests.
 */
export function ActionFields({ value, onChange, units, idPrefix, testPrefix }: { value: ActionDraft; onChange(v: ActionDraft): void; units: { id: number; name: string }[]; idPrefix: string; testPrefix: string }) {
  const { t } = useTranslation();
  const set = (k: keyof ActionDraft) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  const id = idPrefix;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("planning.recs.actionTitle")}</label>
        <input type="text" id={`${id}-title`} value={value.title} required minLength={3} onChange={set("title")} data-testid={`${testPrefix}-title`} />
      </div>
      <div className="form-grid">
        <UnitSelect id={`${id}-unit`} label={t("planning.recs.ownerUnit")} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} units={units} emptyLabel="—" />
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t("planning.recs.ownerName")}</label>
          <input type="text" id={`${id}-owner`} value={value.ownerName} onChange={set("ownerName")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("planning.recs.dueDate")}</label>
          <input id={`${id}-due`} type="date" value={value.dueDate} onChange={set("dueDate")} data-testid={`${testPrefix}-due`} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-indicator`}>{t("planning.recs.targetIndicator")}</label>
          <input type="text" id={`${id}-indicator`} value={value.indicator} onChange={set("indicator")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t("planning.recs.targetLevel")}</label>
          <input id={`${id}-level`} type="number" min={0} max={5} value={value.level} onChange={set("level")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-budget`}>{t("planning.recs.budget")}</label>
          <input type="text" id={`${id}-budget`} inputMode="numeric" value={value.budget} placeholder="25.000.000" onChange={set("budget")} data-testid={`${testPrefix}-budget`} />
        </div>
      </div>
    </>
  );
}
