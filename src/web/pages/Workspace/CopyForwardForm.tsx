import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { copyForward, fetchPeriods, type CopyForwardOutcome } from "../../assessmentApi";
import { FormError } from "../../components/Status";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

/**
 * The Koordinator SPBE starts the self-assessment from an earlier assessment of the agency: levels
 * of indicators not answered yet, mapped onto the same indicators (core `mapIndicators`), and
 * evidence links whose review is still recent.
 * What was copied, skipped or left behind is listed, so nothing happens unseen.
 */
export function CopyForwardForm() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const periods = useApi("periods", (signal) => fetchPeriods(signal));
  const [from, setFrom] = useState("");
  const { busy, error, run } = useSubmit();
  const [outcome, setOutcome] = useState<CopyForwardOutcome | null>(null);
  if (periods.status !== "ok") return null;
  const earlier = periods.data
    .flatMap((p) => p.assessments.filter((a) => a.agencyCode === ws.agency.code && a.id !== ws.id).map((a) => ({ id: a.id, label: `${p.name} (${p.year})`, year: p.year })))
    .sort((a, b) => b.year - a.year);
  if (!earlier.length) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!from) return;
    await run(async () => {
      setOutcome(await copyForward(ws.id, Number(from)));
      await refresh();
    });
  };
  const list = (codes: string[]) => codes.join(", ");
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="ws-copy-forward">
      <h3 id={`${id}-title`}>{t("ws.copyForward.title")}</h3>
      <p className="small muted">{t("ws.copyForward.intro")}</p>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("ws.copyForward.from")}</label>
        <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="ws-copy-forward-from">
          <option value="">{t("ws.copyForward.choose")}</option>
          {earlier.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} testId="ws-copy-forward-error" />
      <div>
        <button type="submit" className="button button-small" disabled={busy || !from} data-testid="ws-copy-forward-submit">
          {t("ws.copyForward.submit")}
        </button>
      </div>
      {outcome && (
        <div className="status-success" role="status" data-testid="ws-copy-forward-done">
          <p>{t("ws.copyForward.copied", { count: outcome.copied.length, links: outcome.evidence.linked.length })}</p>
          <ul className="small">
            {outcome.skipped.length > 0 && <li>{t("ws.copyForward.skipped", { codes: list(outcome.skipped) })}</li>}
            {outcome.notCarried.length > 0 && <li>{t("ws.copyForward.notCarried", { codes: list(outcome.notCarried) })}</li>}
            {outcome.unmapped.length > 0 && <li>{t("ws.copyForward.unmapped", { codes: list(outcome.unmapped) })}</li>}
            {outcome.newHere.length > 0 && <li data-testid="ws-copy-forward-new">{t("ws.copyForward.newHere", { context: outcome.family, codes: list(outcome.newHere) })}</li>}
            {outcome.evidence.tooOld.map((l) => (
              <li key={`${l.indicatorCode}-${l.evidenceId}`} data-testid="ws-copy-forward-too-old">
                {t("ws.copyForward.tooOld", { title: l.title, code: l.indicatorCode })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
