import { useId, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PUBLIC_COMPONENT_KEYS, INTERNAL_COMPONENT_KEYS, SERVICE_COMPONENT_KEYS, SERVICE_SECTORS } from "../../../core/services/service-standard";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError, Loading, Success } from "../../components/Status";
import { UnitSelect } from "../../components/UnitSelect";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { fetchUnits } from "../../planningApi";
import { fetchAgencyService, putStandardInForce, saveStandardDraft, startStandardDraft, updateAgencyService, type ServiceDetail, type ServiceSector, type StandardDraft, type StandardVersion } from "../../servicesApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";
import { StandardState } from "./AgencyCatalogue";

type Service = ServiceDetail["service"];
interface FieldsDraft {
  name: string;
  summary: string;
  sector: ServiceSector;
  unitId: string;
  onlineUrl: string;
  atMpp: boolean;
  atOffice: boolean;
  fee: string;
  retentionDays: string;
}
const fieldsOf = (s: Service): FieldsDraft => ({
  name: s.name,
  summary: s.summary,
  sector: s.sector,
  unitId: s.unit ? String(s.unit.id) : "",
  onlineUrl: s.onlineUrl ?? "",
  atMpp: s.atMpp,
  atOffice: s.atOffice,
  fee: s.feeRupiah === null ? "" : String(s.feeRupiah),
  retentionDays: String(s.complaintRetentionDays),
});

/** What the catalogue says about the service: name, summary, sector, owning unit, channels and fee. */
function ServiceFieldsForm({ code, service, onSaved }: { code: string; service: Service; onSaved(d: ServiceDetail): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(() => fieldsOf(service));
  const [done, setDone] = useState(false);
  const units = useApi(`units:${code}`, (signal) => fetchUnits(code, signal));
  const submit = useSubmit();
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(fieldsOf(service)));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    await submit.run(async () => {
      const next = await updateAgencyService(code, service.id, {
        name: draft.name.trim(),
        summary: draft.summary.trim(),
        sector: draft.sector,
        unitId: draft.unitId ? Number(draft.unitId) : null,
        onlineUrl: draft.onlineUrl.trim() || null,
        atMpp: draft.atMpp,
        atOffice: draft.atOffice,
        feeRupiah: draft.fee.trim() === "" ? null : Number(draft.fee),
        complaintRetentionDays: Number(draft.retentionDays),
      });
      setDraft(fieldsOf(next.service));
      onSaved(next);
      setDone(true);
    });
  };
  return (
    <form className="card form form-wide" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("services.officer.catalogueEntry")}</h2>
      <FormError error={submit.error} testId="service-fields-error" />
      {done && <Success testId="service-fields-saved">{t("services.officer.saved")}</Success>}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("services.name")}</label>
          <input id={`${id}-name`} value={draft.name} required minLength={3} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="service-name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sector`}>{t("services.sector")}</label>
          <select id={`${id}-sector`} value={draft.sector} onChange={(e) => setDraft({ ...draft, sector: e.target.value as ServiceSector })}>
            {SERVICE_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`services.sectors.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <UnitSelect id={`${id}-unit`} label={t("services.unit")} value={draft.unitId} onChange={(v) => setDraft({ ...draft, unitId: v })} units={units.status === "ok" ? units.data : []} emptyLabel={t("services.officer.noUnit")} />
        <div className="field">
          <label htmlFor={`${id}-fee`}>{t("services.officer.feeRupiah")}</label>
          <input id={`${id}-fee`} type="number" inputMode="numeric" min={0} step={1} value={draft.fee} aria-describedby={`${id}-fee-hint`} onChange={(e) => setDraft({ ...draft, fee: e.target.value })} />
          <p className="hint" id={`${id}-fee-hint`}>
            {t("services.officer.feeHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-retention`}>{t("services.officer.complaintRetentionDays")}</label>
          <input id={`${id}-retention`} type="number" inputMode="numeric" min={30} max={36500} step={1} required value={draft.retentionDays} aria-describedby={`${id}-retention-hint`} onChange={(e) => setDraft({ ...draft, retentionDays: e.target.value })} data-testid="service-retention" />
          <p className="hint" id={`${id}-retention-hint`}>
            {t("services.officer.complaintRetentionHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-online`}>{t("services.officer.onlineUrl")}</label>
          <input id={`${id}-online`} type="url" value={draft.onlineUrl} placeholder="https://" onChange={(e) => setDraft({ ...draft, onlineUrl: e.target.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t("services.officer.summary")}</label>
        <textarea id={`${id}-summary`} rows={2} maxLength={600} value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} />
      </div>
      <fieldset className="field">
        <legend>{t("services.channelsLabel")}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={draft.atMpp} onChange={(e) => setDraft({ ...draft, atMpp: e.target.checked })} /> {t("services.channels.mpp")}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.atOffice} onChange={(e) => setDraft({ ...draft, atOffice: e.target.checked })} /> {t("services.channels.office")}
        </label>
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={submit.busy} data-testid="service-fields-save">
          {t("services.officer.save")}
        </button>
      </div>
    </form>
  );
}

