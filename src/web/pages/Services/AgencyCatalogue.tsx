import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { SERVICE_SECTORS } from "../../../core/services/service-standard";
import { FormError, Loading } from "../../components/Status";
import { createAgencyService, fetchAgencyServices, type AgencyService, type ServiceSector } from "../../servicesApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";

/** Where a service's standard stands: the version in force and/or a draft. */
export function StandardState({ s }: { s: Pick<AgencyService, "inForce" | "draftVersion"> }) {
  const { t } = useTranslation();
  return (
    <>
      {s.inForce ? <span className="badge badge-official">{t("services.status.inForceVersion", { version: s.inForce.version })}</span> : <span className="badge badge-neutral">{t("services.status.notPublic")}</span>}
      {s.draftVersion !== null && <span className="badge badge-neutral">{t("services.status.draftVersion", { version: s.draftVersion })}</span>}
    </>
  );
}

function AddService({ code }: { code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [sector, setSector] = useState<ServiceSector>("lainnya");
  const submit = useSubmit();
  useUnsavedChanges(name.trim() !== "");
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const created = await createAgencyService(code, { name: name.trim(), sector });
      setName("");
      void navigate(`/katalog-layanan/${encodeURIComponent(code)}/${created.service.id}`);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void add(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("services.officer.add")}</h2>
      <FormError error={submit.error} testId="service-add-error" />
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("services.name")}</label>
          <input id={`${id}-name`} value={name} required minLength={3} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="service-add-name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sector`}>{t("services.sector")}</label>
          <select id={`${id}-sector`} value={sector} onChange={(e) => setSector(e.target.value as ServiceSector)} data-testid="service-add-sector">
            {SERVICE_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`services.sectors.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <button type="submit" className="button" disabled={submit.busy} data-testid="service-add-submit">
          {t("services.officer.addSubmit")}
        </button>
      </div>
    </form>
  );
}

/** An agency's own service catalogue (/katalog-layanan/:code): every service with its standard's state, drafts included. */
export function AgencyCataloguePage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  usePageTitle(t("services.officer.title"));
  const state = useApi(`agency-services:${code}`, (signal) => fetchAgencyServices(code, signal));
  if (state.status === "loading") return <Loading label={t("services.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const { services, abilities } = state.data;
  return (
    <>
      <h1>{t("services.officer.title")}</h1>
      <p className="lead">{t("services.officer.intro", { code })}</p>
      <p>
        <Link to={`/layanan?provinsi=${encodeURIComponent(code.slice(0, 2))}`}>{t("services.officer.publicLink")}</Link>
      </p>
      <p>
        <Link to={`/survei-kepuasan/${encodeURIComponent(code)}`} data-testid="skm-surveys-link">
          {t("skm.officer.fromCatalogue")}
        </Link>
      </p>
      <p>
        <Link to={`/dasbor-layanan/${encodeURIComponent(code)}`} data-testid="service-dashboard-link">
          {t("serviceDashboard.fromCatalogue")}
        </Link>
      </p>
      {services.length === 0 ? (
        <p className="muted">{t("services.officer.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="agency-services">
            <caption>{t("services.officer.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("services.name")}</th>
                <th scope="col">{t("services.sector")}</th>
                <th scope="col">{t("services.unit")}</th>
                <th scope="col">{t("services.officer.standard")}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/katalog-layanan/${encodeURIComponent(code)}/${s.id}`}>{s.name}</Link>
                  </th>
                  <td>{t(`services.sectors.${s.sector}`)}</td>
                  <td>{s.unit?.name ?? "–"}</td>
                  <td>
                    <StandardState s={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {abilities.manage && <AddService code={code} />}
    </>
  );
}
