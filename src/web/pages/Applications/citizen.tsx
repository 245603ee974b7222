import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import {
  fetchCitizenNotifications,
  fetchMyApplication,
  fetchMyApplications,
  needsCitizenSignIn,
  productUrl,
  readCitizenNotifications,
  resubmitApplication,
  startApplication,
  submitApplication,
  withdrawApplication,
  type MyApplication,
  type SubmitResult,
} from "../../applicationsApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormError, Loading } from "../../components/Status";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { LoadFailure } from "../NotFound";
import { ApplicationEditor } from "./ApplicationEditor";
import { AnswerList, History, SlaBadge, StateName } from "./parts";

/** Asked to sign in as a citizen (401 `citizen_sign_in_required`): a link to the citizen sign-in that comes back here. */
export function CitizenSignIn() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <div className="note" role="status" data-testid="citizen-sign-in">
      <p>{t("applications.citizen.signInNeeded")}</p>
      <Link className="button" to={`/masuk-warga?returnTo=${encodeURIComponent(pathname + search)}`} data-testid="citizen-sign-in-link">
        {t("applications.citizen.signIn")}
      </Link>
    </div>
  );
}

/**
 * The "Ajukan online" button of a public service page: shown when the service has a published form.
 * No link to "Permohonan saya" here: that page answers 401 without a citizen session, which the
 * signed-out console walk would meet (the citizen area /warga links it).
 */
