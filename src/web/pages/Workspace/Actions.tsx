import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { advanceAssessment, submitAssessment, type StageOutcome } from "../../assessmentApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormError } from "../../components/Status";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { useClarifications } from "./clarificationContext";
import { stageGaps } from "./progress";
import { AssignForm } from "./AssignForm";
import { AssignmentList } from "./AssignmentList";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";
import { ReviewForm } from "./ReviewForm";
import { OfficialRecordLink } from "./OfficialRecordLink";
import { EvaluationReportAction } from "./EvaluationReportAction";
import { SectoralServicesForm } from "./SectoralServices";
import { CopyForwardForm } from "./CopyForwardForm";
import { UnitsForm } from "./UnitsForm";

/** The warnings before a stage closes, as sentences. */
function useStageWarnings(): string[] {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const { threads } = useClarifications();
  const gaps = stageGaps(ws, threads);
  return [
    gaps.openClarifications > 0 ? t("flow.warn.openClarifications", { count: gaps.openClarifications }) : "",
    gaps.unverified > 0 ? t("flow.warn.unverified", { count: gaps.unverified }) : "",
    gaps.unanswered > 0 ? t(ws.stage === "mandiri" ? "flow.warn.unanswered" : "flow.warn.notAssessed", { count: gaps.unanswered }) : "",
  ].filter(Boolean);
}

/**
 * A stage action with an optional note: submit the self-assessment, or close an external stage. The
 * button asks first (what becomes locked, what is still open); the outcome stays on screen.
 */
function NoteAction({ kind, title, intro, button, testId, run }: { kind: "submit" | "advance"; title: string; intro: string; button: string; testId: string; run(note: string): Promise<StageOutcome> }) {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh, announce } = useWorkspace();
  const [note, setNote] = useState("");
  const { busy, error, run: send } = useSubmit();
  const [asking, setAsking] = useState(false);
  const warnings = useStageWarnings();
  useUnsavedChanges(note.trim() !== "");
  const confirm = async () => {
    setAsking(false);
    await send(async () => {
      const done = await run(note.trim());
      setNote("");
      announce(done.reviewStatus === "pending" ? t("ws.handedToReview") : t("ws.movedTo", { stage: t(`stages.${done.stage}`) }), `${testId}-done`);
      await refresh();
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsking(true);
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="small muted">{intro}</p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("ws.note")}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <FormError error={error} testId={`${testId}-error`} />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid={testId}>
          {button}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={t(`flow.${kind}.title`, { stage: t(`stages.${ws.stage}`) })}
        warnings={warnings}
        confirmLabel={t(`flow.${kind}.confirm`)}
        testId={testId}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        <p>{t(`flow.${kind}.text`, { stage: t(`stages.${ws.stage}`) })}</p>
        {warnings.length > 0 && <p>{t("flow.warn.intro")}</p>}
      </ConfirmDialog>
    </form>
  );
}

/** The actions the server allows this reader on this assessment, and nothing else. */
export function Actions() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const a = ws.abilities;
  const naming = a.nameSectoralServices && ws.sectoralServices.indicators.length > 0;
  const report = ws.stage === "final" && ws.results.length > 0;
  const any = a.submit || a.advance || a.review || a.assignInternal || a.assignExternal || naming || ws.officialRecords.length > 0 || report;
  // Grows with each new assignment, so the list of assigned assessors shows it.
  const [assigned, setAssigned] = useState(0);
  if (!any) return null;
  return (
    <section className="ws-actions" aria-labelledby="ws-actions-title">
      <h2 id="ws-actions-title">{t("ws.actions")}</h2>
      {report && <EvaluationReportAction />}
      <OfficialRecordLink />
      {naming && <SectoralServicesForm />}
      {a.submit && <CopyForwardForm />}
      {a.submit && <NoteAction kind="submit" title={t("ws.submitTitle")} intro={t("ws.submitIntro")} button={t("ws.submit")} testId="ws-submit" run={(note) => submitAssessment(ws.id, note)} />}
      {a.advance && <NoteAction kind="advance" title={t("ws.advanceTitle")} intro={t("ws.advanceIntro")} button={t("ws.advance")} testId="ws-advance" run={(note) => advanceAssessment(ws.id, note)} />}
      {a.review && <ReviewForm />}
      {a.assignInternal && ws.stage === "mandiri" && <UnitsForm />}
      {a.assignInternal && <AssignForm role="asesor_internal" onAssigned={() => setAssigned((n) => n + 1)} />}
      {a.assignExternal && <AssignForm role="asesor_eksternal" onAssigned={() => setAssigned((n) => n + 1)} />}
      {(a.assignInternal || a.assignExternal) && <AssignmentList version={assigned} />}
    </section>
  );
}
