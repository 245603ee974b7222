import { useCallback, useEffect, useRef, useState } from "react";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { convertExternalScore, indicatorsOf, valueStepHundredths } from "../../../core";
import { AnswerConflict, saveAnswer, verifyAnswer, type Answer, type AnswerDraft, type StageName } from "../../assessmentApi";
import { useDetail } from "../InstrumentDetail/context";
import { useWorkspace } from "./context";

export type TextField = "explanation" | "facts" | "analysis" | "justification";
export type Texts = Partial<Record<TextField, string>>;

/** The self-assessment asks for an explanation; the external stages for facts, analysis and justification. */
export const fieldsFor = (stage: StageName): TextField[] => (stage === "mandiri" ? ["explanation"] : ["facts", "analysis", "justification"]);

const textsOf = (a: Answer | null | undefined, fields: TextField[]): Texts => Object.fromEntries(fields.map((f) => [f, a?.[f] ?? ""]));

/** The score, source document and year as typed. */
export interface ExternalDraft {
  score: string;
  source: string;
  year: string;
}
const externalOf = (a: Answer | null | undefined): ExternalDraft => ({
  score: a?.externalScore ? String(a.externalScore.score) : "",
  source: a?.externalScore?.source ?? "",
  year: a?.externalScore?.year ? String(a.externalScore.year) : "",
});

export type EditorStatus = { kind: "saved"; version: number } | { kind: "verified"; verified: boolean } | { kind: "error"; error: unknown } | null;

/** How long after the last change an answer saves itself (and at once when the form loses focus). */
export const AUTOSAVE_DELAY_MS = 1500;

/**
 * One indicator's answer in the open stage: the level (kept in the calculator, so the index moves
 * live), the texts, the version last seen, and a conflict when someone else saved first. Nothing the
 * reader typed is dropped without their choice.
 */
