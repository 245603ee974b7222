import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { api, type ApiBody, type ApiResponse } from "../apiTypes";
import { FormError } from "./Status";

type Job = ApiResponse<"getDocumentJob">;
const POLL_MS = 1000;

/**
 * Produces an official PDF in the background (`POST /api/documents/jobs`): the button queues the job,
 * the progress bar follows it (polling once a second) and, once done, the download link appears; a
 * failed job explains its error code in the reader's language.
 */
export function DocumentJobButton({ job, label, testId }: { job: ApiBody<"createDocumentJob">; label: string; testId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const follow = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const now = await api("get", "/api/documents/jobs/{id}", { path: { id } });
        setState(now);
        if (now.status === "queued" || now.status === "running") follow(id);
        else setBusy(false);
      } catch (err) {
        setError(err);
        setBusy(false);
      }
    }, POLL_MS);
  };
  const start = async () => {
    setBusy(true);
    setError(null);
    setState(null);
    try {
      const { jobId } = await api("post", "/api/documents/jobs", { body: job });
      setState({ id: jobId, kind: job.kind, status: "queued", progress: 0, error: null, documentId: null, downloadUrl: null, createdAt: "", finishedAt: null });
      follow(jobId);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const running = state && (state.status === "queued" || state.status === "running");
  return (
    <div className="document-job" data-testid={testId}>
      <button type="button" className="button button-small" onClick={start} disabled={busy}>
        {label}
      </button>
      {running && (
        <p className="small" role="status">
          <span>
            {state.status === "queued" ? t("documentJobs.queued") : t("documentJobs.running", { progress: state.progress })}{" "}
            <progress max={100} value={state.progress} aria-label={t("documentJobs.progressLabel")} />
          </span>
        </p>
      )}
      {state?.status === "done" && state.downloadUrl && (
        <p className="small" role="status">
          {t("documentJobs.done")}{" "}
          <a className="button button-small" href={state.downloadUrl} download data-testid={`${testId}-download`}>
            {t("documentJobs.download")}
          </a>
        </p>
      )}
      {state?.status === "failed" && <FormError error={new ApiError(500, state.error ?? "internal_error", "", null, job)} />}
      <FormError error={error} />
    </div>
  );
}
