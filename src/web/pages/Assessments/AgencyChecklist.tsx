import { useId } from "react";
import { useTranslation } from "react-i18next";
import { fetchProvinceAgencies } from "../../assessmentApi";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";

interface Props {
  province: string;
  selected: string[];
  onChange(codes: string[]): void;
}

/** Checkboxes for a province and its kabupaten/kota, with "all" and "none". */
export function AgencyChecklist({ province, selected, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const valid = /^\d{2}$/.test(province);
  const state = useApi(`province-agencies-${valid ? province : ""}`, (signal) => (valid ? fetchProvinceAgencies(province, signal) : Promise.resolve([])));
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  return (
    <fieldset className="agency-checklist" aria-describedby={`${id}-hint`}>
      <legend>{t("periodForm.agencies")}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t("periodForm.agenciesHint")}
      </p>
      {state.status === "loading" && <Loading label={t("periodForm.agenciesLoading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <div className="button-row">
            <button type="button" className="button button-small button-secondary" onClick={() => onChange(state.data.map((a) => a.code))}>
              {t("periodForm.selectAll")}
            </button>
            <button type="button" className="button button-small button-secondary" onClick={() => onChange([])}>
              {t("periodForm.selectNone")}
            </button>
          </div>
          <ul className="checklist">
            {state.data.map((a) => (
              <li key={a.code}>
                <label className="checkbox">
                  <input type="checkbox" checked={selected.includes(a.code)} data-testid={`period-agency-${a.code}`} onChange={(e) => toggle(a.code, e.target.checked)} />
                  {a.name} <span className="muted small">({a.code})</span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
