import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StageBadge } from "../../components/StageBadge";
import { useWorkspace } from "./context";

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
      <p>
        <Link to={`/penilaian/${ws.id}/rencana`} className="button button-secondary button-small" data-testid="ws-plan-link">
          {t("planning.nav.plan")}
        </Link>
      </p>
      <StageStepper />
      {review.status && (
        <div className={review.status === "returned" ? "note note-warning" : "note"} data-testid="ws-review-status">
          <p>{review.status === "pending" ? t("ws.reviewPending") : t("ws.reviewReturned")}</p>
          {review.notes && (
            <p>
              <strong>{t("ws.reviewNotes")}:</strong> {review.notes}
            </p>
          )}
        </div>
      )}
    </header>
  );
}
