import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { compileInstrument, indicatorsOf, nextLevelGuidance, scoreAssessment, type Instrument } from "../../../core";
import { PredicateBadge } from "../../components/Badges";
import { formatChange, formatIndex, formatIndexExact, formatIndexOr, formatNumber } from "../../format";
import { useLang } from "../../i18n";
import type { Analysis } from "../../planningApi";

/** What the next level of an indicator asks for (criteria clauses and evidence), from the core. */
function Guidance({ instrument, code, level }: { instrument: Instrument; code: string; level: number }) {
  const { t } = useTranslation();
  const g = useMemo(() => nextLevelGuidance(instrument, code, level), [instrument, code, level]);
  if (g.to === null) return <span className="muted small">{t("planning.atMax")}</span>;
  return (
    <details>
      <summary>{t("planning.toLevel", { level: g.to, name: g.toName ?? "" })}</summary>
      {g.adds.length > 0 && (
        <>
          <p className="small">
            <strong>{t("planning.adds")}</strong>
          </p>
          <ul className="small">
            {g.adds.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {g.evidence.length > 0 && (
        <>
          <p className="small">
            <strong>{t("planning.evidenceNeeded")}</strong>
          </p>
          <ul className="small">
            {g.evidence.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/**
 * The what-if simulator: any indicator's level can be changed; the index, predicate and every
 * domain and aspect are rescored at once in the browser by the core (`scoreAssessment`).
 */
export function WhatIfPanel({ analysis, instrument }: { analysis: Analysis; instrument: Instrument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const compiled = useMemo(() => compileInstrument(instrument), [instrument]);
  const indicators = useMemo(() => indicatorsOf(instrument.tree), [instrument]);
  const [overrides, setOverrides] = useState<Record<string, number>>({});
  const policy = analysis.period.predicatePolicy;
  const base = useMemo(() => scoreAssessment(compiled, analysis.levels, { policy }), [compiled, analysis.levels, policy]);
  const levels = useMemo(() => ({ ...analysis.levels, ...overrides }), [analysis.levels, overrides]);
  const result = useMemo(() => scoreAssessment(compiled, levels, { policy }), [compiled, levels, policy]);
  const baseNodes = new Map(base.nodes.map((n) => [n.code, n]));
  const range = Array.from({ length: compiled.levelMax - compiled.levelMin + 1 }, (_, i) => compiled.levelMin + i);
  const changed = Object.keys(overrides).filter((c) => overrides[c] !== analysis.levels[c]).length;
  return (
    <section className="section" aria-labelledby="plan-whatif-title">
      <h2 id="plan-whatif-title">{t("planning.whatIfTitle")}</h2>
      <p className="muted">{t("planning.whatIfIntro")}</p>
      <div className="calc-result" aria-live="polite" aria-atomic="true">
        <div className="calc-figure">
          <span className="calc-label">{t("planning.index")}</span>
          <span className="calc-index" data-testid="whatif-index">
            {formatIndex(result.indexRounded, lang)}
          </span>
          <span className="calc-exact">
            {t("planning.exact")}: {formatIndexExact(result.index, lang)} ({formatChange(result.indexRounded - base.indexRounded, lang)})
          </span>
        </div>
        <div className="calc-figure">
          <span className="calc-label">{t("planning.predicate")}</span>
          <span data-testid="whatif-predicate">
            <PredicateBadge name={result.predicate} />
          </span>
        </div>
        <div className="calc-figure">
          <span className="calc-label">{t("planning.changed")}</span>
          <span>{changed}</span>
          <button type="button" className="button button-small button-secondary" disabled={changed === 0} onClick={() => setOverrides({})}>
            {t("planning.resetWhatIf")}
          </button>
        </div>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="whatif-nodes">
          <caption>{t("planning.nodesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planning.node")}</th>
              <th scope="col">{t("planning.current")}</th>
              <th scope="col">{t("planning.whatIf")}</th>
            </tr>
          </thead>
          <tbody>
            {result.nodes.map((n) => (
              <tr key={n.code} data-testid={`whatif-node-${n.code}`}>
                <th scope="row" style={{ paddingLeft: `${0.5 + n.depth * 1.25}rem` }}>
                  {n.code} {n.name}
                </th>
                <td>{formatIndexOr(baseNodes.get(n.code)?.indexRounded, lang)}</td>
                <td>{formatIndexOr(n.indexRounded, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="data-table" data-testid="whatif-indicators">
          <caption>{t("planning.indicatorsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("planning.indicator")}</th>
              <th scope="col">{t("planning.current")}</th>
              <th scope="col">{t("planning.whatIf")}</th>
              <th scope="col">{t("planning.nextLevel")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((ind) => {
              const level = levels[ind.code] ?? compiled.levelMin;
              // A decimal value (Pemdi 1,26) stays choosable next to the whole levels it can rise to.
              const current = analysis.levels[ind.code];
              const choices = current === undefined || range.includes(current) ? range : [...range, current].sort((a, b) => a - b);
              return (
                <tr key={ind.code}>
                  <th scope="row">
                    <span className="code">{ind.code}</span> {ind.name}
                  </th>
                  <td>{current === undefined ? "–" : formatNumber(current, lang)}</td>
                  <td>
                    <select
                      aria-label={t("planning.whatIfLevel", { code: ind.code })}
                      data-testid={`whatif-level-${ind.code}`}
                      value={level}
                      onChange={(e) => setOverrides((o) => ({ ...o, [ind.code]: Number(e.target.value) }))}
                    >
                      {choices.map((l) => (
                        <option key={l} value={l}>
                          {formatNumber(l, lang)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <Guidance instrument={instrument} code={ind.code} level={level} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
