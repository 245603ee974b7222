import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { FormError, Loading } from "../../components/Status";
import { formatDate, formatIndexOr, formatNumber } from "../../format";
import { useLang } from "../../i18n";
import { fetchAgencyServices } from "../../servicesApi";
import { createSurvey, fetchSkmSummary, fetchSurveys, type SkmSummary } from "../../skmApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";
import { EnoughBadge } from "./AgencySurvey";

function AddSurvey({ code }: { code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const services = useApi(`agency-services:${code}`, (signal) => fetchAgencyServices(code, signal));
  const [serviceId, setServiceId] = useState("");
  const [title, setTitle] = useState("");
  const [periodStart, setStart] = useState("");
  const [periodEnd, setEnd] = useState("");
  const [population, setPopulation] = useState("");
  const [counters, setCounters] = useState("");
  const submit = useSubmit();
  useUnsavedChanges(title.trim() !== "" || serviceId !== "");
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const created = await createSurvey(code, {
        serviceId: Number(serviceId),
        title: title.trim(),
        periodStart,
        periodEnd,
        population: population ? Number(population) : null,
        counters: counters
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean),
      });
      setTitle("");
      setServiceId("");
      void navigate(`/survei-kepuasan/${encodeURIComponent(code)}/${created.survey.id}`);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void add(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("skm.officer.add")}</h2>
      <FormError error={submit.error} testId="skm-add-error" />
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-service`}>{t("skm.service")}</label>
          <select id={`${id}-service`} value={serviceId} required onChange={(e) => setServiceId(e.target.value)} data-testid="skm-add-service">
            <option value="">{t("skm.officer.chooseService")}</option>
            {services.status === "ok" &&
              services.data.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-title-input`}>{t("skm.title")}</label>
          <input id={`${id}-title-input`} value={title} required minLength={3} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="skm-add-title" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t("skm.periodStart")}</label>
          <input id={`${id}-start`} type="date" value={periodStart} required onChange={(e) => setStart(e.target.value)} data-testid="skm-add-start" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t("skm.periodEnd")}</label>
          <input id={`${id}-end`} type="date" value={periodEnd} required onChange={(e) => setEnd(e.target.value)} data-testid="skm-add-end" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-population`}>{t("skm.population")}</label>
          <input id={`${id}-population`} type="number" min={1} inputMode="numeric" value={population} onChange={(e) => setPopulation(e.target.value)} aria-describedby={`${id}-population-help`} data-testid="skm-add-population" />
          <p id={`${id}-population-help`} className="small muted">
            {t("skm.populationHelp")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-counters`}>{t("skm.counters")}</label>
          <input id={`${id}-counters`} value={counters} onChange={(e) => setCounters(e.target.value)} placeholder="Loket 1, MPP" data-testid="skm-add-counters" />
        </div>
      </div>
      <div>
        <button type="submit" className="button" disabled={submit.busy} data-testid="skm-add-submit">
          {t("skm.officer.addSubmit")}
        </button>
      </div>
    </form>
  );
}

function SummaryTable({ caption, groups, testId }: { caption: string; groups: SkmSummary["byService"]; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (groups.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("skm.name")}</th>
            <th scope="col">{t("skm.respondents")}</th>
            <th scope="col">IKM</th>
            <th scope="col">{t("skm.mutu")}</th>
            <th scope="col">{t("skm.minimum")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.name}</th>
              <td>{formatNumber(g.result.respondents, lang)}</td>
              <td>{formatIndexOr(g.result.ikm, lang)}</td>
              <td>{g.result.mutu ?? "–"}</td>
              <td>
                <EnoughBadge enough={g.result.enough} />
                {g.partsBelowMinimum > 0 && <span className="small muted"> {t("skm.partsBelow", { count: g.partsBelowMinimum })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Summary({ code }: { code: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [year, setYear] = useState(2026);
  const state = useApi(`skm-summary:${code}:${year}`, (signal) => fetchSkmSummary(code, year, signal));
  return (
    <section className="section" aria-labelledby="skm-summary">
      <h2 id="skm-summary">{t("skm.officer.summary")}</h2>
      <div className="field inline">
        <label htmlFor="skm-year">{t("skm.year")}</label>
        <input id="skm-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || 2026)} />
      </div>
      {state.status === "loading" && <Loading label={t("skm.loading")} />}
      {state.status === "error" && <LoadFailure error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <p data-testid="skm-agency-ikm">
            {t("skm.officer.agencyIkm", { ikm: formatIndexOr(state.data.agency.result.ikm, lang), mutu: state.data.agency.result.mutu ?? "–", respondents: formatNumber(state.data.agency.result.respondents, lang) })}
          </p>
          {state.data.province && <p>{t("skm.officer.provinceIkm", { ikm: formatIndexOr(state.data.province.result.ikm, lang), mutu: state.data.province.result.mutu ?? "–", respondents: formatNumber(state.data.province.result.respondents, lang) })}</p>}
          <SummaryTable caption={t("skm.officer.byService")} groups={state.data.byService} testId="skm-by-service" />
          <SummaryTable caption={t("skm.officer.byUnit")} groups={state.data.byUnit} testId="skm-by-unit" />
          <SummaryTable caption={t("skm.officer.byAgency")} groups={state.data.byAgency} testId="skm-by-agency" />
        </>
      )}
    </section>
  );
}

/** An agency's SKM surveys (/survei-kepuasan/:code): every survey with respondents and IKM, a new survey, the pooled results of a year. */
export function AgencySurveysPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { code = "" } = useParams();
  usePageTitle(t("skm.officer.title"));
  const state = useApi(`agency-surveys:${code}`, (signal) => fetchSurveys(code, signal));
  if (state.status === "loading") return <Loading label={t("skm.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const { surveys, abilities } = state.data;
  return (
    <>
      <h1>{t("skm.officer.title")}</h1>
      <p className="lead">{t("skm.officer.intro")}</p>
      {surveys.length === 0 ? (
        <p className="muted">{t("skm.officer.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="skm-surveys">
            <caption>{t("skm.officer.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("skm.title")}</th>
                <th scope="col">{t("skm.service")}</th>
                <th scope="col">{t("skm.period")}</th>
                <th scope="col">{t("skm.statusLabel")}</th>
                <th scope="col">{t("skm.respondents")}</th>
                <th scope="col">IKM</th>
                <th scope="col">{t("skm.mutu")}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/survei-kepuasan/${encodeURIComponent(code)}/${s.id}`}>{s.title}</Link>
                    {s.demo && <span className="badge badge-neutral">DATA DEMO</span>}
                  </th>
                  <td>{s.service.name}</td>
                  <td>
                    {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)}
                  </td>
                  <td>{t(`skm.status.${s.status}`)}</td>
                  <td data-testid={`skm-respondents-${s.id}`}>{formatNumber(s.respondents, lang)}</td>
                  <td>{formatIndexOr(s.ikm, lang)}</td>
                  <td>{s.mutu ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Summary code={code} />
      {abilities.manage && <AddSurvey code={code} />}
      <p>
        <Link to={`/katalog-layanan/${encodeURIComponent(code)}`}>{t("skm.officer.toCatalogue")}</Link>
      </p>
    </>
  );
}
