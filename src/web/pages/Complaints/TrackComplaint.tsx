import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { actAsReporter, trackComplaint, type ReporterAction, type TrackedComplaint } from "../../complaintsApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { TrackedComplaintCard } from "./TrackedComplaintCard";

/** The reporter's tracking page (/pengaduan/lacak): by tracking number and check value; status, deadlines, the answer, and the reporter's actions. */
export function TrackComplaintPage() {
  const { t } = useTranslation();
  const id = useId();
  usePageTitle(t("complaints.track.title"));
  const [number, setNumber] = useState("");
  const [check, setCheck] = useState("");
  const [c, setC] = useState<TrackedComplaint | null>(null);
  const submit = useSubmit();
  const look = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => setC(await trackComplaint(number, check)));
  };
  const act = (action: ReporterAction, reason: string) => submit.run(async () => setC(await actAsReporter(number, check, action, reason || undefined)));
  return (
    <>
      <form className="card form" onSubmit={(e) => void look(e)} aria-labelledby={`${id}-title`} data-testid="track-form">
        <h1 id={`${id}-title`}>{t("complaints.track.title")}</h1>
        <FormError error={submit.error} testId="track-error" />
        <div className="field">
          <label htmlFor={`${id}-number`}>{t("complaints.trackingNumber")}</label>
          <input id={`${id}-number`} value={number} required autoComplete="off" onChange={(e) => setNumber(e.target.value)} data-testid="track-number" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-check`}>{t("complaints.checkValue")}</label>
          <input id={`${id}-check`} value={check} required autoComplete="off" onChange={(e) => setCheck(e.target.value)} data-testid="track-check" />
        </div>
        <button type="submit" className="button" disabled={submit.busy} data-testid="track-submit">
          {t("complaints.track.submit")}
        </button>
      </form>
      {c && <TrackedComplaintCard c={c} busy={submit.busy} onAct={act} />}
    </>
  );
}
