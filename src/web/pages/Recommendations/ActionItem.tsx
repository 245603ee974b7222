import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError } from "../../components/Status";
import { evidenceFileUrl, fetchEvidenceList, type EvidenceSummary } from "../../evidenceApi";
import { formatDate, formatDateTime, formatRupiah, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import { ACTION_STATUSES, addComment, deleteAction, linkActionEvidence, unlinkActionEvidence, updateAction, type ActionStatus, type ImprovementAction } from "../../planningApi";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** One action: owner, due date (overdue marked), budget, status (changeable), comments and progress evidence. */
export function ActionItem({ action: a, agencyCode, manage, onChange }: { action: ImprovementAction; agencyCode: string; manage: boolean; onChange(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [comment, setComment] = useState("");
  useUnsavedChanges(comment.trim() !== "");
  const [library, setLibrary] = useState<EvidenceSummary[] | null>(null);
  const [pick, setPick] = useState("");
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const submitComment = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await addComment(a.id, comment);
      setComment("");
    });
  };
  const owner = [a.ownerUnit?.name, a.ownerName].filter(Boolean).join(" — ");
  return (
    <div className={a.overdue ? "action-item is-overdue" : "action-item"} data-testid={`action-${a.id}`}>
      <div className="action-head">
        <strong className="action-title">{a.title}</strong>
        {manage ? (
          <label className="action-status">
            <span className="visually-hidden">{t("planning.recs.statusOf", { title: a.title })}</span>
            <select value={a.status} onChange={(e) => void run(() => updateAction(a.id, { status: e.target.value as ActionStatus }))} data-testid={`action-${a.id}-status`}>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`planning.recs.statuses.${s}`)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className={`badge badge-status-${a.status}`} data-testid={`action-${a.id}-status`}>
            {t(`planning.recs.statuses.${a.status}`)}
          </span>
        )}
      </div>
      <dl className="facts facts-wide small">
        <div>
          <dt>{t("planning.recs.owner")}</dt>
          <dd>{owner || NO_VALUE}</dd>
        </div>
        <div>
          <dt>{t("planning.recs.dueDate")}</dt>
          <dd>
            {a.dueDate ? formatDate(a.dueDate, lang) : NO_VALUE}
            {a.overdue && (
              <span className="badge badge-overdue" data-testid={`action-${a.id}-overdue`}>
                {t("planning.recs.overdue")}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("planning.recs.budget")}</dt>
          <dd data-testid={`action-${a.id}-budget`}>{a.budget === null ? NO_VALUE : formatRupiah(a.budget, lang)}</dd>
        </div>
        {a.targetIndicatorCode && (
          <div>
            <dt>{t("planning.recs.target")}</dt>
            <dd>{t("planning.recs.targetText", { code: a.targetIndicatorCode, level: a.targetLevel ?? NO_VALUE })}</dd>
          </div>
        )}
      </dl>
      <FormError error={error} />
      <details>
        <summary>{t("planning.recs.commentsAndEvidence", { comments: a.comments.length, evidence: a.evidence.length })}</summary>
        <ul className="plain-list small">
          {a.comments.map((c) => (
            <li key={c.id}>
              <span className="muted">
                {c.author ?? NO_VALUE} · {formatDateTime(c.createdAt, lang)}:
              </span>{" "}
              <span className="prewrap">{c.body}</span>
            </li>
          ))}
        </ul>
        {manage && (
          <form className="copy-row" onSubmit={submitComment}>
            <label htmlFor={`${id}-comment`} className="visually-hidden">
              {t("planning.recs.comment")}
            </label>
            <input id={`${id}-comment`} value={comment} placeholder={t("planning.recs.comment")} onChange={(e) => setComment(e.target.value)} />
            <button type="submit" className="button button-small" disabled={!comment.trim()}>
              {t("planning.recs.addComment")}
            </button>
          </form>
        )}
        <h5>{t("planning.recs.evidence")}</h5>
        <ul className="plain-list small">
          {a.evidence.map((e) => (
            <li key={e.id}>
              <a href={evidenceFileUrl(agencyCode, e.id, { inline: true })} target="_blank" rel="noreferrer">{e.title}</a>
              {e.documentNumber && ` (${e.documentNumber})`}{" "}
              {manage && (
                <button type="button" className="button button-small button-ghost" onClick={() => void run(() => unlinkActionEvidence(a.id, e.id))}>
                  {t("planning.recs.unlink")}
                </button>
              )}
            </li>
          ))}
        </ul>
        {manage &&
          (library === null ? (
            <button type="button" className="button button-small button-secondary" onClick={() => void fetchEvidenceList(agencyCode, { limit: 200 }).then((l) => setLibrary(l.evidence), setError)}>
              {t("planning.recs.linkEvidence")}
            </button>
          ) : (
            <div className="copy-row">
              <label htmlFor={`${id}-evidence`}>{t("planning.recs.pickEvidence")}</label>
              <select id={`${id}-evidence`} value={pick} onChange={(e) => setPick(e.target.value)}>
                <option value="">—</option>
                {library.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.title}
                  </option>
                ))}
              </select>
              <button type="button" className="button button-small" disabled={!pick} onClick={() => void run(() => linkActionEvidence(a.id, Number(pick)))}>
                {t("planning.recs.link")}
              </button>
            </div>
          ))}
        {manage && (
          <div className="button-row">
            <ConfirmButton
              label={t("planning.recs.deleteAction")}
              question={t("planning.recs.deleteActionQuestion")}
              onConfirm={async () => {
                await deleteAction(a.id);
                onChange();
              }}
            />
          </div>
        )}
      </details>
    </div>
  );
}
