import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { saveSectoralServices, type SectoralService } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

/** Under indicators 45–47: the service the agency named for it and its owning unit. */
export function SectoralServiceLine({ code }: { code: string }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  if (!ws.sectoralServices.indicators.includes(code)) return null;
  const s = ws.sectoralServices.services.find((x) => x.indicatorCode === code);
  return (
    <p className="ws-sectoral small" data-testid={`ws-sectoral-${code}`}>
      {s ? t("cycle.sectoral.line", { name: s.name, unit: s.unitName }) : <span className="muted">{t("cycle.sectoral.notNamed")}</span>}
    </p>
  );
}

/** The Koordinator SPBE names the three sectoral public services and their owning units. */
export function SectoralServicesForm() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const { indicators, services } = ws.sectoralServices;
  const [rows, setRows] = useState<Record<string, { name: string; unitName: string }>>(() =>
    Object.fromEntries(indicators.map((c) => {
      const s = services.find((x) => x.indicatorCode === c);
      return [c, { name: s?.name ?? "", unitName: s?.unitName ?? "" }];
    })),
  );
  const { busy, error, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  if (!indicators.length || !ws.abilities.nameSectoralServices) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    await run(async () => {
      const list: SectoralService[] = indicators.filter((c) => rows[c]!.name.trim()).map((c) => ({ indicatorCode: c, name: rows[c]!.name.trim(), unitName: rows[c]!.unitName.trim() }));
      await saveSectoralServices(ws.id, list);
      setSaved(true);
      await refresh();
    });
  };
  const set = (c: string, k: "name" | "unitName", v: string) => setRows((r) => ({ ...r, [c]: { ...r[c]!, [k]: v } }));
  return (
    <form className="ws-action sectoral-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="ws-sectoral-form">
      <h3 id={`${id}-title`}>{t("cycle.sectoral.title")}</h3>
      <p className="small muted">{t("cycle.sectoral.intro")}</p>
      {indicators.map((c, n) => (
        <fieldset key={c}>
          <legend>{t("cycle.sectoral.legend", { n: n + 1, code: c })}</legend>
          <div className="field">
            <label htmlFor={`${id}-${c}-name`}>{t("cycle.sectoral.name")}</label>
            <input id={`${id}-${c}-name`} type="text" maxLength={300} value={rows[c]!.name} data-testid={`ws-sectoral-name-${c}`} onChange={(e) => set(c, "name", e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${c}-unit`}>{t("cycle.sectoral.unit")}</label>
            <input id={`${id}-${c}-unit`} type="text" maxLength={300} required={rows[c]!.name.trim() !== ""} value={rows[c]!.unitName} data-testid={`ws-sectoral-unit-${c}`} onChange={(e) => set(c, "unitName", e.target.value)} />
          </div>
        </fieldset>
      ))}
      <FormError error={error} testId="ws-sectoral-error" />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid="ws-sectoral-save">
          {t("cycle.sectoral.save")}
        </button>
      </div>
      {saved && <Success testId="ws-sectoral-done">{t("cycle.sectoral.saved")}</Success>}
    </form>
  );
}
