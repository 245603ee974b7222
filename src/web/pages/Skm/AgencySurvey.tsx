import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { SKM_ELEMENTS } from "../../../core/service-quality/skm-elements";
import { SaveAsEvidence } from "../../components/SaveAsEvidence";
import { FormError, Loading, Success } from "../../components/Status";
import { formatDate, formatIndexExact, formatIndexOr, formatNumber } from "../../format";
import { useLang } from "../../i18n";
import { addFollowUp, closeSurvey, fetchSurvey, importResponses, openSurvey, saveSkmReportEvidence, sheetProblemsOf, skmReportOpenDataUrl, skmReportUrl, surveyQrUrl, updateFollowUp, type SurveyDetail } from "../../skmApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";

/** Whether the respondents meet the minimum for the population (or that no population was given). */
export function EnoughBadge({ enough }: { enough: boolean | null }) {
  const { t } = useTranslation();
  if (enough === null) return <span className="muted small">{t("skm.noPopulation")}</span>;
  return enough ? <span className="badge badge-official">{t("skm.enough")}</span> : <span className="badge badge-warning" data-testid="skm-not-enough">{t("skm.notEnough")}</span>;
}

const elementName = (code: string, lang: "id" | "en") => SKM_ELEMENTS.find((e) => e.code === code)?.name[lang] ?? code;

