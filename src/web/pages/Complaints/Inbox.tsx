import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { Loading } from "../../components/Status";
import { fetchInbox, type SlaFilter } from "../../complaintsApi";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadFailure } from "../NotFound";
import { SlaText } from "./SlaText";

const FILTERS: (SlaFilter | "")[] = ["", "on_track", "due_soon", "breached", "paused"];

/** The agency's complaint inbox (/pengaduan-masuk/:code): open complaints with their deadlines, filtered by SLA state. */
export function ComplaintInboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { code = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const sla = (FILTERS.find((f) => f === params.get("sla")) ?? "") as SlaFilter | "";
  usePageTitle(t("complaints.inbox.title"));
  const state = useApi(`complaints:${code}:${sla}`, (signal) => fetchInbox(code, sla, signal));
  return (
    <>
      <h1>{t("complaints.inbox.title")}</h1>
      <p className="lead">{t("complaints.inbox.intro", { code })}</p>
      <nav aria-label={t("complaints.inbox.filter")} className="button-row" data-testid="inbox-filters">
        {FILTERS.map((f) => (
          <button key={f || "all"} type="button" className={`button button-small ${f === sla ? "" : "button-secondary"}`} aria-pressed={f === sla} onClick={() => setParams(f ? { sla: f } : {})} data-testid={`inbox-filter-${f || "all"}`}>
            {f ? t(`complaints.sla.${f}`) : t("complaints.sla.all")}
          </button>
        ))}
      </nav>
      {state.status === "loading" && <Loading label={t("complaints.loading")} />}
      {state.status === "error" && <LoadFailure error={state.error} retry={state.retry} />}
      {state.status === "ok" &&
        (state.data.complaints.length === 0 ? (
          <p className="muted">{t("complaints.inbox.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="complaint-inbox">
              <caption>{t("complaints.inbox.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("complaints.subject")}</th>
                  <th scope="col">{t("complaints.status")}</th>
                  <th scope="col">{t("complaints.deadline")}</th>
                  <th scope="col">{t("complaints.filedAt")}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.complaints.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/pengaduan-masuk/${encodeURIComponent(code)}/${c.id}`} data-testid="inbox-complaint">
                        {c.title}
                      </Link>
                      <div className="small muted">{c.trackingNumber}</div>
                    </th>
                    <td>
                      {t(`complaints.states.${c.state}`, { defaultValue: c.state })}
                      {c.claim && <div className="small muted">{c.claim.mine ? t("complaints.inbox.claimedByYou") : t("complaints.inbox.claimed")}</div>}
                    </td>
                    <td>{c.stateSla ? <SlaText sla={c.stateSla} /> : "–"}</td>
                    <td>{formatDate(c.filedAt.slice(0, 10), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
