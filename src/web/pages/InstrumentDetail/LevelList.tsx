import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { useDetail } from "./context";
import { levelRange } from "./useCalculator";

/**
 * For each level of an indicator: the scale's level name, the criteria and the expected evidence;
 * with `choose`, a button per level that picks it.
 */
export function LevelList({ indicator, choose = true }: { indicator: InstrumentNode; choose?: boolean }) {
  const { t } = useTranslation();
  const { instrument, calc } = useDetail();
  const scale = instrument.scales[indicator.scale ?? ""] ?? [];
  const selected = calc.levels[indicator.code];
  return (
    <ol className="levels">
      {levelRange(instrument.levels.min, instrument.levels.max).map((level) => {
        const name = scale.find((s) => s.level === level)?.name;
        const criteria = indicator.criteria?.[String(level)];
        const evidence = indicator.evidence?.[String(level)];
        const isSelected = selected === level;
        return (
          <li key={level} className={isSelected ? "level is-selected" : "level"}>
            <div className="level-head">
              <p className="level-title">
                {t("instrument.levelTitle", { level })}
                {name && <span className="level-name"> · {name}</span>}
                {isSelected && <span className="badge badge-selected">{t("instrument.selectedLevel")}</span>}
              </p>
              {choose && !isSelected && (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={t("instrument.chooseLevelFor", { level, code: indicator.code })}
                  onClick={() => calc.setLevel(indicator.code, level)}
                >
                  {t("instrument.chooseLevel", { level })}
                </button>
              )}
            </div>
            {criteria || evidence ? (
              <dl className="level-texts">
                <dt>{t("instrument.criteria")}</dt>
                <dd>{criteria ?? t("instrument.noText")}</dd>
                <dt>{t("instrument.evidence")}</dt>
                <dd>{evidence ?? t("instrument.noText")}</dd>
              </dl>
            ) : (
              <p className="muted">{t("instrument.noText")}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
