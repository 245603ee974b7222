import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { periodInForce } from "../../../core/instruments/period-in-force";
import { fetchInstruments, fetchOfficialPeriods } from "../../api";
import { createPeriod, type PeriodKind, type Policy } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { AgencyChecklist } from "./AgencyChecklist";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { yearInIndonesia } from "../../format";

/**
 * A new period: a national one (administrators) or a province's internal one (its Koordinator
 * Provinsi, whose province is taken from their role), with the participating agencies ticked.
 */
export function CreatePeriod({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { me } = useSession();
  const ownProvince = me?.roles.find((r) => r.role === "koordinator_provinsi")?.agency?.code ?? null;
  const isAdmin = me?.roles.some((r) => r.role === "administrator") ?? false;
  const instruments = useApi("instruments", fetchInstruments);
  const officialPeriods = useApi("official-periods", fetchOfficialPeriods);
  const [name, setName] = useState("");
  useUnsavedChanges(name.trim() !== "");
  const [year, setYear] = useState(() => String(yearInIndonesia()));
  const [kind, setKind] = useState<PeriodKind>("evaluasi");
  const [withVisit, setWithVisit] = useState(false);
  const [instrument, setInstrument] = useState("");
  const [policy, setPolicy] = useState<Policy | "">("");
  const [internal, setInternal] = useState(!isAdmin);
  const [province, setProvince] = useState(ownProvince ?? "15");
  const [agencies, setAgencies] = useState<string[]>([]);
  const { busy, error, setError, run } = useSubmit();
  const [created, setCreated] = useState<string | null>(null);
  const instrumentList = instruments.status === "ok" ? instruments.data : [];
  // The instrument in force for the year is proposed (2026 → Pemdi) until the user picks another.
  const inForce = officialPeriods.status === "ok" ? periodInForce(officialPeriods.data, Number(year))?.instrument : undefined;
  const proposed = instrumentList.find((i) => i.id === inForce)?.id;
  const chosenInstrument = instrument || proposed || instrumentList[0]?.id || "";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!agencies.length) return setError(t("periodForm.noAgencies"));
    setCreated(null);
    await run(async () => {
      await createPeriod({
        name: name.trim(),
        year: Number(year),
        kind,
        withVisit: kind === "evaluasi" && withVisit,
        instrument: chosenInstrument,
        ...(policy ? { predicatePolicy: policy } : {}),
        ...(internal ? { owner: province } : {}),
        agencies,
      });
      setCreated(name.trim());
      setName("");
      setAgencies([]);
      onCreated();
    });
  };

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("periodForm.title")}</h2>
      <form className="card form form-wide" data-testid="period-create" onSubmit={(e) => void submit(e)}>
        <FormError error={error} testId="period-error" />
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("periodForm.name")}</label>
            <input id={`${id}-name`} type="text" required minLength={3} maxLength={200} value={name} data-testid="period-name" onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-year`}>{t("periodForm.year")}</label>
            <input id={`${id}-year`} type="number" required min={2018} max={2100} value={year} data-testid="period-year" onChange={(e) => setYear(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("periodForm.kind")}</label>
            <select id={`${id}-kind`} value={kind} data-testid="period-kind" onChange={(e) => setKind(e.target.value as PeriodKind)}>
              <option value="evaluasi">{t("periodKinds.evaluasi")}</option>
              <option value="pemantauan">{t("periodKinds.pemantauan")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-instrument`}>{t("periodForm.instrument")}</label>
            <select id={`${id}-instrument`} required value={chosenInstrument} data-testid="period-instrument" onChange={(e) => setInstrument(e.target.value)}>
              {instrumentList.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.version === null ? i.name : t("instruments.uploadedName", { name: i.name, version: i.version })}
                </option>
              ))}
            </select>
            {proposed && (
              <p className="hint" data-testid="period-instrument-proposed">
                {t("periodForm.inForce", { year, name: instrumentList.find((i) => i.id === proposed)!.name })}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-policy`}>{t("calc.policy")}</label>
            <select id={`${id}-policy`} value={policy} onChange={(e) => setPolicy(e.target.value as Policy | "")}>
              <option value="">{t("periodForm.policyDefault")}</option>
              <option value="exact">{t("calc.policyExact")}</option>
              <option value="rounded2">{t("calc.policyRounded")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-province`}>{t("periodForm.province")}</label>
            <input id={`${id}-province`} type="text" inputMode="numeric" pattern="\d{2}" required readOnly={!isAdmin} value={province} aria-describedby={`${id}-province-hint`} data-testid="period-province" onChange={(e) => setProvince(e.target.value.trim())} />
            <p className="hint" id={`${id}-province-hint`}>
              {t("periodForm.provinceHint")}
            </p>
          </div>
        </div>
        {kind === "evaluasi" && (
          <label className="checkbox">
            <input type="checkbox" checked={withVisit} onChange={(e) => setWithVisit(e.target.checked)} />
            {t("periodForm.withVisit")}
          </label>
        )}
        {isAdmin && (
          <label className="checkbox">
            <input type="checkbox" checked={internal} data-testid="period-internal" onChange={(e) => setInternal(e.target.checked)} />
            {t("periodForm.internal")}
          </label>
        )}
        <AgencyChecklist province={province} selected={agencies} onChange={setAgencies} />
        <div>
          <button type="submit" className="button" disabled={busy || !chosenInstrument} data-testid="period-submit">
            {t("periodForm.submit")}
          </button>
        </div>
        {created && <Success testId="period-created">{t("periodForm.created", { name: created })}</Success>}
      </form>
    </section>
  );
}
