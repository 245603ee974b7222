import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PredicateBadge } from "../../components/Badges";
import { StageBadge } from "../../components/StageBadge";
import { formatDate, formatDateTime, formatIndex, formatIndexExact } from "../../format";
import { useLang } from "../../i18n";
import { fetchAssessmentSchedule } from "../../scheduleApi";
import { useApi } from "../../useApi";
import { PrintButton } from "../../components/PrintButton";
import { useWorkspace } from "./context";

/**
 * The open stage's dates and where today falls: "sisa N hari", "dibuka pada …" or "ditutup"
 * (from `GET /api/assessments/:id/schedule`; the days are counted on the server in Indonesian time).
 * Nothing while loading, on an error (the stage still works or refuses on its own) or at "final".
 */
function StageScheduleNote() {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  // Keyed on the stage too, so advancing a stage shows the next stage's dates.
  const state = useApi(`ws-schedule-${ws.id}-${ws.stage}`, (signal) => fetchAssessmentSchedule(ws.id, signal));
  if (state.status !== "ok" || ws.stage === "final") return null;
  const { current } = state.data;
  const when =
    current.state === "open"
      ? current.daysLeft === 0
        ? t("schedule.closesToday")
        : t("schedule.daysLeft", { count: current.daysLeft ?? 0 })
      : current.state === "not_open"
        ? t("schedule.opensOn", { date: formatDate(current.opens ?? "", lang) })
        : current.state === "closed"
          ? t("schedule.closed")
          : null;
  return (
    <p className={current.state === "open" || current.state === "unscheduled" ? "ws-schedule" : "ws-schedule note note-warning"} data-testid="ws-schedule" data-state={current.state}>
      <strong>{t("schedule.label")}:</strong>{" "}
      {current.opens && current.closes ? (
        <>
          <span data-testid="ws-schedule-dates">{t("schedule.window", { opens: formatDate(current.opens, lang), closes: formatDate(current.closes, lang) })}</span>
          {" · "}
          <span data-testid="ws-schedule-when">{when}</span>
        </>
      ) : (
        t("schedule.unscheduled")
      )}
    </p>
  );
}

/** The stages of the period in order; the current one highlighted (aria-current="step"). */
function StageStepper() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const at = ws.period.stages.indexOf(ws.stage);
  return (
    <ol className="stepper" aria-label={t("ws.stepper")}>
      {ws.period.stages.map((s, n) => (
        <li key={s} className={n === at ? "is-current" : n < at ? "is-done" : undefined} aria-current={n === at ? "step" : undefined}>
          <span className="stepper-num" aria-hidden="true">
            {n + 1}
          </span>
          {t(`stages.${s}`)}
          {n === at && <span className="visually-hidden"> ({t("ws.current")})</span>}
        </li>
      ))}
    </ol>
  );
}

/**
 * A final assessment's result at the top of the page: the index, the predicate and the revision in
 * force (the latest correction, or revision 1), so nobody has to scroll to the revisions to see it.
 */
function FinalResult() {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  const latest = ws.results[ws.results.length - 1];
  if (ws.stage !== "final" || !latest) return null;
  return (
    <section className="final-result" aria-labelledby="ws-final-title" data-testid="ws-final">
      <h2 id="ws-final-title">{t("layout.final.title")}</h2>
      <dl className="final-figures">
        <div>
          <dt>{t("layout.final.index")}</dt>
          <dd>
            <span className="final-index" data-testid="ws-final-index">
              {formatIndex(latest.indexRounded, lang)}
            </span>{" "}
            <span className="small muted">
              ({t("calc.indexExact")}: {formatIndexExact(latest.index, lang)})
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("layout.final.predicate")}</dt>
          <dd>
            <PredicateBadge name={latest.predicate} testId="ws-final-predicate" />
          </dd>
        </div>
        <div>
          <dt>{t("layout.final.revision")}</dt>
          <dd data-testid="ws-final-revision">
            {latest.revision === 1 ? t("layout.final.firstRevision") : t("layout.final.correction", { revision: latest.revision })} · {formatDateTime(latest.createdAt, lang)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** Breadcrumb, agency, period facts, the stage stepper and the review team's status and notes. */
export function WorkspaceHeader() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const { period, review } = ws;
  return (
    <header className="instrument-header ws-header">
      <p className="breadcrumb">
        <Link to="/penilaian">← {t("ws.back")}</Link>
      </p>
      <div className="title-row">
        <h1>{ws.agency.name}</h1>
        <StageBadge stage={ws.stage} testId="ws-stage" />
      </div>
      <dl className="facts">
        <div>
          <dt>{t("ws.period")}</dt>
          <dd>
            {period.name} · {period.year}
          </dd>
        </div>
        <div>
          <dt>{t("ws.kind")}</dt>
          <dd>{t(`periodKinds.${period.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("ws.agency")}</dt>
          <dd>{ws.agency.code}</dd>
        </div>
        <div>
          <dt>{t("calc.policy")}</dt>
          <dd>{period.predicatePolicy === "exact" ? t("calc.policyExact") : t("calc.policyRounded")}</dd>
        </div>
      </dl>
      <FinalResult />
      <p className="button-row no-print">
        <Link to={`/penilaian/${ws.id}/rencana`} className="button button-secondary button-small" data-testid="ws-plan-link">
          {t("planning.nav.plan")}
        </Link>
        <PrintButton testId="ws-print" />
      </p>
      <StageStepper />
      <StageScheduleNote />
      {/* Only a review in progress: a final assessment has none (the demo seed stores "valid" there). */}
      {ws.stage !== "final" && (review.status === "pending" || review.status === "returned") && (
        <div className={review.status === "returned" ? "note note-warning" : "note"} data-testid="ws-review-status">
          <p>{review.status === "pending" ? t("ws.reviewPending") : t("ws.reviewReturned")}</p>
          {review.notes && (
            <p data-testid="ws-review-notes">
              {/* Pending: the note the external assessor closed the assessment with; returned: the review team's corrections. */}
              <strong>{review.status === "pending" ? t("layout.review.assessorNote") : t("layout.review.returnNotes")}:</strong> {review.notes}
            </p>
          )}
        </div>
      )}
    </header>
  );
}
