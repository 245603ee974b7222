import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { deleteRecommendation, type Recommendation } from "../../planningApi";
import { ActionItem } from "./ActionItem";
import { NewActionForm } from "./NewActionForm";

/** One recommendation: its text and facts, its actions, and the forms to add them. */
export function RecommendationCard({ rec, agencyCode, units, manageActions, onChange }: { rec: Recommendation; agencyCode: string; units: { id: number; name: string }[]; manageActions: boolean; onChange(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="card rec-card" data-testid={`rec-${rec.id}`} aria-labelledby={`rec-${rec.id}-title`}>
      <div className="card-head">
        <h3 id={`rec-${rec.id}-title`} className="prewrap">
          {rec.text}
        </h3>
        <span className={`badge badge-priority-${rec.priority}`}>{t(`planning.recs.priorities.${rec.priority}`)}</span>
      </div>
      <p className="small muted">
        {t(`planning.recs.sources.${rec.source}`)}
        {rec.period && ` · ${rec.period.name}`}
        {rec.author && ` · ${rec.author}`} · {formatDateTime(rec.createdAt, lang)}
        {rec.aspectCodes.length > 0 && ` · ${t("planning.recs.aspectCodes")}: ${rec.aspectCodes.join(", ")}`}
        {rec.indicatorCodes.length > 0 && ` · ${t("planning.recs.indicatorCodes")}: ${rec.indicatorCodes.join(", ")}`}
      </p>
      {rec.assessmentId !== null && (
        <p className="small">
          <Link to={`/penilaian/${rec.assessmentId}/rencana`}>{t("planning.recs.openPlan")}</Link>
        </p>
      )}
      <h4>{t("planning.recs.actionsTitle", { count: rec.actions.length })}</h4>
      {rec.actions.length === 0 ? (
        <p className="muted small">{t("planning.recs.noActions")}</p>
      ) : (
        <ul className="plain-list action-list" data-testid={`rec-${rec.id}-actions`}>
          {rec.actions.map((a) => (
            <li key={a.id}>
              <ActionItem action={a} agencyCode={agencyCode} manage={manageActions} onChange={onChange} />
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        {manageActions && <NewActionForm recommendationId={rec.id} units={units} onCreated={onChange} />}
        {rec.canEdit && (
          <ConfirmButton
            label={t("planning.recs.delete")}
            question={t("planning.recs.deleteQuestion")}
            onConfirm={async () => {
              await deleteRecommendation(rec.id);
              onChange();
            }}
          />
        )}
      </div>
    </article>
  );
}
