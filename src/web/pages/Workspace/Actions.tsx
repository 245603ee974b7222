import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { advanceAssessment, submitAssessment, type StageOutcome } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { AssignForm } from "./AssignForm";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";
import { ReviewForm } from "./ReviewForm";
import { OfficialRecordLink } from "./OfficialRecordLink";
import { SectoralServicesForm } from "./SectoralServices";
import { CopyForwardForm } from "./CopyForwardForm";
import { UnitsForm } from "./UnitsForm";

/** A stage action with an optional note: submit the self-assessment, or close an external stage. */
function NoteAction({ title, intro, button, testId, run }: { title: string; intro: string; button: string; testId: string; run(note: string): Promise<StageOutcome> }) {
  const { t } = useTranslation();
  const id = useId();
  const { refresh } = useWorkspace();
  const [note, setNote] = useState("");
  const { busy, error, run: send } = useSubmit();
  const [done, setDone] = useState<StageOutcome | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await send(async () => {
      setDone(await run(note.trim()));
      setNote("");
      await refresh();
    });
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
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
      {done && <Success testId={`${testId}-done`}>{done.reviewStatus === "pending" ? t("ws.handedToReview") : t("ws.movedTo", { stage: t(`stages.${done.stage}`) })}</Success>}
    </form>
  );
}

/** The actions the server allows this reader on this assessment, and nothing else. */
export function Actions() {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const a = ws.abilities;
  const naming = a.nameSectoralServices && ws.sectoralServices.indicators.length > 0;
  const any = a.submit || a.advance || a.review || a.assignInternal || a.assignExternal || naming || ws.officialRecord !== null;
  if (!any) return null;
  return (
    <section className="ws-actions" aria-labelledby="ws-actions-title">
      <h2 id="ws-actions-title">{t("ws.actions")}</h2>
      {ws.officialRecord && <OfficialRecordLink />}
      {naming && <SectoralServicesForm />}
      {a.submit && <CopyForwardForm />}
      {a.submit && <NoteAction title={t("ws.submitTitle")} intro={t("ws.submitIntro")} button={t("ws.submit")} testId="ws-submit" run={(note) => submitAssessment(ws.id, note)} />}
      {a.advance && <NoteAction title={t("ws.advanceTitle")} intro={t("ws.advanceIntro")} button={t("ws.advance")} testId="ws-advance" run={(note) => advanceAssessment(ws.id, note)} />}
      {a.review && <ReviewForm />}
      {a.assignInternal && ws.stage === "mandiri" && <UnitsForm />}
      {a.assignInternal && <AssignForm role="asesor_internal" />}
      {a.assignExternal && <AssignForm role="asesor_eksternal" />}
    </section>
  );
}
