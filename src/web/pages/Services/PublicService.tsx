import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PUBLIC_COMPONENT_KEYS } from "../../../core/services/service-standard";
import { Loading } from "../../components/Status";
import { formatDate, formatNumber } from "../../format";
import { useLang } from "../../i18n";
import { fetchServiceForm } from "../../applicationsApi";
import { fetchPublicService } from "../../servicesApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { ApplyOnlineButton } from "../Applications/citizen";
import { LoadFailure } from "../NotFound";
import { feeText } from "./labels";

/** One service of the public catalogue: where and how to apply, and the six public components of its Standar Pelayanan. */
export function PublicServicePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = "" } = useParams();
  const state = useApi(`public-service:${id}`, (signal) => fetchPublicService(id, signal));
  // The published application form, when the service takes applications online ("Ajukan online").
  const form = useApi(`service-form:${id}`, (signal) => (/^\d+$/.test(id) ? fetchServiceForm(Number(id), signal) : Promise.resolve(null)));
  usePageTitle(state.status === "ok" ? state.data.name : t("services.public.title"));
  if (state.status === "loading") return <Loading label={t("services.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const s = state.data;
  const std = s.standard;
  return (
    <article className="service-page" data-testid="service-page">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/layanan">{t("services.public.title")}</Link>
          </li>
          <li aria-current="page">{s.name}</li>
        </ol>
      </nav>
      <h1 data-testid="service-name">{s.name}</h1>
      {s.summary && <p className="lead">{s.summary}</p>}
      <ApplyOnlineButton serviceId={s.id} hasForm={form.status === "ok" && form.data !== null} />
      <dl className="facts service-facts">
        <div>
          <dt>{t("services.agency")}</dt>
          <dd>{s.agency.name}</dd>
        </div>
        {s.unit && (
          <div>
            <dt>{t("services.unit")}</dt>
            <dd>{s.unit}</dd>
          </div>
        )}
        <div>
          <dt>{t("services.sector")}</dt>
          <dd>{t(`services.sectors.${s.sector}`)}</dd>
        </div>
        <div>
          <dt>{t("services.fee")}</dt>
          <dd>{feeText(t, s.feeRupiah, lang)}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="service-where">
        <h2 id="service-where">{t("services.public.where")}</h2>
        <ul>
          {s.channels.online && (
            <li>
              {t("services.channels.online")}:{" "}
              <a href={s.channels.online} rel="noopener noreferrer" target="_blank" data-testid="service-online">
                {s.channels.online}
              </a>
            </li>
          )}
          {s.channels.mpp && <li>{t("services.public.atMpp")}</li>}
          {s.channels.office && <li>{s.unit ? t("services.public.atUnitOffice", { unit: s.unit }) : t("services.public.atOffice")}</li>}
        </ul>
      </section>
      <section className="section" aria-labelledby="service-standard">
        <h2 id="service-standard">{t("services.public.standard")}</h2>
        <p className="small muted" data-testid="service-decree">
          {t("services.public.decree", { version: std.version, number: std.decreeNumber ?? "–", date: std.decreeDate ? formatDate(std.decreeDate, lang) : "–" })}
        </p>
        {PUBLIC_COMPONENT_KEYS.map((k) => (
          <section key={k} className="service-component" aria-labelledby={`component-${k}`}>
            <h3 id={`component-${k}`}>{t(`services.components.${k}`)}</h3>
            <p className="pre-line" data-testid={`component-${k}`}>
              {std.components[k]}
            </p>
          </section>
        ))}
      </section>
      <section className="section" aria-labelledby="service-privacy">
        <h2 id="service-privacy">{t("services.public.privacyTitle")}</h2>
        <p data-testid="service-privacy">{t("services.public.privacyNote", { days: formatNumber(s.complaintRetentionDays, lang) })}</p>
      </section>
      <p>
        <Link to={`/layanan/${s.id}/bantuan`} data-testid="service-help">
          {t("complaints.faq.link")}
        </Link>
        {" · "}
        <Link to={`/pengaduan?instansi=${encodeURIComponent(s.agency.code)}&layanan=${s.id}`} data-testid="service-complain">
          {t("complaints.faq.complain")}
        </Link>
      </p>
      <p>
        <Link to="/layanan">{t("services.public.back")}</Link>
      </p>
    </article>
  );
}
