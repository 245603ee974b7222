import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { createRecommendation, PRIORITIES, type Priority, type RecommendationSource } from "../../planningApi";
import { useSubmit } from "../../useSubmit";
import { ActionFields, actionInputOf, EMPTY_ACTION, type ActionDraft } from "./ActionFields";
import { useUnsavedChanges } from "../../useUnsavedChanges";

const codesOf = (s: string) =>
  s
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);

/**
 * Writes a recommendation to the agency under one of the sources the caller may use; whoever
 * manages the agency's actions may add action rows, saved with it in one request (all or none).
 */
export function NewRecommendationForm({ code, sources, units, manageActions, onCreated }: { code: string; sources: RecommendationSource[]; units: { id: number; name: string }[]; manageActions: boolean; onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [source, setSource] = useState<RecommendationSource>(sources[0]!);
  const [priority, setPriority] = useState<Priority>("medium");
  const [aspects, setAspects] = useState("");
  const [indicators, setIndicators] = useState("");
  const [actions, setActions] = useState<(ActionDraft & { key: number })[]>([]);
  useUnsavedChanges(text.trim() !== "" || actions.length > 0);
  const { busy, error, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await createRecommendation(code, { text, source, priority, aspectCodes: codesOf(aspects), indicatorCodes: codesOf(indicators), ...(actions.length ? { actions: actions.map(actionInputOf) } : {}) });
      setText("");
      setAspects("");
      setIndicators("");
      setActions([]);
      onCreated();
    });
  };
  return (
    <details className="card">
      <summary data-testid="recs-new-open">{t("planning.recs.new")}</summary>
      <form className="form form-wide" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("planning.recs.text")}</label>
          <textarea id={`${id}-text`} rows={4} value={text} required minLength={10} onChange={(e) => setText(e.target.value)} data-testid="recs-new-text" />
        </div>
        <div className="form-grid">
          {sources.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-source`}>{t("planning.recs.source")}</label>
              <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as RecommendationSource)}>
                {sources.map((s) => (
                  <option key={s} value={s}>
                    {t(`planning.recs.sources.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-priority`}>{t("planning.recs.priority")}</label>
            <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`planning.recs.priorities.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-aspects`}>{t("planning.recs.aspectCodes")}</label>
            <input id={`${id}-aspects`} value={aspects} placeholder="A1, A3" onChange={(e) => setAspects(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-indicators`}>{t("planning.recs.indicatorCodes")}</label>
            <input id={`${id}-indicators`} value={indicators} placeholder="1, 12" onChange={(e) => setIndicators(e.target.value)} />
          </div>
        </div>
        {manageActions && (
          <fieldset className="new-rec-actions">
            <legend>{t("planning.recs.actionsWithRec")}</legend>
            {actions.map((a, i) => (
              <fieldset key={a.key} className="card" data-testid={`recs-new-action-${i}`}>
                <legend>{t("planning.recs.actionRow", { n: i + 1 })}</legend>
                <ActionFields value={a} onChange={(v) => setActions((rows) => rows.map((r) => (r.key === a.key ? { ...v, key: a.key } : r)))} units={units} idPrefix={`${id}-a${a.key}`} testPrefix={`recs-new-action-${i}`} />
                <button type="button" className="button button-secondary" onClick={() => setActions((rows) => rows.filter((r) => r.key !== a.key))}>
                  {t("planning.recs.removeActionRow", { n: i + 1 })}
                </button>
              </fieldset>
            ))}
            <button type="button" className="button button-secondary" disabled={actions.length >= 50} onClick={() => setActions((rows) => [...rows, { ...EMPTY_ACTION, key: Math.max(0, ...rows.map((r) => r.key)) + 1 }])} data-testid="recs-new-add-action">
              {t("planning.recs.addActionRow")}
            </button>
          </fieldset>
        )}
        <FormError error={error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || text.trim().length < 10} data-testid="recs-new-submit">
            {t("planning.recs.create")}
          </button>
        </div>
      </form>
    </details>
  );
}
