import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReporterAction, TrackedComplaint } from "../../complaintsApi";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { SlaText } from "./SlaText";
import { caseReasonText } from "../../caseReason";

/**
 * A complaint as its reporter sees it — status, deadlines, the answer, the history — with the
 * actions open to the reporter (accept, reply, give details). Used by the tracking page and by the
 * citizen's "Pengaduan saya"; `onAct` answers whether the action went through.
 */
export function TrackedComplaintCard({ c, busy, onAct, headingLevel = 2 }: { c: TrackedComplaint; busy: boolean; onAct(action: ReporterAction, reason: string): Promise<boolean>; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [reason, setReason] = useState("");
  const act = async (action: ReporterAction) => {
    if (await onAct(action, reason.trim())) setReason("");
  };
  const H = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="card" aria-labelledby={`${id}-case`} data-testid="tracked-complaint">
      <H id={`${id}-case`}>{c.title}</H>
      <dl className="facts">
        <div>
          <dt>{t("complaints.status")}</dt>
          <dd data-testid="tracked-state">{t(`complaints.states.${c.state}`, { defaultValue: c.state })}</dd>
        </div>
        <div>
          <dt>{t("complaints.agency")}</dt>
          <dd>{c.agency.name}</dd>
        </div>
        {c.service && (
          <div>
            <dt>{t("complaints.service")}</dt>
            <dd>{c.service.name}</dd>
          </div>
        )}
        <div>
          <dt>{t("complaints.filedAt")}</dt>
          <dd>{formatDateTime(c.filedAt, lang)}</dd>
        </div>
        {c.stateSla && (
          <div>
            <dt>{t("complaints.deadline")}</dt>
            <dd>
              <SlaText sla={c.stateSla} />
            </dd>
          </div>
        )}
        {c.autoClose && (
          <div>
            <dt>{t("complaints.track.autoClose")}</dt>
            <dd>{formatDate(c.autoClose.on, lang)}</dd>
          </div>
        )}
      </dl>
      {c.answer && (
        <section aria-labelledby={`${id}-answer`}>
          <Sub id={`${id}-answer`}>{t("complaints.answer")}</Sub>
          <p className="pre-line" data-testid="tracked-answer">
            {c.answer}
          </p>
        </section>
      )}
      {c.actions.length > 0 && (
        <div className="form">
          {c.actions.some((a) => a.reasonRequired || a.action === "provide_details") && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t("complaints.track.reply")}</label>
              <textarea id={`${id}-reason`} rows={3} value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} data-testid="track-reason" />
            </div>
          )}
          <div className="button-row">
            {c.actions.map((a) => (
              <button key={a.action} type="button" className="button" disabled={busy || (a.reasonRequired && !reason.trim())} onClick={() => void act(a.action as ReporterAction)} data-testid={`track-action-${a.action}`}>
                {t(`complaints.actions.${a.action}`, { defaultValue: a.action })}
              </button>
            ))}
          </div>
        </div>
      )}
      <Sub>{t("complaints.history")}</Sub>
      <ol className="timeline">
        {c.history.map((h, i) => (
          <li key={i}>
            {formatDateTime(h.at, lang)} — {t(`complaints.actions.${h.action}`, { defaultValue: h.action })}
            {h.reason || h.systemReason ? `: ${caseReasonText(t, lang, h)}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
