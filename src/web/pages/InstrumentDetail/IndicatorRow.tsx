import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { formatWeight } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "./context";
import { nodeAnchor } from "./labels";
import { LevelList } from "./LevelList";
import { LevelSelect } from "./LevelSelect";

/** One indicator: code, name, weight and its level select; below, the question, criteria and evidence. */
export function IndicatorRow({ indicator }: { indicator: InstrumentNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { calc } = useDetail();
  const selectId = useId();
  const level = calc.levels[indicator.code] ?? null;
  return (
    <li className={level === null ? "indicator" : "indicator is-answered"} id={nodeAnchor(indicator.code)}>
      <div className="indicator-row">
        <label htmlFor={selectId} className="indicator-label">
          <span className="code">{indicator.code}</span> <span className="indicator-name">{indicator.name}</span>
        </label>
        <span className="weight">{t("instrument.weight", { weight: formatWeight(indicator.weight, lang) })}</span>
        <LevelSelect
          id={selectId}
          indicator={indicator}
          value={level}
          testId={`level-${indicator.code}`}
          onChange={(l) => calc.setLevel(indicator.code, l)}
        />
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
