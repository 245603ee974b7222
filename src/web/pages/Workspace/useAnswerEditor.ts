import { useState } from "react";
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
  const [version, setVersion] = useState(own?.version ?? 0);
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

  /** Takes an answer as the new starting point: its version and texts, the server's level. */
  const adopt = async (a: Answer | null) => {
    setConflict(null);
    setVersion(a?.version ?? 0);
    setTexts(textsOf(a, fields));
    setExternalState(externalOf(a));
    try {
      await refresh();
    } catch (e) {
      setStatus({ kind: "error", error: e });
    }
    calc.reset(code);
  };

  const write = async (draft: AnswerDraft, at: number) => {
    setBusy(true);
    setStatus(null);
    try {
      const saved = await saveAnswer(ws.id, code, { stage, version: at, ...draft });
      await adopt(saved);
      setStatus({ kind: "saved", version: saved.version });
    } catch (e) {
      if (e instanceof AnswerConflict) {
        setConflict({ mine: draft, current: e.current });
        // Show the level now in force beside the choice; the reader's draft stays as it is.
        await refresh().catch(() => undefined);
      } else setStatus({ kind: "error", error: e });
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
      if (stage === "mandiri" && version === a.version) setVersion(saved.version);
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
    save: () => write(draft(), version),
    keepMine: () => conflict && write(conflict.mine, conflict.current?.version ?? 0),
    takeTheirs: () => conflict && adopt(conflict.current).then(() => setStatus(null)),
    verify,
  };
}

export type AnswerEditor = ReturnType<typeof useAnswerEditor>;
