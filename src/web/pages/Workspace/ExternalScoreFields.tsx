import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import type { AnswerEditor } from "./useAnswerEditor";

/**
 * An indicator valued from another agency's index (Indeks SDI, SJIG, IPS): the evaluator enters the
 * score with its source document and year and sees the value it converts to; the server converts again.
 */
export function ExternalScoreFields({ code, editor }: { code: string; editor: AnswerEditor }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const spec = editor.externalSpec!;
  const { converted } = editor;
  return (
    <fieldset className="ws-external" data-testid={`ws-external-${code}`}>
      <legend>{t("ws.external.legend", { source: spec.source })}</legend>
      <div className="field">
        <label htmlFor={`${id}-score`}>{t("ws.external.score", { min: spec.min, max: spec.max })}</label>
        <input id={`${id}-score`} type="text" inputMode="decimal" value={editor.external.score} data-testid={`ws-external-score-${code}`} aria-invalid={converted !== null && "problem" in converted} onChange={(e) => editor.setExternal({ score: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{t("ws.external.source")}</label>
        <input id={`${id}-source`} type="text" maxLength={500} value={editor.external.source} data-testid={`ws-external-source-${code}`} onChange={(e) => editor.setExternal({ source: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t("ws.external.year")}</label>
        <input id={`${id}-year`} type="number" min={2000} max={2100} value={editor.external.year} data-testid={`ws-external-year-${code}`} onChange={(e) => editor.setExternal({ year: e.target.value })} />
      </div>
      <p className="small" data-testid={`ws-external-value-${code}`} role={converted && "problem" in converted ? "alert" : undefined}>
        {converted === null
          ? t("ws.external.none")
          : "value" in converted
            ? t("ws.external.converted", { value: formatIndex(converted.value / 100, lang), conversion: t(`ws.external.${spec.conversion}`) })
            : t("ws.external.outOfRange", { min: spec.min, max: spec.max })}
      </p>
    </fieldset>
  );
}
