import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Success } from "../../components/Status";
import { ConflictPanel } from "./ConflictPanel";
import type { AnswerEditor } from "./useAnswerEditor";

/** Test ids: the explanation keeps the short name the tests use; the external fields their own. */
const fieldTestId = (f: string, code: string) => `ws-${f}-${code}`;

/** One word for the tests and the style: saving, failed, pending (changed, not yet saved), saved or idle. */
const autosaveState = (e: AnswerEditor) =>
  e.busy ? "saving" : e.status?.kind === "error" ? "failed" : e.dirty && !e.conflict ? "pending" : e.status?.kind === "saved" ? "saved" : "idle";

/** The texts of an answer in the open stage, its save button, its status and any conflict. */
export function AnswerForm({ code, editor }: { code: string; editor: AnswerEditor }) {
  const { t } = useTranslation();
  const id = useId();
  const { status } = editor;
  return (
    <form
      className="ws-answer"
      aria-label={t("ws.answerFor", { code })}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.save();
      }}
      onBlur={(e) => {
        // Leaving the answer's texts saves them at once; moving between its own fields does not.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) editor.saveIfDirty();
      }}
    >
      {editor.fields.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-${f}`}>{t(`ws.fields.${f}`)}</label>
          <textarea id={`${id}-${f}`} rows={2} value={editor.texts[f] ?? ""} maxLength={10000} data-testid={fieldTestId(f, code)} onChange={(e) => editor.setText(f, e.target.value)} />
        </div>
      ))}
      <div className="ws-answer-actions">
        <button type="submit" className="button button-small" disabled={editor.busy || editor.conflict !== null} data-testid={`ws-save-${code}`} aria-label={t("ws.saveFor", { code })}>
          {editor.busy ? t("ws.saving") : t("ws.save")}
        </button>
        <span className="autosave-state" aria-live="polite" data-testid={`ws-autosave-${code}`} data-state={autosaveState(editor)}>
          {editor.busy ? (
            t("flow.autosave.saving")
          ) : status?.kind === "error" ? (
            <>
              {t("flow.autosave.failed")}{" "}
              <button type="button" className="button-link" data-testid={`ws-retry-${code}`} onClick={() => void editor.save()}>
                {t("flow.autosave.retry")}
              </button>
            </>
          ) : editor.dirty && !editor.conflict ? (
            <span className="badge badge-unsaved">{t("flow.autosave.pending")}</span>
          ) : null}
        </span>
        {status?.kind === "saved" && !editor.dirty && !editor.busy && <Success testId={`ws-saved-${code}`}>{t("flow.autosave.saved", { version: status.version })}</Success>}
      </div>
      {status?.kind === "error" && <FormError error={status.error} testId={`ws-error-${code}`} />}
      <ConflictPanel code={code} editor={editor} />
    </form>
  );
}
