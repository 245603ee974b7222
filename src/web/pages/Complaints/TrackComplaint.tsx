import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { actAsReporter, trackComplaint, type ReporterAction, type TrackedComplaint } from "../../complaintsApi";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { SlaText } from "./SlaText";

/** The reporter's tracking page (/pengaduan/lacak): by tracking number and check value; status, deadlines, the answer, and the reporter's actions. */
export function TrackComplaintPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  usePageTitle(t("complaints.track.title"));
  const [number, setNumber] = useState("");
  const [check, setCheck] = useState("");
  const [reason, setReason] = useState("");
  const [c, setC] = useState<TrackedComplaint | null>(null);
  const submit = useSubmit();
  const look = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => setC(await trackComplaint(number, check)));
  };
  const act = (action: ReporterAction) => submit.run(async () => {
    setC(await actAsReporter(number, check, action, reason.trim() || undefined));
    setReason("");
  });
  return (
    <>
      <form className="card form" onSubmit={(e) => void look(e)} aria-labelledby={`${id}-title`} data-testid="track-form">
        <h1 id={`${id}-title`}>{t("complaints.track.title")}</h1>
        <FormError error={submit.error} testId="track-error" />
        <div className="field">
          <label htmlFor={`${id}-number`}>{t("complaints.trackingNumber")}</label>
          <input id={`${id}-number`} value={number} required autoComplete="off" onChange={(e) => setNumber(e.target.value)} data-testid="track-number" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-check`}>{t("complaints.checkValue")}</label>
          <input id={`${id}-check`} value={check} required autoComplete="off" onChange={(e) => setCheck(e.target.value)} data-testid="track-check" />
        </div>
        <button type="submit" className="button" disabled={submit.busy} data-testid="track-submit">
          {t("complaints.track.submit")}
        </button>
      </form>
      {c && (
        <section className="card" aria-labelledby={`${id}-case`} data-testid="tracked-complaint">
          <h2 id={`${id}-case`}>{c.title}</h2>
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
              <h3 id={`${id}-answer`}>{t("complaints.answer")}</h3>
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
                  <button key={a.action} type="button" className="button" disabled={submit.busy || (a.reasonRequired && !reason.trim())} onClick={() => void act(a.action as ReporterAction)} data-testid={`track-action-${a.action}`}>
                    {t(`complaints.actions.${a.action}`, { defaultValue: a.action })}
                  </button>
                ))}
              </div>
            </div>
          )}
          <h3>{t("complaints.history")}</h3>
          <ol className="timeline">
            {c.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at, lang)} — {t(`complaints.actions.${h.action}`, { defaultValue: h.action })}
                {h.reason ? `: ${h.reason}` : ""}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
