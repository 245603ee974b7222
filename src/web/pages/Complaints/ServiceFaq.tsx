import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Loading } from "../../components/Status";
import { fetchServiceFaq } from "../../complaintsApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadFailure } from "../NotFound";

/** Help for a service's users (/layanan/:id/bantuan): its questions and answers, and the way to complain. */
export function ServiceFaqPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  usePageTitle(t("complaints.faq.title"));
  const state = useApi(`service-faq:${id}`, (signal) => fetchServiceFaq(id, signal));
  if (state.status === "loading") return <Loading label={t("services.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const { service, entries } = state.data;
  return (
    <article data-testid="service-faq">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/layanan">{t("services.public.title")}</Link>
          </li>
          <li>
            <Link to={`/layanan/${service.id}`}>{service.name}</Link>
          </li>
          <li aria-current="page">{t("complaints.faq.title")}</li>
        </ol>
      </nav>
      <h1>{t("complaints.faq.title")}</h1>
      <p className="lead">{service.name} — {service.agency.name}</p>
      {entries.length === 0 ? (
        <p className="muted">{t("complaints.faq.none")}</p>
      ) : (
        entries.map((e, i) => (
          <details key={i} className="faq-entry" open={i === 0}>
            <summary>{e.question}</summary>
            <p className="pre-line">{e.answer}</p>
          </details>
        ))
      )}
      <p>
        <Link to={`/pengaduan?instansi=${encodeURIComponent(service.agency.code)}&layanan=${service.id}`} data-testid="faq-complain">
          {t("complaints.faq.complain")}
        </Link>
      </p>
    </article>
  );
}
