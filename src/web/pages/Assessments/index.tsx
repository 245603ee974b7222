import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fetchPeriods, type Period } from "../../assessmentApi";
import { RequireSession } from "../../components/RequireSession";
import { StageBadge } from "../../components/StageBadge";
import { ErrorMessage, Loading } from "../../components/Status";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { CreatePeriod } from "./CreatePeriod";
import { PeriodSchedule } from "./PeriodSchedule";

function PeriodCard({ period: p }: { period: Period }) {
  const { t } = useTranslation();
  const headingId = `period-${p.id}`;
  return (
    <li>
      <article className="card" aria-labelledby={headingId} data-testid={`period-${p.id}`}>
        <h2 id={headingId}>
          {p.name} <span className="muted">· {p.year}</span>
        </h2>
        <p className="small muted">{t("assess.periodMeta", { kind: t(`periodKinds.${p.kind}`), instrument: p.instrument })}</p>
        {p.schedule.some((w) => w.opens !== null) || p.canEditSchedule ? <PeriodSchedule period={p} /> : null}
        {p.assessments.length ? (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("assess.caption", { name: p.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assess.colAgency")}</th>
                  <th scope="col">{t("assess.colStage")}</th>
                </tr>
              </thead>
              <tbody>
                {p.assessments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/penilaian/${a.id}`} data-testid={`assessment-${a.agencyCode}`}>
                        {a.agencyName}
                      </Link>{" "}
                      <span className="muted small">({a.agencyCode})</span>
                    </th>
                    <td>
                      <StageBadge stage={a.stage} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("assess.noAssessments")}</p>
        )}
      </article>
    </li>
  );
}

function AssessmentsView() {
  const { t } = useTranslation();
  const { me } = useSession();
  const state = useApi("periods", fetchPeriods);
  return (
    <>
      <h1>{t("assess.title")}</h1>
      <p className="lead">{t("assess.intro")}</p>
      {me?.abilities.createPeriod && <CreatePeriod onCreated={state.reload} />}
      <section className="section" aria-labelledby="periods-title">
        <h2 id="periods-title">{t("assess.listTitle")}</h2>
        {state.status === "loading" && <Loading label={t("assess.loading")} />}
        {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
        {state.status === "ok" &&
          (state.data.length ? (
            <ul className="card-list period-list">
              {[...state.data].reverse().map((p) => (
                <PeriodCard key={p.id} period={p} />
              ))}
            </ul>
          ) : (
            <>
              <p>{t("assess.empty")}</p>
              {me?.roles.some((r) => r.role === "asesor_eksternal") && (
                <p className="note" data-testid="assess-external-hint">
                  {t("wfErrors.externalUnassigned")}
                </p>
              )}
            </>
          ))}
      </section>
    </>
  );
}

/** `/penilaian`: the periods and assessments the reader may open, and a new period for those allowed. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t("assess.title"));
  return (
    <RequireSession>
      <AssessmentsView />
    </RequireSession>
  );
}