export function ApplyOnlineButton({ serviceId, hasForm }: { serviceId: number; hasForm: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmit();
  if (!hasForm) return null;
  const start = () =>
    void run(async () => {
      const id = await startApplication(serviceId);
      void navigate(`/permohonan-saya/${encodeURIComponent(id)}`);
    });
  return (
    <div className="apply-online" data-testid="apply-online">
      <button type="button" className="button" disabled={busy} onClick={start} data-testid="apply-online-button">
        {t("applications.apply.button")}
      </button>
      {needsCitizenSignIn(error) ? <CitizenSignIn /> : <FormError error={error} />}
    </div>
  );
}

/** "Permohonan saya": the citizen's applications and in-app notifications. */
export function MyApplicationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t("applications.mine.title"));
  const list = useApi("my-applications", async (signal) => {
    const [applications, notes] = await Promise.all([fetchMyApplications(signal), fetchCitizenNotifications(signal)]);
    return { applications, notes: notes.notifications };
  });
  const markRead = useSubmit();
  if (list.status === "loading") return <Loading label={t("applications.loading")} />;
  if (list.status === "error") {
    if (needsCitizenSignIn(list.error))
      return (
        <section className="page-narrow">
          <h1>{t("applications.mine.title")}</h1>
          <CitizenSignIn />
        </section>
      );
    return <LoadFailure error={list.error} retry={list.retry} />;
  }
  const notes = list.data.notes;
  return (
    <section data-testid="my-applications">
      <h1>{t("applications.mine.title")}</h1>
      {list.data.applications.length === 0 ? (
        <p>{t("applications.mine.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("applications.mine.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("applications.trackingNumber")}</th>
                <th scope="col">{t("applications.service")}</th>
                <th scope="col">{t("applications.state")}</th>
                <th scope="col">{t("applications.deadline")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/permohonan-saya/${encodeURIComponent(a.id)}`} data-testid="my-application-link">
                      {a.trackingNumber ?? t("applications.draft")}
                    </Link>
                  </td>
                  <td>
                    {a.service.name}
                    <br />
                    <span className="hint">{a.agency.name}</span>
                  </td>
                  <td>
                    <StateName state={a.state} />
                  </td>
                  <td>{!a.terminal && a.stateDeadline ? formatDate(a.stateDeadline, lang) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="section" aria-labelledby="citizen-notes">
        <h2 id="citizen-notes">{t("applications.notifications.title")}</h2>
        {notes.length > 0 ? (
          <>
            <ul className="notification-list" data-testid="citizen-notifications">
              {notes.map((x) => (
                <li key={x.id} className={x.read ? "" : "is-unread"}>
                  {x.read ? "" : <span className="badge badge-unsaved">{t("applications.notifications.new")}</span>}{" "}
                  {x.kind.startsWith("complaint.") ? (
                    // A complaint's news (e.g. closed by itself after 10 working days) belongs to "Pengaduan saya".
                    <Link to="/pengaduan-saya">{t("applications.notifications.complaint")}</Link>
                  ) : (
                    <Link to={x.applicationId ? `/permohonan-saya/${encodeURIComponent(x.applicationId)}` : "/permohonan-saya"}>
                      {t(`applications.notifications.kinds.${x.kind.replace("application.", "")}`, { defaultValue: t("applications.notifications.changed") })}
                    </Link>
                  )}{" "}
                  <span className="hint">{formatDateTime(x.createdAt, lang)}</span>
                </li>
              ))}
            </ul>
            <button type="button" className="button button-small button-secondary" disabled={markRead.busy} onClick={() => void markRead.run(async () => { await readCitizenNotifications(); list.reload(); })}>
              {t("applications.notifications.markRead")}
            </button>
          </>
        ) : (
          <p>{t("applications.notifications.none")}</p>
        )}
      </section>
    </section>
  );
}

/** One of the citizen's applications: the draft form, or its status, deadlines, history, correction, withdrawal and product. */
export function MyApplicationPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(`my-application:${id}`, (signal) => fetchMyApplication(id, signal));
  const [submitted, setSubmitted] = useState<SubmitResult | null>(null);
  usePageTitle(state.status === "ok" ? state.data.application.service.name : t("applications.mine.title"));
  if (state.status === "loading") return <Loading label={t("applications.loading")} />;
  if (state.status === "error") {
    if (needsCitizenSignIn(state.error)) return <CitizenSignIn />;
    return <LoadFailure error={state.error} retry={state.retry} />;
  }
  const d = state.data;
  return (
    <article data-testid="my-application">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/permohonan-saya">{t("applications.mine.title")}</Link>
          </li>
          <li aria-current="page">{d.application.trackingNumber ?? t("applications.draft")}</li>
        </ol>
      </nav>
      <h1>{d.application.service.name}</h1>
      {submitted && (
        <div className="note note-success" role="status" data-testid="submitted">
          <p>{t("applications.apply.submitted")}</p>
          <dl className="facts">
            <dt>{t("applications.trackingNumber")}</dt>
            <dd data-testid="submitted-number">{submitted.trackingNumber}</dd>
            <dt>{t("track.check")}</dt>
            <dd data-testid="submitted-check">{submitted.check}</dd>
          </dl>
          <p className="hint">{t("applications.apply.keepCheck")}</p>
        </div>
      )}
      {d.application.state === "draft" ? (
        <ApplicationEditor
          applicationId={id}
          definition={d.form.definition}
          initial={d.data}
          submitLabel={t("applications.apply.submit")}
          onSubmit={async (data) => {
            const r = await submitApplication(id, data);
            setSubmitted(r);
            state.reload();
          }}
        />
      ) : (
        <ApplicationStatus d={d} id={id} reload={state.reload} />
      )}
    </article>
  );
}

function ApplicationStatus({ d, id, reload }: { d: MyApplication; id: string; reload(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [confirm, setConfirm] = useState(false);
  const withdraw = useSubmit();
  const a = d.application;
  const can = (action: string) => d.actions.some((x) => x.action === action && x.allowed);
  return (
    <>
      <dl className="facts" data-testid="application-facts">
        <dt>{t("applications.trackingNumber")}</dt>
        <dd data-testid="application-number">{a.trackingNumber}</dd>
        <dt>{t("applications.state")}</dt>
        <dd data-testid="application-state">
          <StateName state={a.state} />
        </dd>
        {a.submittedAt && (
          <>
            <dt>{t("applications.submittedAt")}</dt>
            <dd>{formatDateTime(a.submittedAt, lang)}</dd>
          </>
        )}
        {!a.terminal && d.stateSla?.deadline && (
          <>
            <dt>{t("track.deadline")}</dt>
            <dd>
              {formatDate(d.stateSla.deadline, lang)} <SlaBadge sla={d.stateSla.status} />
            </dd>
          </>
        )}
        {!a.terminal && a.caseDeadline && (
          <>
            <dt>{t("track.caseDeadline")}</dt>
            <dd>{formatDate(a.caseDeadline, lang)}</dd>
          </>
        )}
      </dl>
      {a.hasProduct && (
        <p>
          <a className="button" href={productUrl(id)} download data-testid="product-download">
            {t("applications.product")}
          </a>
        </p>
      )}
      {d.correctionReason && can("resubmit") && (
        <section className="section" aria-labelledby="correction">
          <h2 id="correction">{t("applications.correction.title")}</h2>
          <p className="note note-warning" data-testid="correction-reason">
            {t("applications.correction.reason")}: {d.correctionReason}
          </p>
          <ApplicationEditor
            applicationId={id}
            definition={d.form.definition}
            initial={d.data}
            submitLabel={t("applications.correction.submit")}
            onSubmit={async (data) => {
              await resubmitApplication(id, data);
              reload();
            }}
          />
        </section>
      )}
      {can("withdraw") && (
        <p>
          <button type="button" className="button button-danger" onClick={() => setConfirm(true)} data-testid="withdraw">
            {t("applications.withdraw.button")}
          </button>
          <FormError error={withdraw.error} />
        </p>
      )}
      <ConfirmDialog
        open={confirm}
        title={t("applications.withdraw.title")}
        confirmLabel={t("applications.withdraw.confirm")}
        danger
        busy={withdraw.busy}
        testId="withdraw"
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          void withdraw.run(async () => {
            await withdrawApplication(id);
            setConfirm(false);
            reload();
          })
        }
      >
        <p>{t("applications.withdraw.body")}</p>
      </ConfirmDialog>
      <section className="section" aria-labelledby="answers">
        <h2 id="answers">{t("applications.answers")}</h2>
        <AnswerList definition={d.form.definition} data={d.data} />
      </section>
      <section className="section" aria-labelledby="history">
        <h2 id="history">{t("applications.history.title")}</h2>
        <History history={d.history} />
      </section>
    </>
  );
}
