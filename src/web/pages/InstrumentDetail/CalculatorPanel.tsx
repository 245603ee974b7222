import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PredicatePolicy } from "../../../core";
import { PredicateBadge } from "../../components/Badges";
import { formatIndex, formatIndexExact } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "./context";
import { nodeAnchor } from "./labels";
import { levelRange } from "./useCalculator";

/** Radio pair for the predicate policy: compare the exact index or the index rounded to 2 decimals. */
function PolicySwitch() {
  const { t } = useTranslation();
  const { calc } = useDetail();
  const name = useId();
  const options: [PredicatePolicy, string][] = [
    ["exact", t("calc.policyExact")],
    ["rounded2", t("calc.policyRounded")],
  ];
  return (
    <fieldset className="policy">
      <legend>{t("calc.policy")}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="radio">
          <input type="radio" name={name} value={value} checked={calc.policy === value} onChange={() => calc.setPolicy(value)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** "Isi semua dengan level N" and "Kosongkan". */
function QuickFill() {
  const { t } = useTranslation();
  const { calc } = useDetail();
  const [level, setLevel] = useState(calc.levelMax);
  const id = useId();
  return (
    <div className="quick-fill">
      <label htmlFor={id}>{t("calc.fillLevel")}</label>
      <div className="quick-fill-row">
        <select id={id} data-testid="fill-level" value={String(level)} onChange={(e) => setLevel(Number(e.target.value))}>
          {levelRange(calc.levelMin, calc.levelMax).map((l) => (
            <option key={l} value={String(l)}>
              {l}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" data-testid="fill-all" onClick={() => calc.fillAll(level)}>
          {t("calc.fillAll", { level })}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={calc.clear}>
          {t("calc.clear")}
        </button>
      </div>
    </div>
  );
}

/** The sticky summary: index, predicate, completeness, policy, quick fill and every section's index. */
export function CalculatorPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const { calc } = useDetail();
  const { result } = calc;
  const { answered, total } = result.completeness;
  const any = answered > 0;
  return (
    <aside className="calc-panel" id="calculator" aria-labelledby="calc-title">
      <h2 id="calc-title">{t("calc.title")}</h2>
      <p className="muted small">{t("calc.intro")}</p>
      <div className="calc-result" aria-live="polite" aria-atomic="true">
        <div className="calc-figure">
          <span className="calc-label">{t("calc.index")}</span>
          <span className="calc-index" data-testid="calc-index">
            {any ? formatIndex(result.indexRounded, lang) : t("calc.none")}
          </span>
          <span className="calc-exact">
            {t("calc.indexExact")}: {any ? formatIndexExact(result.index, lang) : t("calc.none")}
          </span>
        </div>
        <div className="calc-figure">
          <span className="calc-label">{t("calc.predicate")}</span>
          <span data-testid="calc-predicate">{any ? <PredicateBadge name={result.predicate} /> : t("calc.none")}</span>
          {any && <span className={result.partial ? "calc-state is-partial" : "calc-state is-complete"}>{result.partial ? t("calc.partial") : t("calc.complete")}</span>}
        </div>
        <div className="calc-progress">
          <progress value={answered} max={total} aria-hidden="true" />
          <span>{t("calc.completeness", { answered, total })}</span>
        </div>
      </div>
      <PolicySwitch />
      <QuickFill />
      <details className="calc-nodes" open>
        <summary>{t("calc.nodes")}</summary>
        <ul>
          {result.nodes.map((n) => (
            <li key={n.code} style={{ paddingInlineStart: `${n.depth * 0.9}rem` }}>
              <a href={`#${nodeAnchor(n.code)}`}>
                <span className="code">{n.code}</span> {n.name}
              </a>
              <span className="num">{n.indexRounded === null ? t("calc.none") : formatIndex(n.indexRounded, lang)}</span>
            </li>
          ))}
        </ul>
      </details>
    </aside>
  );
}

/** On small screens the panel sits below the tree: this bar keeps the live index in view and links to it. */
export function CalculatorMiniBar() {
  const { t } = useTranslation();
  const lang = useLang();
  const { result } = useDetail().calc;
  const { answered, total } = result.completeness;
  const any = answered > 0;
  return (
    <a className="calc-mini" href="#calculator">
      <span className="calc-mini-index">
        {t("calc.index")} {any ? formatIndex(result.indexRounded, lang) : t("calc.none")}
      </span>
      {any && <PredicateBadge name={result.predicate} />}
      <span className="calc-mini-count">{t("calc.short", { answered, total })}</span>
      <span className="calc-mini-jump">{t("calc.jump")} ↓</span>
    </a>
  );
}