function Result({ d }: { d: SurveyDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const r = d.result;
  return (
    <section className="section" aria-labelledby="skm-result">
      <h2 id="skm-result">{t("skm.result.title")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("skm.respondents")}</dt>
          <dd data-testid="skm-detail-respondents">{formatNumber(r.respondents, lang)}</dd>
        </div>
        <div>
          <dt>IKM</dt>
          <dd data-testid="skm-detail-ikm">{formatIndexOr(r.ikm, lang)}</dd>
        </div>
        <div>
          <dt>{t("skm.mutu")}</dt>
          <dd>{r.mutu ? `${r.mutu} (${r.kinerja?.[lang] ?? ""})` : "–"}</dd>
        </div>
        <div>
          <dt>{t("skm.minimum")}</dt>
          <dd>
            {r.minimumRespondents !== null && <>{t("skm.result.minimumOf", { n: formatNumber(r.minimumRespondents, lang), population: formatNumber(r.population ?? 0, lang) })} </>}
            <EnoughBadge enough={r.enough} />
          </dd>
        </div>
      </dl>
      <p className="small muted">{t("skm.result.formula")}</p>
      <div className="table-scroll">
        <table className="data-table" data-testid="skm-nrr">
          <caption>{t("skm.result.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("skm.element")}</th>
              <th scope="col">NRR</th>
              <th scope="col">NRR × 25</th>
            </tr>
          </thead>
          <tbody>
            {SKM_ELEMENTS.map((e, i) => (
              <tr key={e.code} className={r.weakestElements.includes(e.code) ? "row-warning" : undefined}>
                <th scope="row">
                  {e.code} {e.name[lang]}
                </th>
                <td>{r.nrr[i] == null ? "–" : formatIndexExact(r.nrr[i]!, lang)}</td>
                <td>{formatIndexOr(r.nrrConverted[i], lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Links({ code, d }: { code: string; d: SurveyDetail }) {
  const { t } = useTranslation();
  const s = d.survey;
  const base = `${window.location.origin}${s.publicPath}`;
  const rows = [{ label: t("skm.links.general"), loket: undefined as string | undefined }, ...s.counters.map((c) => ({ label: c, loket: c }))];
  return (
    <section className="section" aria-labelledby="skm-links">
      <h2 id="skm-links">{t("skm.links.title")}</h2>
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={r.label}>
            <strong>{r.label}</strong>: <a href={r.loket ? `${s.publicPath}?loket=${encodeURIComponent(r.loket)}` : s.publicPath} data-testid={r.loket ? undefined : "skm-public-link"}>{r.loket ? `${base}?loket=${encodeURIComponent(r.loket)}` : base}</a>{" "}
            — <a href={surveyQrUrl(code, s.id, "svg", r.loket)} download>QR (SVG)</a> · <a href={surveyQrUrl(code, s.id, "png", r.loket)} download>QR (PNG)</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Import({ code, d, reload }: { code: string; d: SurveyDetail; reload: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const submit = useSubmit();
  const problems = sheetProblemsOf(submit.error);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setDone(null);
    await submit.run(async () => {
      const r = await importResponses(code, d.survey.id, file);
      setDone(r.imported);
      reload();
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("skm.import.title")}</h2>
      <p className="small">{t("skm.import.help")}</p>
      {done !== null && <Success testId="skm-import-done">{t("skm.import.done", { count: done })}</Success>}
      {problems ? (
        <div className="status-error form-error" role="alert" data-testid="skm-import-problems">
          <p>{t("apiErrors.responses_invalid")}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{t("skm.import.problem", { row: p.row, column: p.column ?? "–", message: p.message })}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormError error={submit.error} testId="skm-import-error" />
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("skm.import.file")}</label>
        <input id={`${id}-file`} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="skm-import-file" />
      </div>
      <div>
        <button type="submit" className="button" disabled={submit.busy || !file} data-testid="skm-import-submit">
          {t("skm.import.submit")}
        </button>
      </div>
    </form>
  );
}

function FollowUps({ code, d, onChange }: { code: string; d: SurveyDetail; onChange: (d: SurveyDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [element, setElement] = useState<string>(d.suggestedElements[0] ?? "U1");
  const [action, setAction] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [improvementActionId, setImprovementActionId] = useState("");
  const submit = useSubmit();
  useUnsavedChanges(action.trim() !== "");
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const next = await addFollowUp(code, d.survey.id, { element: element as "U1", action: action.trim(), dueDate: dueDate || null, improvementActionId: improvementActionId ? Number(improvementActionId) : null });
      setAction("");
      setDueDate("");
      setImprovementActionId("");
      setElement(next.suggestedElements[0] ?? "U1");
      onChange(next);
    });
  };
  const setStatus = async (f: SurveyDetail["followUps"][number], status: "planned" | "in_progress" | "done") => {
    await submit.run(async () => {
      onChange(await updateFollowUp(code, d.survey.id, f.id, { element: f.element, action: f.action, ownerUnitId: f.ownerUnit?.id ?? null, dueDate: f.dueDate, status, improvementActionId: f.improvementActionId }));
    });
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("skm.followUp.title")}</h2>
      {d.suggestedElements.length > 0 && <p data-testid="skm-suggested">{t("skm.followUp.suggested", { elements: d.suggestedElements.map((c) => `${c} ${elementName(c, lang)}`).join(", ") })}</p>}
      {d.followUps.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="skm-follow-ups">
            <caption>{t("skm.followUp.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("skm.element")}</th>
                <th scope="col">{t("skm.followUp.action")}</th>
                <th scope="col">{t("skm.followUp.due")}</th>
                <th scope="col">{t("skm.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {d.followUps.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    {f.element} {elementName(f.element, lang)}
                  </th>
                  <td>
                    {f.action}
                    {f.improvementActionId !== null && <span className="small muted"> · {t("skm.followUp.linked", { id: f.improvementActionId })}</span>}
                  </td>
                  <td>{f.dueDate ? formatDate(f.dueDate, lang) : "–"}</td>
                  <td>
                    {d.abilities.manage ? (
                      <select aria-label={t("skm.statusLabel")} value={f.status} onChange={(e) => void setStatus(f, e.target.value as "done")}>
                        {(["planned", "in_progress", "done"] as const).map((s) => (
                          <option key={s} value={s}>
                            {t(`skm.followUp.status.${s}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`skm.followUp.status.${f.status}`)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.abilities.manage && (
        <form className="card form" onSubmit={(e) => void add(e)}>
          <FormError error={submit.error} testId="skm-follow-up-error" />
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-element`}>{t("skm.element")}</label>
              <select id={`${id}-element`} value={element} onChange={(e) => setElement(e.target.value)}>
                {SKM_ELEMENTS.map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.code} {e.name[lang]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-action`}>{t("skm.followUp.action")}</label>
              <input id={`${id}-action`} value={action} required minLength={3} maxLength={2000} onChange={(e) => setAction(e.target.value)} data-testid="skm-follow-up-action" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-due`}>{t("skm.followUp.due")}</label>
              <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-plan`}>{t("skm.followUp.planAction")}</label>
              <input id={`${id}-plan`} type="number" min={1} inputMode="numeric" value={improvementActionId} onChange={(e) => setImprovementActionId(e.target.value)} />
            </div>
          </div>
          <div>
            <button type="submit" className="button" disabled={submit.busy} data-testid="skm-follow-up-submit">
              {t("skm.followUp.add")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The published SKM report: the PDF (kop surat, number, QR), its open data, and "Simpan sebagai bukti". */
function Report({ code, d }: { code: string; d: SurveyDetail }) {
  const { t } = useTranslation();
  const s = d.survey;
  return (
    <>
      <section className="section" aria-labelledby="skm-report">
        <h2 id="skm-report">{t("skm.report.title")}</h2>
        <p>{t("skm.report.intro")}</p>
        <p>
          <a href={skmReportUrl(code, s.id)} download data-testid="skm-report-pdf">
            {t("skm.report.download")}
          </a>{" "}
          · <a href={skmReportOpenDataUrl(s.id)}>{t("skm.report.openData")}</a>
        </p>
      </section>
      {d.abilities.saveAsEvidence && (
        <SaveAsEvidence code={code} intro={t("skm.report.saveIntro")} question={t("skm.report.saveQuestion", { title: s.title })} save={() => saveSkmReportEvidence(code, s.id)} testId="skm-report-evidence" />
      )}
    </>
  );
}

function SurveyView({ code, initial, reload }: { code: string; initial: SurveyDetail; reload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [d, setD] = useState(initial);
  const submit = useSubmit();
  const s = d.survey;
  const transition = async (to: "open" | "close") => {
    if (!window.confirm(t(to === "open" ? "skm.officer.confirmOpen" : "skm.officer.confirmClose"))) return;
    await submit.run(async () => setD(to === "open" ? await openSurvey(code, s.id) : await closeSurvey(code, s.id)));
  };
  return (
    <>
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumbs">
        <ol>
          <li>
            <Link to={`/survei-kepuasan/${encodeURIComponent(code)}`}>{t("skm.officer.title")}</Link>
          </li>
          <li aria-current="page">{s.title}</li>
        </ol>
      </nav>
      <h1>
        {s.title} {s.demo && <span className="badge badge-neutral">DATA DEMO</span>}
      </h1>
      <p className="lead">
        {s.service.name} · {formatDate(s.periodStart, lang)} – {formatDate(s.periodEnd, lang)} · <span data-testid="skm-status">{t(`skm.status.${s.status}`)}</span>
      </p>
      <FormError error={submit.error} testId="skm-status-error" />
      {d.abilities.manage && s.status !== "closed" && (
        <p>
          {s.status === "draft" ? (
            <button type="button" className="button" disabled={submit.busy} onClick={() => void transition("open")} data-testid="skm-open">
              {t("skm.officer.open")}
            </button>
          ) : (
            <button type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void transition("close")} data-testid="skm-close">
              {t("skm.officer.close")}
            </button>
          )}
        </p>
      )}
      <Result d={d} />
      {s.status !== "draft" && <Links code={code} d={d} />}
      {d.abilities.manage && s.status === "open" && <Import code={code} d={d} reload={reload} />}
      <FollowUps code={code} d={d} onChange={setD} />
      {s.status !== "draft" && <Report code={code} d={d} />}
    </>
  );
}

/** One survey (/survei-kepuasan/:code/:surveyId): result, status, link and QR per counter, import, follow-up actions. */
export function AgencySurveyPage() {
  const { t } = useTranslation();
  const { code = "", surveyId = "" } = useParams();
  usePageTitle(t("skm.officer.title"));
  const state = useApi(`agency-survey:${code}:${surveyId}`, (signal) => fetchSurvey(code, Number(surveyId) || 0, signal));
  if (state.status === "loading") return <Loading label={t("skm.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <SurveyView key={JSON.stringify([state.data.survey.respondents, state.data.survey.status])} code={code} initial={state.data} reload={state.reload} />;
}
