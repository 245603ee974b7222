import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError, Loading } from "../../components/Status";
import { actOnComplaint, fetchComplaint, revealReporter, type ComplaintDetail } from "../../complaintsApi";
import { fetchUnits } from "../../planningApi";
import { formatDateTime, formatFileSize } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";
import { SlaText } from "./SlaText";
import { caseReasonText } from "../../caseReason";

/** One complaint for the agency's officers (/pengaduan-masuk/:code/:id): history, deadline, identity on request, and the workflow actions. */
export function ComplaintDetailPage() {
  const { t } = useTranslation();
  const { code = "", id = "" } = useParams();
  usePageTitle(t("complaints.inbox.title"));
  const state = useApi(`complaint:${code}:${id}`, (signal) => fetchComplaint(code, id, signal));
  if (state.status === "loading") return <Loading label={t("complaints.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <Detail code={code} initial={state.data} />;
}

function Detail({ code, initial }: { code: string; initial: ComplaintDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fid = useId();
  const [c, setC] = useState(initial);
  const [reason, setReason] = useState("");
  const [answer, setAnswer] = useState("");
  const [unitId, setUnitId] = useState("");
  const [why, setWhy] = useState("");
  const [identity, setIdentity] = useState<{ name: string | null; email: string | null; phone: string | null } | null>(null);
  const submit = useSubmit();
  const units = useApi(`units:${code}`, (signal) => fetchUnits(code, signal));
  useUnsavedChanges(reason.trim() !== "" || answer.trim() !== "");
  const act = (action: string) =>
    submit.run(async () => {
      setC(await actOnComplaint(code, c.id, { action, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(action === "post_answer" ? { answer: answer.trim() } : {}), ...(action === "verify" && unitId ? { dispositionUnitId: Number(unitId) } : {}) }));
      setReason("");
      setAnswer("");
    });
  const reveal = () => submit.run(async () => setIdentity(await revealReporter(code, c.id, why.trim())));
  const actionLabel = (a: string) => t(`complaints.actions.${a}`, { defaultValue: a });
  const allowed = c.actions.filter((a) => a.allowed);
  return (
    <article data-testid="complaint-detail">
      <p>
        <Link to={`/pengaduan-masuk/${encodeURIComponent(code)}`}>{t("complaints.detail.back")}</Link>
      </p>
      <h1>{c.title}</h1>
      <FormError error={submit.error} testId="complaint-detail-error" />
      <dl className="facts">
        <div>
          <dt>{t("complaints.trackingNumber")}</dt>
          <dd>{c.trackingNumber}</dd>
        </div>
        <div>
          <dt>{t("complaints.status")}</dt>
          <dd data-testid="complaint-state">{t(`complaints.states.${c.state}`, { defaultValue: c.state })}</dd>
        </div>
        <div>
          <dt>{t("complaints.category")}</dt>
          <dd>{t(`complaints.categories.${c.category}`)}</dd>
        </div>
        {c.service && (
          <div>
            <dt>{t("complaints.service")}</dt>
            <dd>{c.service.name}</dd>
          </div>
        )}
        {c.stateSla && (
          <div>
            <dt>{t("complaints.deadline")}</dt>
            <dd>
              <SlaText sla={c.stateSla} />
            </dd>
          </div>
        )}
        {c.dispositionUnit && (
          <div>
            <dt>{t("complaints.detail.unit")}</dt>
            <dd>{c.dispositionUnit.name}</dd>
          </div>
        )}
        <div>
          <dt>{t("complaints.detail.lapor")}</dt>
          <dd>{c.laporTrackingId ?? "–"}</dd>
        </div>
      </dl>
      <p className="pre-line">{c.description}</p>
      {c.attachments.length > 0 && (
        <ul>
          {c.attachments.map((a) => (
            <li key={a.id}>
              {a.fileName} ({formatFileSize(a.size, lang)})
            </li>
          ))}
        </ul>
      )}
      <section className="section" aria-labelledby={`${fid}-reporter`}>
        <h2 id={`${fid}-reporter`}>{t("complaints.detail.reporter")}</h2>
        {c.personalDataRemoved ? (
          <p className="muted">{t("complaints.detail.removed")}</p>
        ) : c.anonymous ? (
          <p>{t("complaints.detail.anonymous")}</p>
        ) : c.reporter || identity ? (
          <p data-testid="complaint-reporter">{[(c.reporter ?? identity)!.name, (c.reporter ?? identity)!.email, (c.reporter ?? identity)!.phone].filter(Boolean).join(" · ")}</p>
        ) : (
          <>
            <p>{t("complaints.detail.confidential")}</p>
            {c.abilities.handle && (
              <div className="form">
                <div className="field">
                  <label htmlFor={`${fid}-why`}>{t("complaints.detail.revealReason")}</label>
                  <input id={`${fid}-why`} value={why} minLength={3} maxLength={500} onChange={(e) => setWhy(e.target.value)} data-testid="reveal-reason" />
                </div>
                <button type="button" className="button button-secondary" disabled={submit.busy || why.trim().length < 3} onClick={() => void reveal()} data-testid="reveal-identity">
                  {t("complaints.detail.reveal")}
                </button>
              </div>
            )}
          </>
        )}
        {c.identityViews.length > 0 && (
          <>
            <h3>{t("complaints.detail.identityViews")}</h3>
            <ul data-testid="identity-views">
              {c.identityViews.map((v, i) => (
                <li key={i}>
                  {formatDateTime(v.at, lang)} — {v.userName ?? "–"}: {v.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {c.answer && (
        <section className="section">
          <h2>{t("complaints.answer")}</h2>
          <p className="pre-line">{c.answer}</p>
        </section>
      )}
      {allowed.length > 0 && (
        <section className="section form" aria-labelledby={`${fid}-act`}>
          <h2 id={`${fid}-act`}>{t("complaints.detail.act")}</h2>
          {allowed.some((a) => a.action === "verify") && units.status === "ok" && (
            <div className="field">
              <label htmlFor={`${fid}-unit`}>{t("complaints.detail.unit")}</label>
              <select id={`${fid}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="complaint-unit">
                <option value="">–</option>
                {units.data.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {allowed.some((a) => a.action === "post_answer") && (
            <div className="field">
              <label htmlFor={`${fid}-answer`}>{t("complaints.detail.answerText")}</label>
              <textarea id={`${fid}-answer`} rows={4} value={answer} maxLength={8000} onChange={(e) => setAnswer(e.target.value)} data-testid="complaint-answer" />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${fid}-reason`}>{t("complaints.detail.reason")}</label>
            <textarea id={`${fid}-reason`} rows={2} value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} data-testid="complaint-reason" />
          </div>
          <div className="button-row">
            {allowed.map((a) =>
              a.action === "claim" || a.action === "release" ? (
                <button key={a.action} type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void act(a.action)} data-testid={`complaint-action-${a.action}`}>
                  {actionLabel(a.action)}
                </button>
              ) : (
                <ConfirmButton key={a.action} label={actionLabel(a.action)} question={t("complaints.detail.confirm", { action: actionLabel(a.action) })} confirmLabel={actionLabel(a.action)} onConfirm={() => act(a.action).then(() => undefined)} testId={`complaint-action-${a.action}`} className="button" />
              ),
            )}
          </div>
        </section>
      )}
      <section className="section">
        <h2>{t("complaints.history")}</h2>
        <ol className="timeline">
          {c.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at, lang)} — {actionLabel(h.action)}
              {h.reason || h.systemReason ? `: ${caseReasonText(t, lang, h)}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
