import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { indicatorsOf } from "../../../core";
import { reviseResult } from "../../assessmentApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormError, Success } from "../../components/Status";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { formatDateTime, formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "../InstrumentDetail/context";
import { LevelSelect } from "../InstrumentDetail/LevelSelect";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

const MIN_REASON = 10;

interface Row {
  key: number;
  code: string;
  level: number | null;
}

/** Administrator: "Koreksi hasil", new levels for the indicators to change and a mandatory reason. */
function ReviseForm() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const { instrument } = useDetail();
  const indicators = useMemo(() => indicatorsOf(instrument.tree), [instrument]);
  const latest = ws.results[ws.results.length - 1];
  const [rows, setRows] = useState<Row[]>([{ key: 1, code: "", level: null }]);
  const [reason, setReason] = useState("");
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState<{ revision: number; indexRounded: number; predicate: string } | null>(null);
  const update = (key: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const [asking, setAsking] = useState(false);
  useUnsavedChanges(reason.trim() !== "" || rows.some((r) => r.code !== ""));
  const chosen = rows.filter((r) => r.code && r.level !== null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0) return setError(t("collab.revise.noLevels"));
    if (reason.trim().length < MIN_REASON) return setError(t("collab.revise.reasonRequired", { min: MIN_REASON }));
    setError(null);
    setAsking(true);
  };
  const confirm = async () => {
    setAsking(false);
    setDone(null);
    await run(async () => {
      setDone(await reviseResult(ws.id, { reason: reason.trim(), levels: Object.fromEntries(chosen.map((r) => [r.code, r.level!])) }));
      setRows([{ key: Date.now(), code: "", level: null }]);
      setReason("");
      await refresh();
    });
  };
  return (
    <form className="ws-action revise-form" aria-labelledby={`${id}-title`} onSubmit={submit} data-testid="ws-revise">
      <h3 id={`${id}-title`}>{t("collab.revise.title")}</h3>
      <p className="small muted">{t("collab.revise.intro")}</p>
      {rows.map((r, n) => {
        const node = indicators.find((i) => i.code === r.code);
        const current = r.code ? latest?.levels[r.code] : undefined;
        return (
          <fieldset key={r.key} className="revise-row">
            <legend>{t("collab.revise.row", { n: n + 1 })}</legend>
            <div className="field">
              <label htmlFor={`${id}-code-${r.key}`}>{t("collab.revise.indicator")}</label>
              <select id={`${id}-code-${r.key}`} value={r.code} data-testid={`ws-revise-code-${n}`} onChange={(e) => update(r.key, { code: e.target.value, level: null })}>
                <option value="">{t("collab.revise.chooseIndicator")}</option>
                {indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} · {i.name}
                  </option>
                ))}
              </select>
            </div>
            {node && (
              <div className="field">
                <label htmlFor={`${id}-level-${r.key}`}>{t("collab.revise.newLevel")}</label>
                <LevelSelect id={`${id}-level-${r.key}`} indicator={node} value={r.level} testId={`ws-revise-level-${n}`} onChange={(level) => update(r.key, { level })} />
                {current !== undefined && <p className="small muted">{t("collab.revise.currentLevel", { level: current })}</p>}
              </div>
            )}
            {rows.length > 1 && (
              <button type="button" className="button button-small button-secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                {t("collab.revise.removeRow", { n: n + 1 })}
              </button>
            )}
          </fieldset>
        );
      })}
      <div>
        <button type="button" className="button button-small button-secondary" data-testid="ws-revise-add" onClick={() => setRows([...rows, { key: Date.now(), code: "", level: null }])}>
          {t("collab.revise.addRow")}
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t("collab.revise.reason")}</label>
        <textarea id={`${id}-reason`} rows={3} required maxLength={2000} value={reason} data-testid="ws-revise-reason" onChange={(e) => setReason(e.target.value)} />
      </div>
      <FormError error={error} testId="ws-revise-error" />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid="ws-revise-submit">
          {t("collab.revise.submit")}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={t("flow.revise.title")}
        confirmLabel={t("flow.revise.confirm")}
        busy={busy}
        testId="ws-revise-submit"
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        <p>{t("flow.revise.text", { count: chosen.length })}</p>
      </ConfirmDialog>
      {done && <Success testId="ws-revise-done">{t("collab.revise.done", { revision: done.revision, index: formatIndex(done.indexRounded, lang), predicate: done.predicate })}</Success>}
    </form>
  );
}

/** The final result and its corrections (revision, index, predicate, reason, who, when); the correction form for administrators. */
export function ResultRevisions() {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  if (ws.results.length === 0 && !ws.abilities.revise) return null;
  return (
    <section className="section result-revisions" aria-labelledby="ws-results-title" data-testid="ws-results">
      <h2 id="ws-results-title">{t("collab.revise.listTitle")}</h2>
      {ws.results.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="ws-results-table">
            <caption className="visually-hidden">{t("collab.revise.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("collab.revise.revision")}</th>
                <th scope="col">{t("collab.revise.index")}</th>
                <th scope="col">{t("collab.revise.predicate")}</th>
                <th scope="col">{t("collab.revise.reasonColumn")}</th>
                <th scope="col">{t("collab.revise.by")}</th>
                <th scope="col">{t("collab.revise.when")}</th>
              </tr>
            </thead>
            <tbody>
              {ws.results.map((r) => (
                <tr key={r.revision} data-testid={`ws-result-${r.revision}`}>
                  <td>{r.revision}</td>
                  <td>{formatIndex(r.indexRounded, lang)}</td>
                  <td>{r.predicate}</td>
                  <td>{r.reason ?? (r.revision === 1 ? t("collab.revise.finalised") : "–")}</td>
                  <td>{r.createdBy ?? t("collab.unknownAuthor")}</td>
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ws.abilities.revise && <ReviseForm />}
    </section>
  );
}