type DraftText = Record<(typeof SERVICE_COMPONENT_KEYS)[number] | "decreeNumber" | "decreeDate", string>;
const draftOf = (v: StandardVersion): DraftText => ({
  ...(Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, v[k]])) as Record<(typeof SERVICE_COMPONENT_KEYS)[number], string>),
  decreeNumber: v.decreeNumber ?? "",
  decreeDate: v.decreeDate ?? "",
});
function fieldLabel(t: TFunction, f: string): string {
  if (f === "decreeNumber" || f === "decreeDate") return t(`services.officer.${f}`);
  return (SERVICE_COMPONENT_KEYS as readonly string[]).includes(f) ? t(`services.components.${f as (typeof SERVICE_COMPONENT_KEYS)[number]}`) : f;
}

/** The draft of the next standard: the fourteen components in their two groups and the decree; saving, then putting it in force (confirmed). */
function DraftEditor({ code, serviceId, version, onChanged }: { code: string; serviceId: number; version: StandardVersion; onChanged(d: ServiceDetail | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => draftOf(version));
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const inForce = useSubmit();
  const dirty = JSON.stringify(text) !== JSON.stringify(draftOf(version));
  useUnsavedChanges(dirty);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    await submit.run(async () => {
      const body: StandardDraft = { ...text, decreeNumber: text.decreeNumber.trim() || null, decreeDate: text.decreeDate || null };
      const next = await saveStandardDraft(code, serviceId, version.version, body);
      const saved = next.versions.find((v) => v.version === version.version)!;
      setText(draftOf(saved));
      onChanged(next);
      setDone(true);
    });
  };
  const area = (k: (typeof SERVICE_COMPONENT_KEYS)[number]) => (
    <div className="field" key={k}>
      <label htmlFor={`${id}-${k}`}>{t(`services.components.${k}`)}</label>
      <textarea id={`${id}-${k}`} rows={3} maxLength={8000} value={text[k]} onChange={(e) => setText({ ...text, [k]: e.target.value })} data-testid={`draft-${k}`} />
    </div>
  );
  return (
    <section className="section" aria-labelledby={`${id}-title`} data-testid="draft-editor">
      <h2 id={`${id}-title`}>{t("services.officer.draftTitle", { version: version.version })}</h2>
      <form className="card form form-wide" onSubmit={(e) => void save(e)}>
        <FormError error={submit.error} testId="draft-error" />
        {done && <Success testId="draft-saved">{t("services.officer.saved")}</Success>}
        <fieldset>
          <legend>{t("services.officer.publicGroup")}</legend>
          {PUBLIC_COMPONENT_KEYS.map(area)}
        </fieldset>
        <fieldset>
          <legend>{t("services.officer.internalGroup")}</legend>
          {INTERNAL_COMPONENT_KEYS.map(area)}
        </fieldset>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-decreeNumber`}>{t("services.officer.decreeNumber")}</label>
            <input id={`${id}-decreeNumber`} value={text.decreeNumber} maxLength={200} onChange={(e) => setText({ ...text, decreeNumber: e.target.value })} data-testid="draft-decreeNumber" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-decreeDate`}>{t("services.officer.decreeDate")}</label>
            <input id={`${id}-decreeDate`} type="date" value={text.decreeDate} onChange={(e) => setText({ ...text, decreeDate: e.target.value })} data-testid="draft-decreeDate" />
          </div>
        </div>
        <div>
          <button type="submit" className="button" disabled={submit.busy} data-testid="draft-save">
            {t("services.officer.saveDraft")}
          </button>
        </div>
      </form>
      <div className="card">
        <FormError error={inForce.error} testId="in-force-error" />
        {version.missing.length > 0 ? (
          <p data-testid="draft-missing">{t("services.officer.missing", { fields: version.missing.map((f) => fieldLabel(t, f)).join(", ") })}</p>
        ) : dirty ? (
          <p>{t("services.officer.saveFirst")}</p>
        ) : (
          <ConfirmButton
            label={t("services.officer.putInForce")}
            question={t("services.officer.putInForceQuestion", { version: version.version })}
            className="button"
            testId="draft-in-force"
            onConfirm={async () => {
              await inForce.run(async () => {
                await putStandardInForce(code, serviceId, version.version);
                onChanged(null);
              });
            }}
          />
        )}
      </div>
    </section>
  );
}

