import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { SERVICE_CHANNELS, SERVICE_SECTORS } from "../../../core/services/service-standard";
import { ErrorMessage, Loading } from "../../components/Status";
import { useLang } from "../../i18n";
import { fetchProvinces } from "../../publicApi";
import { fetchPublicServices, publicServicesCsvUrl, type PublicService, type PublicServiceFilter } from "../../servicesApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { feeText } from "./labels";

/** The filter as the address holds it (so a search can be shared and the Back button returns to it). */
function filterOf(params: URLSearchParams): PublicServiceFilter {
  return { q: params.get("q") ?? "", province: params.get("provinsi") ?? "", sector: params.get("sektor") ?? "", channel: params.get("kanal") ?? "" };
}

function ServiceCard({ s }: { s: PublicService }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li>
      <article className="card service-card" data-testid="service-card">
        <h2 className="service-card-title">
          <Link to={`/layanan/${s.id}`} data-testid="service-link">
            {s.name}
          </Link>
        </h2>
        <p className="muted small">
          {s.agency.name}
          {s.unit ? ` · ${s.unit}` : ""}
        </p>
        {s.summary && <p>{s.summary}</p>}
        <ul className="service-tags" aria-label={t("services.channelsLabel")}>
          <li className="badge badge-neutral">{t(`services.sectors.${s.sector}`)}</li>
          {s.channels.online && <li className="badge badge-official">{t("services.channels.online")}</li>}
          {s.channels.mpp && <li className="badge badge-official">{t("services.channels.mpp")}</li>}
          {s.channels.office && <li className="badge badge-official">{t("services.channels.office")}</li>}
        </ul>
        <p className="small">
          {t("services.fee")}: {feeText(t, s.feeRupiah, lang)}
        </p>
      </article>
    </li>
  );
}

/**
 * The public service catalogue (/layanan): every service whose Standar Pelayanan is in force, in
 * a province and its kab/kota, searched by name and filtered by sector and channel; no session.
 */
export function PublicCataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t("services.public.title"));
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const [q, setQ] = useState(filter.q);
  useEffect(() => setQ(filter.q), [filter.q]);
  const provinces = useApi("provinces", (signal) => fetchProvinces(signal));
  const key = JSON.stringify(filter);
  const state = useApi(`public-services:${key}`, (signal) => fetchPublicServices(filter, signal));

  const set = (change: Partial<Record<"q" | "provinsi" | "sektor" | "kanal", string>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: q.trim() });
  };

  return (
    <>
      <h1>{t("services.public.title")}</h1>
      <p className="lead">{t("services.public.intro")}</p>
      <form role="search" className="card form service-filters" onSubmit={search} aria-label={t("services.public.searchLabel")}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("services.public.q")}</label>
          <div className="search-row">
            <input id={`${id}-q`} type="search" value={q} minLength={2} maxLength={100} onChange={(e) => setQ(e.target.value)} data-testid="services-q" enterKeyHint="search" />
            <button type="submit" className="button" data-testid="services-search">
              {t("services.public.search")}
            </button>
          </div>
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-province`}>{t("services.public.province")}</label>
            <select id={`${id}-province`} value={filter.province} onChange={(e) => set({ provinsi: e.target.value })} data-testid="services-province">
              <option value="">{t("services.public.allProvinces")}</option>
              {provinces.status === "ok" &&
                provinces.data.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sector`}>{t("services.sector")}</label>
            <select id={`${id}-sector`} value={filter.sector} onChange={(e) => set({ sektor: e.target.value })} data-testid="services-sector">
              <option value="">{t("services.public.allSectors")}</option>
              {SERVICE_SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(`services.sectors.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-channel`}>{t("services.channel")}</label>
            <select id={`${id}-channel`} value={filter.channel} onChange={(e) => set({ kanal: e.target.value })} data-testid="services-channel">
              <option value="">{t("services.public.allChannels")}</option>
              {SERVICE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`services.channels.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      {state.status === "loading" && <Loading label={t("services.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <p role="status" data-testid="services-count">
            {t("services.public.count", { count: state.data.length })}
          </p>
          {state.data.length === 0 ? (
            <p className="muted">{t("services.public.none")}</p>
          ) : (
            <ul className="card-list" data-testid="services-list">
              {state.data.map((s) => (
                <ServiceCard key={s.id} s={s} />
              ))}
            </ul>
          )}
          <p className="small">
            {t("services.public.openData")} <a href={publicServicesCsvUrl(filter)}>{t("services.public.csv")}</a>
            {" · "}
            <Link to="/publik">{t("services.public.portalLink")}</Link>
          </p>
        </>
      )}
    </>
  );
}