export function useAnswerEditor(code: string) {
  const { ws, refresh } = useWorkspace();
  const { calc, instrument } = useDetail();
  const stage = ws.stage;
  const fields = fieldsFor(stage);
  const indicator = ws.indicators.find((i) => i.code === code);
  const own = indicator?.answers[stage];
  const [, setVersionState] = useState(own?.version ?? 0);
  // The version to save against, current at once: a save that follows another before React renders
  // again (the navigation guard right after a blur) must not send the version the first one replaced.
  const versionRef = useRef(own?.version ?? 0);
  const setVersion = (v: number) => {
    versionRef.current = v;
    setVersionState(v);
  };
  // The draft last saved, so that a second save of the very same draft does not write a new version.
  const savedDraft = useRef<string | null>(null);
  const [texts, setTexts] = useState<Texts>(() => textsOf(own, fields));
  const [conflict, setConflict] = useState<{ mine: AnswerDraft; current: Answer | null } | null>(null);
  const [status, setStatus] = useState<EditorStatus>(null);
  const [busy, setBusy] = useState(false);
  const level = calc.levels[code] ?? null;
  // An indicator valued from another agency's index is entered as its score, source document and year.
  const node = indicatorsOf(instrument.tree).find((n) => n.code === code);
  const spec = node?.externalScore ?? null;
  const [external, setExternalState] = useState<ExternalDraft>(() => externalOf(own));
  const converted = spec && node && external.score.trim() !== "" ? convertExternalScore(spec, Number(external.score.replace(",", ".")), valueStepHundredths(instrument, node)) : null;
  const setExternal = (patch: Partial<ExternalDraft>) => {
    const next = { ...external, ...patch };
    setExternalState(next);
    if (!spec || !node) return;
    const c = next.score.trim() === "" ? null : convertExternalScore(spec, Number(next.score.replace(",", ".")), valueStepHundredths(instrument, node));
    calc.setLevel(code, c && "value" in c ? c.value / 100 : null);
  };
  const savedTexts = textsOf(own, fields);
  const externalDirty = spec !== null && JSON.stringify(external) !== JSON.stringify(externalOf(own));
  const dirty = externalDirty || (code in calc.overrides && calc.overrides[code] !== (indicator?.level ?? null)) || fields.some((f) => (texts[f] ?? "") !== (savedTexts[f] ?? ""));

  // What the reader has in the form right now, for a save that returns after they typed on.
  const now = useRef({ texts, external, level });
  now.current = { texts, external, level };

  /**
   * Takes an answer as the new starting point: its version, and its texts and level where the form
   * still holds what was sent (`sent`); anything typed while the save was under way stays and
   * saves next. Without `sent` (taking the other version in a conflict) everything is replaced.
   */
  const adopt = async (a: Answer | null, sent?: { texts: Texts; external: ExternalDraft; level: number | null }) => {
    setConflict(null);
    setVersion(a?.version ?? 0);
    if (!sent) savedDraft.current = null;
    const server = textsOf(a, fields);
    setTexts((prev) => (sent ? Object.fromEntries(fields.map((f) => [f, prev[f] === sent.texts[f] ? server[f] : prev[f]])) : server));
    setExternalState((prev) => (!sent || JSON.stringify(prev) === JSON.stringify(sent.external) ? externalOf(a) : prev));
    try {
      await refresh();
    } catch (e) {
      setStatus({ kind: "error", error: e });
    }
    if (!sent || now.current.level === sent.level) calc.reset(code);
  };

  // The draft that last failed to save for another reason than a conflict: autosave does not retry it
  // on its own (the reader presses "coba lagi" or changes something).
  const failed = useRef<string | null>(null);

  /** Saves a draft against a version; true when it was saved. */
  const write = async (draft: AnswerDraft, at: number): Promise<boolean> => {
    const sent = { ...now.current };
    setBusy(true);
    setStatus(null);
    try {
      const saved = await saveAnswer(ws.id, code, { stage, version: at, ...draft });
      failed.current = null;
      savedDraft.current = `${saved.version}:${JSON.stringify(draft)}`;
      await adopt(saved, sent);
      setStatus({ kind: "saved", version: saved.version });
      return true;
    } catch (e) {
      if (e instanceof AnswerConflict) {
        setConflict({ mine: draft, current: e.current });
        // Show the level now in force beside the choice; the reader's draft stays as it is.
        await refresh().catch(() => undefined);
      } else {
        failed.current = JSON.stringify(draft);
        setStatus({ kind: "error", error: e });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const externalEntry = () =>
    external.score.trim() === "" ? null : { score: Number(external.score.replace(",", ".")), source: external.source.trim(), year: Number(external.year) };
  const draft = (): AnswerDraft => ({
    level,
    ...(spec && externalDirty ? { externalScore: externalEntry() } : {}),
    ...Object.fromEntries(fields.map((f) => [f, texts[f]?.trim() ? texts[f] : null])),
  });

  const verify = async (verified: boolean) => {
    const a = indicator?.answers.mandiri;
    if (!a) return;
    setBusy(true);
    setStatus(null);
    try {
      const saved = await verifyAnswer(ws.id, code, verified, a.version);
      // Verifying changes only the flag: an editor that had seen the answer keeps working on it.
      if (stage === "mandiri" && versionRef.current === a.version) setVersion(saved.version);
      setStatus({ kind: "verified", verified });
    } catch (e) {
      setStatus({ kind: "error", error: e });
    }
    try {
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  const canAnswer = ws.abilities.answer;
  // One save at a time: a second request (a blur during a debounced save) waits for the first.
  const inFlight = useRef<Promise<boolean> | null>(null);
  const saveNow = (): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const d = draft();
    // Already saved as it stands, and nobody has saved since: nothing to write.
    if (savedDraft.current === `${versionRef.current}:${JSON.stringify(d)}` && (own?.version ?? 0) <= versionRef.current) return Promise.resolve(true);
    const p = write(d, versionRef.current).finally(() => {
      inFlight.current = null;
    });
    inFlight.current = p;
    return p;
  };
  const latestSave = useRef(saveNow);
  latestSave.current = saveNow;
  const pending = canAnswer && dirty && conflict === null;
  const stableSave = useCallback(() => latestSave.current(), []);

  // Autosave: a moment after the last change, unless a save is under way, a conflict waits for the
  // reader's choice, or this very draft just failed.
  const draftKey = pending ? JSON.stringify(draft()) : null;
  useEffect(() => {
    if (!draftKey || busy || draftKey === failed.current) return;
    const timer = setTimeout(() => void latestSave.current(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draftKey, busy]);

  // Leaving the page saves first; a conflict or an error keeps the reader here with the question.
  useUnsavedChanges(pending || (canAnswer && conflict !== null), stableSave);

  return {
    stage,
    fields,
    indicator,
    level,
    setLevel: (l: number | null) => calc.setLevel(code, l),
    /** The source index of an indicator valued from another agency's index, else null. */
    externalSpec: spec,
    external,
    setExternal,
    /** The value the typed score converts to, or why it does not (out of range). */
    converted,
    texts,
    setText: (f: TextField, v: string) => setTexts((prev) => ({ ...prev, [f]: v })),
    dirty,
    busy,
    status,
    conflict,
    save: stableSave,
    /** Saves now if anything changed (the form lost focus). */
    saveIfDirty: () => (pending && !busy ? void stableSave() : undefined),
    keepMine: () => conflict && write(conflict.mine, conflict.current?.version ?? 0),
    takeTheirs: () => conflict && adopt(conflict.current).then(() => setStatus(null)),
    verify,
  };
}

export type AnswerEditor = ReturnType<typeof useAnswerEditor>;