function VersionHistory({ versions }: { versions: StandardVersion[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="section" aria-labelledby="service-versions">
      <h2 id="service-versions">{t("services.officer.versions")}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="service-versions">
          <thead>
            <tr>
              <th scope="col">{t("services.officer.version")}</th>
              <th scope="col">{t("services.officer.status")}</th>
              <th scope="col">{t("services.officer.decreeNumber")}</th>
              <th scope="col">{t("services.officer.decreeDate")}</th>
              <th scope="col">{t("services.officer.inForceAt")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>{t(`services.status.${v.status}`)}</td>
                <td>{v.decreeNumber ?? "–"}</td>
                <td>{v.decreeDate ? formatDate(v.decreeDate, lang) : "–"}</td>
                <td>{v.inForceAt ? formatDateTime(v.inForceAt, lang) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The standard in force, read-only, all fourteen components (the agency's own view). */
function InForceView({ version }: { version: StandardVersion }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="service-in-force">
      <h2 id="service-in-force">{t("services.officer.inForceTitle", { version: version.version })}</h2>
      <dl className="service-standard">
        {SERVICE_COMPONENT_KEYS.map((k) => (
          <div key={k}>
            <dt>
              {t(`services.components.${k}`)}
              {INTERNAL_COMPONENT_KEYS.includes(k as (typeof INTERNAL_COMPONENT_KEYS)[number]) && <span className="muted small"> ({t("services.officer.internal")})</span>}
            </dt>
            <dd className="pre-line">{version[k] || "–"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ServiceView({ code, initial, reload }: { code: string; initial: ServiceDetail; reload(): void }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState(initial);
  const start = useSubmit();
  const { service, versions, abilities } = detail;
  const draft = versions.find((v) => v.status === "draft");
  const inForce = versions.find((v) => v.status === "in_force");
  const changed = (d: ServiceDetail | null) => (d ? setDetail(d) : reload());
  return (
    <>
      <p>
        <Link to={`/katalog-layanan/${encodeURIComponent(code)}`}>{t("services.officer.backToList")}</Link>
      </p>
      <h1 data-testid="service-title">{service.name}</h1>
      <p>
        <StandardState s={service} />
        {inForce && (
          <>
            {" "}
            <Link to={`/layanan/${service.id}`}>{t("services.officer.publicPage")}</Link>
          </>
        )}
        {abilities.manageFaq && (
          <>
            {" · "}
            <Link to={`/katalog-layanan/${encodeURIComponent(code)}/${service.id}/bantuan`} data-testid="service-faq-editor">
              {t("complaints.faqEditor.link")}
            </Link>
          </>
        )}
      </p>
      {abilities.manage && <ServiceFieldsForm key={service.id} code={code} service={service} onSaved={setDetail} />}
      {abilities.manage && draft && <DraftEditor key={draft.version} code={code} serviceId={service.id} version={draft} onChanged={changed} />}
      {abilities.manage && !draft && (
        <div className="card">
          <FormError error={start.error} testId="draft-start-error" />
          <button type="button" className="button" disabled={start.busy} data-testid="draft-start" onClick={() => void start.run(async () => setDetail(await startStandardDraft(code, service.id)))}>
            {t("services.officer.startDraft")}
          </button>
        </div>
      )}
      {inForce && <InForceView version={inForce} />}
      <VersionHistory versions={versions} />
    </>
  );
}

/** One service of the agency's catalogue (/katalog-layanan/:code/:serviceId): its catalogue entry, the draft of its standard, the version in force and the history. */
export function AgencyServicePage() {
  const { t } = useTranslation();
  const { code = "", serviceId = "" } = useParams();
  const state = useApi(`agency-service:${code}:${serviceId}`, (signal) => fetchAgencyService(code, serviceId, signal));
  usePageTitle(state.status === "ok" ? state.data.service.name : t("services.officer.title"));
  if (state.status === "loading") return <Loading label={t("services.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <ServiceView key={JSON.stringify(state.data.versions.map((v) => [v.version, v.status]))} code={code} initial={state.data} reload={state.reload} />;
}
