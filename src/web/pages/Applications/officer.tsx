import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { SERVICE_ROLES } from "../../../core/access/roles";
import { actOnApplication, bulkAct, fetchOfficerApplication, fetchQueue, officerFileUrl, type BulkResult, type OfficerApplication, type QueueQuery } from "../../applicationsApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { RequireSession } from "../../components/RequireSession";
import { FormError, Loading } from "../../components/Status";
import { errorText } from "../../errorText";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { LoadFailure } from "../NotFound";
import { AnswerList, History, SlaBadge, StateName } from "./parts";

/** The agency where the signed-in user serves citizens (petugas_layanan / pejabat_layanan), if any. */
export function useServiceAgency(): string | null {
  const { state } = useSession();
  if (state.status !== "signedIn") return null;
  return state.me.roles.find((r) => (SERVICE_ROLES as readonly string[]).includes(r.role) && r.agency)?.agency?.code ?? null;
}

function NoServiceRole() {
  const { t } = useTranslation();
  return (
    <section className="page-narrow">
      <h1>{t("access.title")}</h1>
      <p>{t("applications.officer.noRole")}</p>
    </section>
  );
}

/** `/layanan-masuk`: the officers' queue of incoming applications. */
export function ApplicationQueuePage() {
  return (
    <RequireSession>
      <QueueGate />
    </RequireSession>
  );
}

function QueueGate() {
  const code = useServiceAgency();
  return code ? <Queue code={code} /> : <NoServiceRole />;
}

const SLA = ["", "on_track", "due_soon", "breached", "paused"] as const;
const SCOPES = ["role", "mine", "all"] as const;
const BULK = ["claim", "release"] as const;

