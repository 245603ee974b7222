import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { indicatorsOf } from "../../../core";
import { ApiError } from "../../api";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorMessage, FormError, Loading } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { createFieldNote, deleteFieldNote, fetchFieldNotes, updateFieldNote, type FieldNote, type FieldNoteDraft, type FieldNotes as Notes, type FieldStage } from "../../fieldNotesApi";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "../InstrumentDetail/context";
import { useWorkspace } from "./context";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** A stale version (409 conflict) is explained in words; any other error shows as it is. */
function useNoteError(error: unknown): unknown {
  const { t } = useTranslation();
  return error instanceof ApiError && error.status === 409 && error.code === "conflict" ? t("collab.notes.conflict") : error;
}

const EMPTY: FieldNoteDraft = { heldOn: "", participants: "", place: "", summary: "", observations: {} };

/** Observations per indicator: the ones written so far (removable) and a line to add one. */
function ObservationsEditor({ value, onChange, prefix }: { value: Record<string, string>; onChange(next: Record<string, string>): void; prefix: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { instrument } = useDetail();
  const indicators = useMemo(() => indicatorsOf(instrument.tree), [instrument]);
  const [code, setCode] = useState("");
  const [text, setText] = useState("");
  useUnsavedChanges(text.trim() !== "");
  const entries = Object.entries(value);
  const add = () => {
    if (!code || !text.trim()) return;
    onChange({ ...value, [code]: text.trim() });
    setCode("");
    setText("");
  };
  const remove = (c: string) => onChange(Object.fromEntries(entries.filter(([k]) => k !== c)));
  return (
    <fieldset className="note-observations">
      <legend>{t("collab.notes.observations")}</legend>
      {entries.length > 0 && (
        <ul data-testid={`${prefix}-obs-list`}>
          {entries.map(([c, tx]) => (
            <li key={c}>
              <span className="code">{c}</span> {tx}{" "}
              <button type="button" className="button button-small button-secondary" onClick={() => remove(c)}>
                {t("collab.notes.removeObservation")}
                <span className="visually-hidden">: {c}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-code`}>{t("collab.notes.observationIndicator")}</label>
        <select id={`${id}-code`} value={code} data-testid={`${prefix}-obs-code`} onChange={(e) => setCode(e.target.value)}>
          <option value="">{t("collab.revise.chooseIndicator")}</option>
          {indicators.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} · {i.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("collab.notes.observationText")}</label>
        <textarea id={`${id}-text`} rows={2} maxLength={5000} value={text} data-testid={`${prefix}-obs-text`} onChange={(e) => setText(e.target.value)} />
      </div>
      <div>
        <button type="button" className="button button-small button-secondary" disabled={!code || !text.trim()} data-testid={`${prefix}-obs-add`} onClick={add}>
          {t("collab.notes.addObservation")}
        </button>
      </div>
    </fieldset>
  );
}

/** Write a new note for the open field stage, or change one of its notes. */
function NoteForm({ stage, note, onSaved, onCancel }: { stage: FieldStage; note: FieldNote | null; onSaved(): Promise<void>; onCancel?(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { ws } = useWorkspace();
  const [draft, setDraft] = useState<FieldNoteDraft>(note ? { heldOn: note.heldOn, participants: note.participants, place: note.place, summary: note.summary, observations: note.observations } : EMPTY);
  const [initial] = useState(() => JSON.stringify(draft));
  useUnsavedChanges(JSON.stringify(draft) !== initial);
  const { busy, error, run } = useSubmit();
  const shownError = useNoteError(error);
  const prefix = note ? `ws-note-edit-${note.id}` : `ws-note-new-${stage}`;
  const set = (k: keyof Omit<FieldNoteDraft, "observations">) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (note) await updateFieldNote(ws.id, note.id, { ...draft, version: note.version });
      else await createFieldNote(ws.id, { ...draft, stage });
      if (!note) setDraft(EMPTY);
      await onSaved();
    });
  };
  return (
    <form className="ws-action note-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid={prefix}>
      <h4 id={`${id}-title`}>{note ? t("collab.notes.editTitle") : t("collab.notes.newTitle", { stage: t(`stages.${stage}`) })}</h4>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t("collab.notes.heldOn")}</label>
        <input id={`${id}-date`} type="date" required value={draft.heldOn} data-testid={`${prefix}-date`} onChange={set("heldOn")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t("collab.notes.place")}</label>
        <input id={`${id}-place`} type="text" required minLength={2} maxLength={300} value={draft.place} data-testid={`${prefix}-place`} onChange={set("place")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-participants`}>{t("collab.notes.participants")}</label>
        <textarea id={`${id}-participants`} rows={2} required minLength={2} maxLength={2000} value={draft.participants} data-testid={`${prefix}-participants`} onChange={set("participants")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t("collab.notes.summary")}</label>
        <textarea id={`${id}-summary`} rows={5} required minLength={2} maxLength={20000} value={draft.summary} data-testid={`${prefix}-summary`} onChange={set("summary")} />
      </div>
      <ObservationsEditor prefix={prefix} value={draft.observations} onChange={(observations) => setDraft({ ...draft, observations })} />
      <FormError error={shownError} testId={`${prefix}-error`} />
      <div className="button-row">
        <button type="submit" className="button button-small" disabled={busy} data-testid={`${prefix}-save`}>
          {t("collab.notes.save")}
        </button>
        {onCancel && (
          <button type="button" className="button button-small button-secondary" onClick={onCancel}>
            {t("collab.notes.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** One note as everybody reads it; the writer may open it for editing while its stage is open. */
function NoteView({ note, editable, onSaved }: { note: FieldNote; editable: boolean; onSaved(): Promise<void> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  const [editing, setEditing] = useState(false);
  const removal = useSubmit();
  const removalError = useNoteError(removal.error);
  if (editing)
    return (
      <NoteForm
        stage={note.stage}
        note={note}
        onCancel={() => setEditing(false)}
        onSaved={async () => {
          setEditing(false);
          await onSaved();
        }}
      />
    );
  const observations = Object.entries(note.observations);
  return (
    <article className="field-note" data-testid={`ws-note-${note.id}`}>
      <h4>
        {formatDate(note.heldOn, lang)} · {note.place}
      </h4>
      <dl className="facts">
        <div>
          <dt>{t("collab.notes.participants")}</dt>
          <dd>{note.participants}</dd>
        </div>
      </dl>
      <p className="field-note-summary">{note.summary}</p>
      {observations.length > 0 && (
        <>
          <h5>{t("collab.notes.observations")}</h5>
          <ul>
            {observations.map(([code, text]) => (
              <li key={code}>
                <span className="code">{code}</span> {text}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="small muted">{t("collab.notes.byline", { who: note.authorName ?? t("collab.unknownAuthor"), at: formatDateTime(note.updatedAt, lang), version: note.version })}</p>
      {editable && (
        <div className="button-row">
          <button type="button" className="button button-small button-secondary" data-testid={`ws-note-edit-open-${note.id}`} onClick={() => setEditing(true)}>
            {t("collab.notes.edit")}
            <span className="visually-hidden">: {formatDate(note.heldOn, lang)}</span>
          </button>
          <ConfirmButton
            label={t("collab.notes.delete")}
            question={t("collab.notes.deleteQuestion", { date: formatDate(note.heldOn, lang), place: note.place })}
            testId={`ws-note-delete-${note.id}`}
            onConfirm={async () => {
              await removal.run(async () => {
                await deleteFieldNote(ws.id, note.id, note.version);
                await onSaved();
              });
            }}
          />
        </div>
      )}
      <FormError error={removalError} testId={`ws-note-delete-${note.id}-error`} />
    </article>
  );
}

/**
 * Interview (interviu) and site visit (visitasi) notes of an evaluation period: written and changed
 * by the assessor while that stage is open, read-only afterwards; the agency reads them once final.
 */
export function FieldNotes() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const [data, setData] = useState<Notes | null>(null);
  const [error, setError] = useState<unknown>(null);
  const readable = ws.abilities.readFieldNotes;
  const load = useCallback(async () => {
    setError(null);
    if (!readable) return;
    try {
      setData(await fetchFieldNotes(ws.id));
    } catch (e) {
      setError(e);
    }
  }, [ws.id, readable]);
  useEffect(() => {
    void load();
  }, [load, ws.stage]);
  const hasFieldStages = ws.period.stages.includes("interviu");
  if (!hasFieldStages) return null;
  const hidden = !readable || (error instanceof ApiError && error.status === 403);
  return (
    <section className="section field-notes" aria-labelledby="ws-notes-title" data-testid="ws-notes">
      <h2 id="ws-notes-title">{t("collab.notes.title")}</h2>
      {hidden ? (
        <p className="note" data-testid="ws-notes-hidden">
          {t("collab.notes.hiddenUntilFinal")}
        </p>
      ) : error ? (
        <ErrorMessage error={error} retry={() => void load()} />
      ) : !data ? (
        <Loading label={t("collab.notes.loading")} />
      ) : (
        data.stages.map((stage) => {
          const notes = data.notes.filter((n) => n.stage === stage);
          const writable = data.writableStage === stage;
          return (
            <div key={stage} className="field-notes-stage" data-testid={`ws-notes-${stage}`}>
              <h3>{t("collab.notes.stageTitle", { stage: t(`stages.${stage}`) })}</h3>
              {!writable && <p className="small muted">{t("collab.notes.readOnly")}</p>}
              {notes.length === 0 && <p className="small muted">{t("collab.notes.empty")}</p>}
              {notes.map((n) => (
                <NoteView key={`${n.id}-${n.version}`} note={n} editable={writable} onSaved={load} />
              ))}
              {writable && <NoteForm stage={stage} note={null} onSaved={load} />}
            </div>
          );
        })
      )}
    </section>
  );
}
