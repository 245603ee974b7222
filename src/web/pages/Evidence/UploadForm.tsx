import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Success } from "../../components/Status";
import { uploadEvidence, uploadEvidenceVersion, type EvidenceFields, type UploadHandle, type UploadResult } from "../../evidenceApi";
import { formatFileSize, formatPercent } from "../../format";
import { useLang } from "../../i18n";
import { emptyFields, EvidenceFieldsInputs } from "./EvidenceFieldsForm";
import { uploadErrorText } from "./uploadError";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** Accepted by the server (recognised by content; the list only helps the file picker). */
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.mp4,application/pdf,image/png,image/jpeg";

interface Props {
  agency: string;
  /** Upload a new version of this evidence instead of a new piece. */
  evidenceId?: number;
  /** Called with the stored evidence (new, or the existing one holding the same content). */
  onUploaded(result: UploadResult): void | Promise<void>;
  /** Test id prefix, so several forms on one page stay apart. */
  testPrefix?: string;
  title?: string;
}

/**
 * Uploads a file with its metadata and shows the progress as it is sent (XMLHttpRequest progress
 * events); the upload can be cancelled. Too large, wrong type and empty files are explained.
 */
export function UploadForm({ agency, evidenceId, onUploaded, testPrefix = "evidence-upload", title }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fields, setFields] = useState<EvidenceFields>(emptyFields);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [handle, setHandle] = useState<UploadHandle | null>(null);
  // Chosen or typed and not yet sent (an upload under way has its own cancel button).
  useUnsavedChanges(handle === null && (file !== null || JSON.stringify(fields) !== JSON.stringify(emptyFields())));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<UploadResult | null>(null);
  /** Seconds until a broken connection is tried again (large files resume where they stopped). */
  const [retryIn, setRetryIn] = useState<number | null>(null);
  const isVersion = evidenceId !== undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t("evidence.upload.noFile"));
      return;
    }
    if (file.size === 0) {
      setError(t("evidence.upload.empty"));
      return;
    }
    setError(null);
    setDone(null);
    setProgress({ sent: 0, total: file.size });
    const onProgress = (sent: number, total: number) => setProgress({ sent, total });
    const onRetry = (ms: number | null) => setRetryIn(ms === null ? null : Math.round(ms / 1000));
    const h = isVersion ? uploadEvidenceVersion(agency, evidenceId, fields, file, onProgress, onRetry) : uploadEvidence(agency, fields, file, onProgress, onRetry);
    setHandle(h);
    try {
      const result = await h.done;
      setDone(result);
      setFields(emptyFields());
      setFile(null);
      if (fileRef.current) fileRef.current.value = "";
      await onUploaded(result);
    } catch (err) {
      setProgress(null);
      setError(uploadErrorText(t, err));
    } finally {
      setHandle(null);
      setRetryIn(null);
    }
  };

  const ratio = progress && progress.total > 0 ? Math.min(1, progress.sent / progress.total) : 0;
  return (
    <form className="evidence-upload" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid={testPrefix}>
      <h3 id={`${id}-title`}>{title ?? (isVersion ? t("evidence.upload.versionTitle") : t("evidence.upload.title"))}</h3>
      <EvidenceFieldsInputs id={id} value={fields} onChange={setFields} titleRequired={!isVersion} testPrefix={testPrefix} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("evidence.upload.file")}</label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-file-hint`}
          data-testid={`${testPrefix}-file`}
          disabled={handle !== null}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p className="hint" id={`${id}-file-hint`}>
          {t("evidence.upload.fileHint")}
        </p>
      </div>
      {progress && (
        <div className="upload-progress" data-testid={`${testPrefix}-progress`} data-complete={ratio >= 1 && done ? "true" : "false"}>
          <label htmlFor={`${id}-progress`}>{done ? t("evidence.upload.done") : t("evidence.upload.sending")}</label>
          <progress id={`${id}-progress`} max={progress.total} value={progress.sent} />
          <span className="small" aria-live="polite">
            {formatPercent(ratio, lang)} · {formatFileSize(progress.sent, lang)} / {formatFileSize(progress.total, lang)}
          </span>
          {retryIn !== null && (
            <p className="hint" role="status" data-testid={`${testPrefix}-retry`}>
              {t("evidence.upload.retrying", { seconds: retryIn })}
            </p>
          )}
        </div>
      )}
      <FormError error={error} testId={`${testPrefix}-error`} />
      <div className="button-row">
        <button type="submit" className="button button-small" disabled={handle !== null} data-testid={`${testPrefix}-submit`}>
          {isVersion ? t("evidence.upload.submitVersion") : t("evidence.upload.submit")}
        </button>
        {handle && (
          <button type="button" className="button button-small button-secondary" data-testid={`${testPrefix}-cancel`} onClick={() => handle.cancel()}>
            {t("evidence.upload.cancel")}
          </button>
        )}
      </div>
      {done && (
        <Success testId={`${testPrefix}-done`}>
          {done.deduplicated ? t("evidence.upload.deduplicated", { title: done.title }) : t("evidence.upload.stored", { title: done.title, version: done.versionCount })}
        </Success>
      )}
    </form>
  );
}
