import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { formatWeight } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "./context";
import { nodeAnchor } from "./labels";
import { LevelList } from "./LevelList";
import { levelRange } from "./useCalculator";

/** One indicator: code, name, weight and its level select; below, the question, criteria and evidence. */
export function IndicatorRow({ indicator }: { indicator: InstrumentNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { instrument, calc } = useDetail();
  const selectId = useId();
  const scale = instrument.scales[indicator.scale ?? ""] ?? [];
  const level = calc.levels[indicator.code] ?? null;
  return (
    <li className={level === null ? "indicator" : "indicator is-answered"} id={nodeAnchor(indicator.code)}>
      <div className="indicator-row">
        <label htmlFor={selectId} className="indicator-label">
          <span className="code">{indicator.code}</span> <span className="indicator-name">{indicator.name}</span>
        </label>
        <span className="weight">{t("instrument.weight", { weight: formatWeight(indicator.weight, lang) })}</span>
        <select
          id={selectId}
          className="level-select"
          data-testid={`level-${indicator.code}`}
          value={level === null ? "" : String(level)}
          onChange={(e) => calc.setLevel(indicator.code, e.target.value === "" ? null : Number(e.target.value))}
        >
          <option value="">{t("instrument.notFilled")}</option>
          {levelRange(instrument.levels.min, instrument.levels.max).map((l) => {
            const name = scale.find((s) => s.level === l)?.name;
            return (
              <option key={l} value={String(l)}>
                {name ? t("instrument.levelOption", { level: l, name }) : String(l)}
              </option>
            );
          })}
        </select>
      </div>
      <details className="indicator-details">
        <summary>{t("instrument.details")}</summary>
        <div className="indicator-body">
          {indicator.question && (
            <p className="question">
              <strong>{t("instrument.question")}:</strong> {indicator.question}
            </p>
          )}
          {indicator.description && (
            <p className="description">
              <strong>{t("instrument.description")}:</strong> {indicator.description}
            </p>
          )}
          <LevelList indicator={indicator} />
        </div>
      </details>
    </li>
  );
}
