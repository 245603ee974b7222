import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Answer, AnswerDraft } from "../../assessmentApi";
import type { AnswerEditor, TextField } from "./useAnswerEditor";

function Version({ title, answer, fields }: { title: string; answer: AnswerDraft | null; fields: TextField[] }) {
  const { t } = useTranslation();
  return (
    <section className="conflict-version" aria-label={title}>
      <h4>{title}</h4>
      {answer ? (
        <dl>
          <dt>{t("ws.conflict.level")}</dt>
          <dd>{answer.level ?? t("calc.none")}</dd>
          {fields.map((f) => (
            <div key={f}>
              <dt>{t(`ws.fields.${f}`)}</dt>
              <dd className="prewrap">{answer[f] || t("calc.none")}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t("ws.conflict.noAnswer")}</p>
      )}
    </section>
  );
}

/** Someone saved first: both versions side by side, and the reader decides which one stays. */
export function ConflictPanel({ code, editor }: { code: string; editor: AnswerEditor }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const conflict = editor.conflict;
  useEffect(() => {
    ref.current?.focus();
  }, []);
  if (!conflict) return null;
  const current: Answer | null = conflict.current;
  return (
    <div ref={ref} className="conflict" role="alert" tabIndex={-1} data-testid="ws-conflict">
      <p className="conflict-title">{t("ws.conflict.title", { code })}</p>
      <p>{t("ws.conflict.text", { version: current?.version ?? 0 })}</p>
      <div className="conflict-grid">
        <Version title={t("ws.conflict.mine")} answer={conflict.mine} fields={editor.fields} />
        <Version title={t("ws.conflict.theirs")} answer={current} fields={editor.fields} />
      </div>
      <div className="button-row">
        <button type="button" className="button button-small" disabled={editor.busy} data-testid="ws-keep-mine" onClick={() => void editor.keepMine()}>
          {t("ws.conflict.keepMine")}
        </button>
        <button type="button" className="button button-small button-secondary" disabled={editor.busy} data-testid="ws-take-theirs" onClick={() => void editor.takeTheirs()}>
          {t("ws.conflict.takeTheirs")}
        </button>
      </div>
    </div>
  );
}
