import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { compileInstrument, indicatorsOf, PlanningError, planRoadmap, type Instrument, type PlanResult } from "../../../core";
import { PredicateBadge } from "../../components/Badges";
import { FormError, Success } from "../../components/Status";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import type { Analysis, RoadmapTarget } from "../../planningApi";
import { RoadmapToActions } from "./RoadmapToActions";

/** "2,6" or "2.6" → 2.6; NaN for anything else. */
const parseDecimal = (s: string) => (/^\s*\d+([.,]\d+)?\s*$/.test(s) ? Number(s.trim().replace(",", ".")) : Number.NaN);

/**
 * The roadmap: the cheapest level rises (the core's optimiser, run in the browser) from the
 * assessment's levels to a target predicate or index, with a cost per step per indicator (default 1)
 * and a most-steps-per-indicator limit; then the steps become actions in one go.
 */
export function RoadmapPanel({ analysis, instrument }: { analysis: Analysis; instrument: Instrument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const compiled = useMemo(() => compileInstrument(instrument), [instrument]);
  const indicators = useMemo(() => indicatorsOf(instrument.tree), [instrument]);
  const predicates = useMemo(() => [...instrument.predicates].sort((a, b) => a.min - b.min).map((p) => p.name), [instrument]);
  const [kind, setKind] = useState<"predicate" | "index">("predicate");
  const [predicate, setPredicate] = useState(() => predicates.find((p) => p === "Baik") ?? predicates[predicates.length - 1]!);
  const [indexText, setIndexText] = useState("");
  const [maxSteps, setMaxSteps] = useState(1);
  const [costs, setCosts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [plan, setPlan] = useState<{ result: PlanResult; target: RoadmapTarget; costs: Record<string, number>; maxSteps: number } | null>(null);
  const names = new Map(indicators.map((n) => [n.code, n.name]));

  const compute = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setPlan(null);
    let target: RoadmapTarget;
    if (kind === "index") {
      const v = parseDecimal(indexText);
      if (!Number.isFinite(v)) return setError(t("planning.badIndex"));
      target = { index: v };
    } else target = { predicate };
    const costTable: Record<string, number> = {};
    for (const [code, text] of Object.entries(costs)) {
      if (text.trim() === "") continue;
      const v = parseDecimal(text);
      if (!(v > 0)) return setError(t("planning.badCost", { code }));
      if (v !== 1) costTable[code] = v;
    }
    try {
      const result = planRoadmap(compiled, { levels: analysis.levels, target, costs: costTable, maxStepsPerIndicator: maxSteps, policy: analysis.period.predicatePolicy });
      setPlan({ result, target, costs: costTable, maxSteps });
    } catch (err) {
      setError(err instanceof PlanningError ? err.message : String(err));
    }
  };

  const result = plan?.result;
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("planning.roadmapTitle")}</h2>
      <p className="muted">{t("planning.roadmapIntro")}</p>
      <form className="form form-wide" onSubmit={compute} data-testid="roadmap-form">
        <fieldset>
          <legend>{t("planning.target")}</legend>
          <div className="field-row">
            <label className="radio">
              <input type="radio" name={`${id}-kind`} checked={kind === "predicate"} onChange={() => setKind("predicate")} data-testid="roadmap-kind-predicate" />
              {t("planning.targetPredicate")}
            </label>
            <label className="radio">
              <input type="radio" name={`${id}-kind`} checked={kind === "index"} onChange={() => setKind("index")} data-testid="roadmap-kind-index" />
              {t("planning.targetIndex")}
            </label>
          </div>
          {kind === "predicate" ? (
            <div className="field">
              <label htmlFor={`${id}-predicate`}>{t("planning.predicate")}</label>
              <select id={`${id}-predicate`} value={predicate} onChange={(e) => setPredicate(e.target.value)} data-testid="roadmap-predicate">
                {predicates.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-index`}>{t("planning.index")}</label>
              <input id={`${id}-index`} inputMode="decimal" value={indexText} placeholder={formatIndex(2.6, lang)} onChange={(e) => setIndexText(e.target.value)} data-testid="roadmap-index" />
            </div>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-max`}>{t("planning.maxSteps")}</label>
          <input id={`${id}-max`} type="number" min={1} max={compiled.levelMax - compiled.levelMin} value={maxSteps} onChange={(e) => setMaxSteps(Math.max(1, Number(e.target.value) || 1))} data-testid="roadmap-max-steps" />
        </div>
        <details>
          <summary>{t("planning.costs")}</summary>
          <p className="small muted">{t("planning.costsHint")}</p>
          <div className="cost-grid">
            {indicators.map((ind) => (
              <div className="field" key={ind.code}>
                <label htmlFor={`${id}-cost-${ind.code}`}>
                  {t("planning.costOf", { code: ind.code })}
                </label>
                <input
                  id={`${id}-cost-${ind.code}`}
                  inputMode="decimal"
                  placeholder="1"
                  value={costs[ind.code] ?? ""}
                  onChange={(e) => setCosts((c) => ({ ...c, [ind.code]: e.target.value }))}
                  data-testid={`roadmap-cost-${ind.code}`}
                />
              </div>
            ))}
          </div>
        </details>
        <FormError error={error} />
        <div className="button-row">
          <button type="submit" className="button" data-testid="roadmap-compute">
            {t("planning.compute")}
          </button>
        </div>
      </form>
      {result && !result.feasible && (
        <p className="note note-warning" role="status" data-testid="roadmap-unreachable">
          {t("planning.unreachable", { index: formatIndex(result.maxIndex, lang), predicate: result.maxPredicate })}
        </p>
      )}
      {result && result.feasible && (
        <div data-testid="roadmap-result">
          <Success>
            {t("planning.reachable", { count: result.steps.length, cost: result.totalCost.toLocaleString(lang === "id" ? "id-ID" : "en-GB"), index: formatIndex(result.index, lang) })}{" "}
            <PredicateBadge name={result.predicate} testId="roadmap-predicate-result" />
          </Success>
          <div className="table-scroll">
            <table className="data-table" data-testid="roadmap-steps">
              <caption>{t("planning.stepsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("planning.indicator")}</th>
                  <th scope="col">{t("planning.from")}</th>
                  <th scope="col">{t("planning.to")}</th>
                  <th scope="col">{t("planning.cost")}</th>
                </tr>
              </thead>
              <tbody>
                {result.steps.map((s) => (
                  <tr key={s.indicator}>
                    <th scope="row">
                      <span className="code">{s.indicator}</span> {names.get(s.indicator)}
                    </th>
                    <td>{s.from}</td>
                    <td>{s.to}</td>
                    <td>{s.cost.toLocaleString(lang === "id" ? "id-ID" : "en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {analysis.abilities.manageActions && result.steps.length > 0 && plan && (
            <RoadmapToActions analysis={analysis} request={{ assessmentId: analysis.assessmentId, target: plan.target, costs: plan.costs, maxStepsPerIndicator: plan.maxSteps }} stepCodes={result.steps.map((s) => s.indicator)} />
          )}
        </div>
      )}
      {!analysis.abilities.manageActions && result?.feasible && (
        <p className="small muted">
          {t("planning.actionsByAgency")} <Link to={`/rekomendasi/${encodeURIComponent(analysis.agency.code)}`}>{t("planning.toRecommendations")}</Link>
        </p>
      )}
    </section>
  );
}
