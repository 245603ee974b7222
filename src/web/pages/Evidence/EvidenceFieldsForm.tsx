import { useTranslation } from "react-i18next";
import type { EvidenceFields } from "../../evidenceApi";

/** The metadata inputs of a piece of evidence: title, document number and date, review date. */
export function EvidenceFieldsInputs({ id, value, onChange, titleRequired, testPrefix }: { id: string; value: EvidenceFields; onChange(v: EvidenceFields): void; titleRequired: boolean; testPrefix: string }) {
  const { t } = useTranslation();
  const set = (k: keyof EvidenceFields) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("evidence.fields.title")}</label>
        <input id={`${id}-title`} type="text" required={titleRequired} minLength={3} maxLength={300} value={value.title} data-testid={`${testPrefix}-title`} onChange={set("title")} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-number`}>{t("evidence.fields.documentNumber")}</label>
          <input id={`${id}-number`} type="text" maxLength={200} value={value.documentNumber} aria-describedby={`${id}-number-hint`} data-testid={`${testPrefix}-number`} onChange={set("documentNumber")} />
          <p className="hint" id={`${id}-number-hint`}>
            {t("evidence.fields.documentNumberHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("evidence.fields.documentDate")}</label>
          <input id={`${id}-date`} type="date" value={value.documentDate} data-testid={`${testPrefix}-date`} onChange={set("documentDate")} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-review`}>{t("evidence.fields.reviewDate")}</label>
          <input id={`${id}-review`} type="date" value={value.reviewDate} aria-describedby={`${id}-review-hint`} data-testid={`${testPrefix}-review`} onChange={set("reviewDate")} />
          <p className="hint" id={`${id}-review-hint`}>
            {t("evidence.fields.reviewDateHint")}
          </p>
        </div>
      </div>
    </>
  );
}

export const emptyFields = (): EvidenceFields => ({ title: "", documentNumber: "", documentDate: "", reviewDate: "" });
