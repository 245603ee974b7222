import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { needsCitizenSignIn } from "../../applicationsApi";
import { FormError, Loading } from "../../components/Status";
import { actOnMyComplaint, fetchMyComplaints, type ReporterAction, type TrackedComplaint } from "../../complaintsApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { CitizenSignIn } from "../Applications/citizen";
import { LoadFailure } from "../NotFound";
import { TrackedComplaintCard } from "./TrackedComplaintCard";

/** "Pengaduan saya" (/pengaduan-saya): the signed-in citizen's complaints with status, deadlines, the answer and the reporter's actions. */
export function MyComplaintsPage() {
  const { t } = useTranslation();
  usePageTitle(t("complaints.mine.title"));
  const list = useApi("my-complaints", (signal) => fetchMyComplaints(signal));
  if (list.status === "loading") return <Loading label={t("services.loading")} />;
  if (list.status === "error") {
    if (needsCitizenSignIn(list.error))
      return (
        <section className="page-narrow">
          <h1>{t("complaints.mine.title")}</h1>
          <CitizenSignIn />
        </section>
      );
    return <LoadFailure error={list.error} retry={list.retry} />;
  }
  return <MyComplaintList initial={list.data.complaints} />;
}

function MyComplaintList({ initial }: { initial: TrackedComplaint[] }) {
  const { t } = useTranslation();
  const [complaints, setComplaints] = useState(initial);
  const [acting, setActing] = useState<string | null>(null);
  const submit = useSubmit();
  const act = (trackingNumber: string) => (action: ReporterAction, reason: string) => {
    setActing(trackingNumber);
    return submit.run(async () => {
      const next = await actOnMyComplaint(trackingNumber, action, reason || undefined);
      setComplaints((all) => all.map((c) => (c.trackingNumber === trackingNumber ? next : c)));
    });
  };
  const open = complaints.filter((c) => !c.terminal).length;
  return (
    <section data-testid="my-complaints">
      <h1>{t("complaints.mine.title")}</h1>
      <p className="lead">{complaints.length === 0 ? t("complaints.mine.none") : t("complaints.mine.summary", { count: complaints.length, open })}</p>
      <p>
        <Link to="/pengaduan">{t("complaints.mine.fileNew")}</Link>
      </p>
      {complaints.map((c) => (
        <div key={c.trackingNumber} data-testid="my-complaint">
          <p className="small muted">
            {t("complaints.trackingNumber")}: <strong data-testid="my-complaint-number">{c.trackingNumber}</strong>
          </p>
          {acting === c.trackingNumber && <FormError error={submit.error} testId="my-complaint-error" />}
          <TrackedComplaintCard c={c} busy={submit.busy} onAct={act(c.trackingNumber)} />
        </div>
      ))}
    </section>
  );
}
