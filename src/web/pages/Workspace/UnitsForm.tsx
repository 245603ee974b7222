import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { UnitSelect } from "../../components/UnitSelect";
import { addUnit, assignIndicatorUnits } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { fetchUnits } from "../../planningApi";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

/** The Koordinator SPBE gives indicators of the self-assessment to the agency's units (OPD). */
export function UnitsForm() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const units = useApi(`units:${ws.agency.code}`, (signal) => fetchUnits(ws.agency.code, signal));
  const [unit, setUnit] = useState("");
  const [codes, setCodes] = useState("");
  const [saved, setSaved] = useState<number | null>(null);
  const { busy, error, run } = useSubmit();
  const [newUnit, setNewUnit] = useState("");
  const adding = useSubmit();
  if (units.status !== "ok") return null;

  const add = async () => {
    if (!newUnit.trim()) return;
    await adding.run(async () => {
      const created = await addUnit(ws.agency.code, newUnit.trim());
      setNewUnit("");
      setUnit(String(created.id));
      units.reload();
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const list = [...new Set(codes.split(/[\s,;]+/).filter(Boolean))];
    await run(async () => {
      await assignIndicatorUnits(ws.id, list.map((indicatorCode) => ({ indicatorCode, unitId: unit ? Number(unit) : null })));
      setSaved(list.length);
      setCodes("");
      await refresh();
    });
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="ws-units">
      <h3 id={`${id}-title`}>{t("ws.units.unitsTitle")}</h3>
      <p className="small muted">{t("ws.units.unitsIntro")}</p>
      <div className="field">
        <label htmlFor={`${id}-new`}>{t("ws.units.newUnit")}</label>
        <div className="button-row">
          <input id={`${id}-new`} type="text" maxLength={200} value={newUnit} onChange={(e) => setNewUnit(e.target.value)} data-testid="ws-units-new" />
          <button type="button" className="button button-small button-secondary" disabled={adding.busy || !newUnit.trim()} onClick={() => void add()} data-testid="ws-units-add">
            {t("ws.units.addUnit")}
          </button>
        </div>
      </div>
      <FormError error={adding.error} testId="ws-units-add-error" />
      {units.data.length === 0 ? (
        <p className="small">{t("ws.units.unitsNone")}</p>
      ) : (
        <>
          <UnitSelect id={`${id}-unit`} label={t("ws.units.unit")} value={unit} onChange={setUnit} units={units.data} emptyLabel={t("ws.units.noUnit")} testId="ws-units-unit" />
          <div className="field">
            <label htmlFor={`${id}-codes`}>{t("ws.units.unitsCodes")}</label>
            <input id={`${id}-codes`} type="text" required value={codes} onChange={(e) => setCodes(e.target.value)} data-testid="ws-units-codes" />
          </div>
          <FormError error={error} testId="ws-units-error" />
          <div>
            <button type="submit" className="button button-small" disabled={busy} data-testid="ws-units-save">
              {t("ws.units.unitsSave")}
            </button>
          </div>
          {saved !== null && <Success testId="ws-units-done">{t("ws.units.unitsSaved", { count: saved })}</Success>}
        </>
      )}
    </form>
  );
}