function Queue({ code }: { code: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t("applications.officer.title"));
  const [params, setParams] = useSearchParams();
  const filter: QueueQuery = {
    sla: SLA.find((s) => s === params.get("sla")) ?? "",
    serviceId: params.get("layanan") ?? "",
    scope: SCOPES.find((s) => s === params.get("scope")) ?? "role",
  };
  const queue = useApi(`queue:${code}:${filter.sla}:${filter.serviceId}:${filter.scope}`, (signal) => fetchQueue(code, filter, signal));
  const [selected, setSelected] = useState<string[]>([]);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const bulk = useSubmit();
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected([]);
  };
  const items = queue.status === "ok" ? queue.data.items : [];
  const services = [...new Map(items.map((i) => [i.service.id, i.service.name])).entries()];
  return (
    <section data-testid="application-queue">
      <h1>{t("applications.officer.title")}</h1>
      <form className="filters" aria-label={t("applications.officer.filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("applications.officer.sla")}
          <select value={filter.sla} onChange={(e) => setFilter("sla", e.target.value)} data-testid="queue-sla">
            {SLA.map((s) => (
              <option key={s} value={s}>
                {s ? t(`applications.sla.${s}`) : t("applications.officer.any")}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("applications.service")}
          <select value={filter.serviceId} onChange={(e) => setFilter("layanan", e.target.value)} data-testid="queue-service">
            <option value="">{t("applications.officer.any")}</option>
            {filter.serviceId && !services.some(([id]) => String(id) === filter.serviceId) && <option value={filter.serviceId}>{filter.serviceId}</option>}
            {services.map(([id, name]) => (
              <option key={id} value={String(id)}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("applications.officer.scope")}
          <select value={filter.scope} onChange={(e) => setFilter("scope", e.target.value === "role" ? "" : e.target.value)} data-testid="queue-scope">
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`applications.officer.scopes.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {queue.status === "loading" && <Loading label={t("applications.loading")} />}
      {queue.status === "error" && <LoadFailure error={queue.error} retry={queue.retry} />}
      {queue.status === "ok" && (
        <>
          <div className="button-row" role="group" aria-label={t("applications.officer.bulk")}>
            <span>{t("applications.officer.selected", { count: selected.length })}</span>
            {BULK.map((action) => (
              <button
                key={action}
                type="button"
                className="button button-small"
                disabled={selected.length === 0 || bulk.busy}
                data-testid={`bulk-${action}`}
                onClick={() =>
                  void bulk.run(async () => {
                    const r = await bulkAct(code, action, selected);
                    setResults(r.results);
                    setSelected(r.results.filter((x) => !x.ok).map((x) => x.id));
                    queue.reload();
                  })
                }
              >
                {t(`applications.actions.${action}`)}
              </button>
            ))}
          </div>
          <FormError error={bulk.error} />
          {results && (
            <div role="status" data-testid="bulk-results">
              <p>{t("applications.officer.bulkDone", { ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length })}</p>
              <ul>
                {results
                  .filter((r) => !r.ok)
                  .map((r) => (
                    <li key={r.id}>
                      {items.find((i) => i.id === r.id)?.trackingNumber ?? r.id}: {t(`apiErrors.${r.error ?? "unknown"}`, { defaultValue: t("apiErrors.unknown") })}
                    </li>
                  ))}
              </ul>
            </div>
          )}
          {items.length === 0 ? (
            <p data-testid="queue-empty">{t("applications.officer.empty")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="queue-table">
                <caption className="visually-hidden">{t("applications.officer.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t("applications.officer.selectAll")}
                        checked={selected.length === items.length}
                        onChange={(e) => setSelected(e.target.checked ? items.map((i) => i.id) : [])}
                      />
                    </th>
                    <th scope="col">{t("applications.trackingNumber")}</th>
                    <th scope="col">{t("applications.service")}</th>
                    <th scope="col">{t("applications.state")}</th>
                    <th scope="col">{t("applications.deadline")}</th>
                    <th scope="col">{t("applications.officer.claimedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id} data-testid="queue-row">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t("applications.officer.select", { number: i.trackingNumber ?? i.id })}
                          checked={selected.includes(i.id)}
                          data-testid="queue-select"
                          onChange={(e) => setSelected(e.target.checked ? [...selected, i.id] : selected.filter((x) => x !== i.id))}
                        />
                      </td>
                      <td>
                        <Link to={`/layanan-masuk/${encodeURIComponent(i.id)}`} data-testid="queue-link">
                          {i.trackingNumber}
                        </Link>
                      </td>
                      <td>{i.service.name}</td>
                      <td>
                        <StateName state={i.state} />
                      </td>
                      <td>
                        {i.stateDeadline ? formatDate(i.stateDeadline, lang) : "–"} <SlaBadge sla={i.paused ? "paused" : i.sla} />
                      </td>
                      <td>{i.claimedBy ? (i.claimedBy.name ?? "–") : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** `/layanan-masuk/:id`: one application for the officer: answers, attachments, history and the actions the engine allows. */
export function OfficerApplicationPage() {
  return (
    <RequireSession>
      <DetailGate />
    </RequireSession>
  );
}

function DetailGate() {
  const code = useServiceAgency();
  return code ? <Detail code={code} /> : <NoServiceRole />;
}

/** Actions that ask before they are done (they close the case). */
const CONFIRMED = new Set(["approve", "reject"]);

function Detail({ code }: { code: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = "" } = useParams();
  const state = useApi(`officer-application:${code}:${id}`, (signal) => fetchOfficerApplication(code, id, signal));
  usePageTitle(state.status === "ok" ? (state.data.application.trackingNumber ?? t("applications.officer.title")) : t("applications.officer.title"));
  const [dialog, setDialog] = useState<OfficerApplication["actions"][number] | null>(null);
  const [reason, setReason] = useState("");
  const act = useSubmit();
  const { state: session } = useSession();
  const myId = session.status === "signedIn" ? session.me.user.id : null;
  if (state.status === "loading") return <Loading label={t("applications.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const d = state.data;
  const a = d.application;
  const run = (action: string, why?: string) =>
    void act.run(async () => {
      await actOnApplication(code, id, action, why);
      setDialog(null);
      setReason("");
      state.reload();
    });
  const fileLink = (field: string, name: string) => {
    const f = d.files.find((x) => x.field === field && x.name === name);
    return f ? officerFileUrl(code, id, f.id) : null;
  };
  return (
    <article data-testid="officer-application">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to="/layanan-masuk">{t("applications.officer.title")}</Link>
          </li>
          <li aria-current="page">{a.trackingNumber}</li>
        </ol>
      </nav>
      <h1>
        {a.trackingNumber} — {a.service.name}
      </h1>
      <dl className="facts">
        <dt>{t("applications.state")}</dt>
        <dd data-testid="officer-state">
          <StateName state={a.state} />
        </dd>
        {!a.terminal && d.stateSla?.deadline && (
          <>
            <dt>{t("track.deadline")}</dt>
            <dd>
              {formatDate(d.stateSla.deadline, lang)} <SlaBadge sla={a.paused ? "paused" : d.stateSla.status} />
            </dd>
          </>
        )}
        {!a.terminal && a.caseDeadline && (
          <>
            <dt>{t("track.caseDeadline")}</dt>
            <dd>{formatDate(a.caseDeadline, lang)}</dd>
          </>
        )}
        <dt>{t("applications.officer.claimedBy")}</dt>
        <dd data-testid="officer-claimed">{d.claimedBy === null ? t("applications.officer.unclaimed") : d.claimedBy === myId ? t("applications.officer.claimedByMe") : t("applications.officer.claimed")}</dd>
        {d.correctionReason && (
          <>
            <dt>{t("applications.correction.reason")}</dt>
            <dd>{d.correctionReason}</dd>
          </>
        )}
      </dl>
      <section className="section" aria-labelledby="officer-actions">
        <h2 id="officer-actions">{t("applications.officer.actions")}</h2>
        <div className="button-row">
          {d.actions
            .filter((x) => x.allowed)
            .map((x) => (
              <button
                key={x.action}
                type="button"
                className={x.action === "reject" ? "button button-danger" : x.action === "release" ? "button button-secondary" : "button"}
                disabled={act.busy}
                data-testid={`action-${x.action}`}
                onClick={() => (x.reasonRequired || CONFIRMED.has(x.action) ? setDialog(x) : run(x.action))}
              >
                {t(`applications.actions.${x.action}`, { defaultValue: x.action })}
              </button>
            ))}
        </div>
        {d.actions.some((x) => !x.allowed && x.refusal) && (
          <ul className="hint" data-testid="refused-actions">
            {d.actions
              .filter((x) => !x.allowed && x.refusal)
              .map((x) => (
                <li key={x.action}>
                  {t(`applications.actions.${x.action}`, { defaultValue: x.action })}: {t(`apiErrors.${x.refusal}`, { defaultValue: t("apiErrors.unknown") })}
                </li>
              ))}
          </ul>
        )}
        {!dialog && <FormError error={act.error} testId="action-error" />}
      </section>
      <ConfirmDialog
        open={dialog !== null}
        title={dialog ? t("applications.officer.confirmTitle", { action: t(`applications.actions.${dialog.action}`, { defaultValue: dialog.action }) }) : ""}
        confirmLabel={dialog ? t(`applications.actions.${dialog.action}`, { defaultValue: dialog.action }) : ""}
        danger={dialog?.action === "reject"}
        busy={act.busy}
        testId="action"
        onCancel={() => {
          setDialog(null);
          act.setError(null);
        }}
        onConfirm={() => {
          if (!dialog) return;
          if (dialog.reasonRequired && !reason.trim()) return act.setError(t("applications.officer.reasonMissing"));
          run(dialog.action, reason.trim() || undefined);
        }}
      >
        {dialog && CONFIRMED.has(dialog.action) && <p>{t("applications.officer.irreversible")}</p>}
        {dialog?.reasonRequired && (
          <label>
            {t("applications.officer.reason")}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} required data-testid="action-reason" />
          </label>
        )}
        {act.error !== null && <p className="field-error">{typeof act.error === "string" ? act.error : errorText(t, act.error)}</p>}
      </ConfirmDialog>
      <section className="section" aria-labelledby="officer-answers">
        <h2 id="officer-answers">{t("applications.answers")}</h2>
        <AnswerList definition={d.form.definition} data={d.data} fileLink={fileLink} />
      </section>
      <section className="section" aria-labelledby="officer-history">
        <h2 id="officer-history">{t("applications.history.title")}</h2>
        <History history={d.history} withRole />
      </section>
      <section className="section" aria-labelledby="officer-access">
        <h2 id="officer-access">{t("applications.officer.access")}</h2>
        <ul>
          {d.access.slice(0, 20).map((x, i) => (
            <li key={i}>
              {formatDateTime(x.at, lang)} — {x.userName ?? "–"} ({x.what === "detail" ? t("applications.officer.accessDetail") : t("applications.officer.accessFile")})
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
