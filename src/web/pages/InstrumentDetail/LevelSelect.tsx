import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { useDetail } from "./context";
import { levelRange } from "./useCalculator";

interface Props {
  id: string;
  indicator: InstrumentNode;
  value: number | null;
  onChange(level: number | null): void;
  testId?: string;
  disabled?: boolean;
}

/** The level select of an indicator: "–" (not filled) and every level with its scale name. */
export function LevelSelect({ id, indicator, value, onChange, testId, disabled }: Props) {
  const { t } = useTranslation();
  const { instrument } = useDetail();
  const scale = instrument.scales[indicator.scale ?? ""] ?? [];
  return (
    <select id={id} className="level-select" data-testid={testId} disabled={disabled} value={value === null ? "" : String(value)} onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}>
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
  );
}
