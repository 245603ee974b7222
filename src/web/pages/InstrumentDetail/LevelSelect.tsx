import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { hundredthsInRange, valueStepHundredths, type InstrumentNode } from "../../../core";
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

/**
 * The level of an indicator: a select of "–" (not filled) and every level with its scale name, or,
 * where the instrument declares decimal values (Pemdi 1.26), a number field in its step.
 */
export function LevelSelect({ id, indicator, value, onChange, testId, disabled }: Props) {
  const { t } = useTranslation();
  const { instrument } = useDetail();
  const step = valueStepHundredths(instrument, indicator);
  if (step !== 100) return <DecimalValue {...{ id, value, onChange, testId, disabled, step }} levels={instrument.levels} />;
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

/** A decimal value typed in; only a value in range on the step reaches the calculator, anything else is flagged. */
function DecimalValue({ id, value, onChange, testId, disabled, step, levels }: Omit<Props, "indicator"> & { step: number; levels: { min: number; max: number } }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === null ? "" : value.toFixed(2));
  useEffect(() => setText((prev) => (Number(prev.replace(",", ".")) === value ? prev : value === null ? "" : value.toFixed(2))), [value]);
  const parsed = text.trim() === "" ? null : Number(text.replace(",", "."));
  const valid = parsed === null || hundredthsInRange(levels, step, parsed) !== null;
  return (
    <span className="level-decimal">
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="level-select"
        data-testid={testId}
        disabled={disabled}
        value={text}
        placeholder={t("instrument.notFilled")}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim() === "" ? null : Number(e.target.value.replace(",", "."));
          if (v === null || hundredthsInRange(levels, step, v) !== null) onChange(v);
        }}
      />
      {!valid && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t("instrument.decimalInvalid", { min: levels.min.toFixed(2), max: levels.max.toFixed(2), step: (step / 100).toFixed(2) })}
        </span>
      )}
    </span>
  );
}
