import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { compileInstrument, indicatorsOf, PlanningError, planMultiYear, planRoadmap, type Instrument, type PlanResult } from "../../../core";
import { FormError, Success } from "../../components/Status";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import type { Analysis, CostUnit, RoadmapRequest } from "../../planningApi";
import { parseCosts, parseTarget, type TargetDraft } from "./roadmapInput";
import { formatCost, RoadmapSteps } from "./RoadmapSteps";
import { RoadmapToActions } from "./RoadmapToActions";
import { YearTargets, type YearDraft } from "./YearTargets";

type Computed = { request: RoadmapRequest; unit: CostUnit; priced: boolean; years: { year: number | null; plan: PlanResult }[] };

/**
 * The roadmap: the cheapest level rises (the core's optimiser, run in the browser) from the
 * assessment's levels to a target predicate or index — or to one target per year, each year
 * starting where the previous one ends — with a cost per step per indicator (default 1) in
 * person-days or Rupiah and a most-steps-per-indicator limit; then the steps become actions.
 */
export function RoadmapPanel({ analysis, instrument }: { analysis: Analysis; instrument: Instrument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const compiled = useMemo(() => compileInstrument(instrument), [instrument]);
  const indicators = useMemo(() => indicatorsOf(instrument.tree), [instrument]);
  const predicates = useMemo(() => [...instrument.predicates].sort((a, b) => a.min - b.min).map((p) => p.name), [instrument]);
  const pick = (name: string) => predicates.find((p) => p === name) ?? predicates[predicates.length - 1]!;
  const [mode, setMode] = useState<"single" | "years">("single");
  const [single, setSingle] = useState<TargetDraft>({ kind: "predicate", predicate: pick("Baik"), indexText: "" });
  const [years, setYears] = useState<YearDraft[]>(() => [
    { key: 1, year: String(analysis.period.year + 1), kind: "predicate", predicate: pick("Baik"), indexText: "" },
    { key: 2, year: String(analysis.period.year + 2), kind: "predicate", predicate: pick("Sangat Baik"), indexText: "" },
  ]);
  const [maxSteps, setMaxSteps] = useState(1);
  const [unit, setUnit] = useState<CostUnit>("person_days");
  const [costs, setCosts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [computed, setComputed] = useState<Computed | null>(null);
  const names = new Map(indicators.map((n) => [n.code, n.name]));

  const compute = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setComputed(null);
    const costTable = parseCosts(costs, unit);
    if (!costTable.ok) return setError(t(costTable.error, costTable.params));
    // Without any cost typed, every step counts 1: the plan counts steps and says so (no invented estimate).
    const priced = Object.values(costs).some((v) => v.trim() !== "");
    const common = { levels: analysis.levels, costs: costTable.value, maxStepsPerIndicator: maxSteps, policy: analysis.period.predicatePolicy };
    const request: RoadmapRequest = { assessmentId: analysis.assessmentId, costs: costTable.value, costUnit: unit, maxStepsPerIndicator: maxSteps };
    try {
      if (mode === "single") {
        const target = parseTarget(single);
        if (!target.ok) return setError(t(target.error));
        setComputed({ request: { ...request, target: target.value }, unit, priced, years: [{ year: null, plan: planRoadmap(compiled, { ...common, target: target.value }) }] });
        return;
      }
      const targets: { year: number; target: NonNullable<RoadmapRequest["target"]> }[] = [];
      for (const r of years) {
        const year = Number(r.year);
        if (!/^\d{4}$/.test(r.year.trim()) || year < 2018 || year > 2100 || targets.some((x) => x.year === year)) return setError(t("planning.badYear"));
        const target = parseTarget(r);
        if (!target.ok) return setError(t(target.error));
        targets.push({ year, target: target.value });
      }
      setComputed({ request: { ...request, targets }, unit, priced, years: planMultiYear(compiled, { ...common, targets }) });
    } catch (err) {
      setError(err instanceof PlanningError ? err.message : String(err));
    }
  };

  const feasible = computed?.years.every((y) => y.plan.feasible) ?? false;
  const steps = computed ? computed.years.flatMap((y) => (y.plan.feasible ? y.plan.steps : [])) : [];
  const total = computed ? computed.years.reduce((n, y) => n + (y.plan.feasible ? Math.round(y.plan.totalCost * 100) : 0), 0) / 100 : 0;
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("planning.roadmapTitle")}</h2>
      <p className="muted">{t("planning.roadmapIntro")}</p>
      <form className="form form-wide" onSubmit={compute} data-testid="roadmap-form">
        <fieldset>
          <legend>{t("planning.mode")}</legend>
          <div className="field-row">
            <label className="radio">
              <input type="radio" name={`${id}-mode`} checked={mode === "single"} onChange={() => setMode("single")} data-testid="roadmap-mode-single" />
              {t("planning.modeSingle")}
            </label>
            <label className="radio">
              <input type="radio" name={`${id}-mode`} checked={mode === "years"} onChange={() => setMode("years")} data-testid="roadmap-mode-years" />
              {t("planning.modeYears")}
            </label>
          </div>
        </fieldset>
        {mode === "single" ? (
          <fieldset>
            <legend>{t("planning.target")}</legend>
            <div className="field-row">
              <label className="radio">
                <input type="radio" name={`${id}-kind`} checked={single.kind === "predicate"} onChange={() => setSingle({ ...single, kind: "predicate" })} data-testid="roadmap-kind-predicate" />
                {t("planning.targetPredicate")}
              </label>
              <label className="radio">
                <input type="radio" name={`${id}-kind`} checked={single.kind === "index"} onChange={() => setSingle({ ...single, kind: "index" })} data-testid="roadmap-kind-index" />
                {t("planning.targetIndex")}
              </label>
            </div>
            {single.kind === "predicate" ? (
              <div className="field">
                <label htmlFor={`${id}-predicate`}>{t("planning.predicate")}</label>
                <select id={`${id}-predicate`} value={single.predicate} onChange={(e) => setSingle({ ...single, predicate: e.target.value })} data-testid="roadmap-predicate">
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
                <input type="text" id={`${id}-index`} inputMode="decimal" value={single.indexText} placeholder={formatIndex(2.6, lang)} onChange={(e) => setSingle({ ...single, indexText: e.target.value })} data-testid="roadmap-index" />
              </div>
            )}
          </fieldset>
        ) : (
          <fieldset>
            <legend>{t("planning.yearTargets")}</legend>
            <p className="small muted">{t("planning.yearTargetsHint")}</p>
            <YearTargets rows={years} predicates={predicates} idPrefix={id} onChange={setYears} />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${id}-max`}>{mode === "years" ? t("planning.maxStepsPerYear") : t("planning.maxSteps")}</label>
          <input id={`${id}-max`} type="number" min={1} max={compiled.levelMax - compiled.levelMin} value={maxSteps} onChange={(e) => setMaxSteps(Math.max(1, Number(e.target.value) || 1))} data-testid="roadmap-max-steps" />
        </div>
        <details>
          <summary>{t("layout.roadmap.costs")}</summary>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t("planning.costUnit")}</label>
            <select id={`${id}-unit`} value={unit} onChange={(e) => setUnit(e.target.value as CostUnit)} data-testid="roadmap-cost-unit">
              <option value="person_days">{t("planning.costUnits.person_days")}</option>
              <option value="rupiah">{t("planning.costUnits.rupiah")}</option>
            </select>
          </div>
          <p className="small muted">{unit === "rupiah" ? t("planning.costsHintRupiah") : t("layout.roadmap.costsHint")}</p>
          <div className="cost-grid">
            {indicators.map((ind) => (
              <div className="field" key={ind.code}>
                <label htmlFor={`${id}-cost-${ind.code}`}>{t("planning.costOf", { code: ind.code })}</label>
                <input type="text"
                  id={`${id}-cost-${ind.code}`}
                  inputMode={unit === "rupiah" ? "numeric" : "decimal"}
                  placeholder={unit === "rupiah" ? "25.000.000" : "1"}
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
      {computed?.years.map(({ year, plan }) => {
        const testId = year === null ? "roadmap-result" : `roadmap-plan-${year}`;
        const ids = year === null ? { stepsTestId: "roadmap-steps", predicateTestId: "roadmap-predicate-result" } : { stepsTestId: `${testId}-steps`, predicateTestId: `${testId}-predicate` };
        return (
          <div key={year ?? "single"} className={year === null ? undefined : "roadmap-year"}>
            {year !== null && <h3>{t("planning.yearTitle", { year })}</h3>}
            {plan.feasible ? (
              <RoadmapSteps result={plan} unit={computed.unit} priced={computed.priced} names={names} caption={year === null ? t("planning.stepsCaption") : t("planning.yearStepsCaption", { year })} testId={testId} {...ids} />
            ) : (
              <p className="note note-warning" role="status" data-testid={year === null ? "roadmap-unreachable" : `${testId}-unreachable`}>
                {year === null ? t("planning.unreachable", { index: formatIndex(plan.maxIndex, lang), predicate: plan.maxPredicate }) : t("planning.yearUnreachable", { year, index: formatIndex(plan.maxIndex, lang), predicate: plan.maxPredicate })}
              </p>
            )}
          </div>
        );
      })}
      {computed && feasible && (
        <>
          <Success testId="roadmap-total">{computed.priced ? t("planning.totalCost", { cost: formatCost(total, computed.unit, lang, t) }) : t("layout.roadmap.stepsOnly", { count: steps.length })}</Success>
          {analysis.abilities.manageActions && steps.length > 0 && <RoadmapToActions key={JSON.stringify(computed.request)} analysis={analysis} request={computed.request} stepCodes={[...new Set(steps.map((s) => s.indicator))]} stepCount={steps.length} />}
        </>
      )}
      {computed && !feasible && computed.years.length > 1 && <p className="small muted">{t("planning.allYearsNeeded")}</p>}
      {!analysis.abilities.manageActions && feasible && (
        <p className="small muted">
          {t("planning.actionsByAgency")} <Link to={`/rekomendasi/${encodeURIComponent(analysis.agency.code)}`}>{t("planning.toRecommendations")}</Link>
        </p>
      )}
    </section>
  );
}
