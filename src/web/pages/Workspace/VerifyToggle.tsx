import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { useWorkspace } from "./context";
import type { AnswerEditor } from "./useAnswerEditor";

/** The Penanggung Jawab's verification of a self-assessment answer (a checkbox that saves at once). */
export function VerifyToggle({ code, editor }: { code: string; editor: AnswerEditor }) {
  const { t } = useTranslation();
  const id = useId();
  const { ws } = useWorkspace();
  const answer = ws.indicators.find((i) => i.code === code)?.answers.mandiri;
  if (!answer) return null;
  return (
    <div className="ws-verify">
      <label htmlFor={id} className="checkbox">
        <input id={id} type="checkbox" checked={answer.verified} disabled={editor.busy} data-testid={`ws-verify-${code}`} onChange={(e) => void editor.verify(e.target.checked)} />
        {t("ws.verifyLabel", { code })}
      </label>
      {/* Errors of the answer form show there; without it (a reader who only verifies) they show here. */}
      {!ws.abilities.answer && editor.status?.kind === "error" && <FormError error={editor.status.error} />}
    </div>
  );
}
