import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, fetchInstruments, instrumentProblemsOf, type InstrumentProblem, type InstrumentSummary } from "../../api";
import { ConfirmButton } from "../../components/ConfirmButton";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { INSTRUMENT_MAX_BYTES, uploadInstrumentFile, type InstrumentUploadResult } from "../../instrumentUploadApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** Every problem of a refused file: the validator's path and message, as it words them. */
function ProblemList({ problems }: { problems: InstrumentProblem[] }) {
  const { t } = useTranslation();
  return (
    <div className="status-error form-error" role="alert" data-testid="instrument-problems">
      <p>{t("instrumentUpload.problemsTitle", { count: problems.length })}</p>
      <ol className="problem-list">
        {problems.map((p, i) => (
          <li key={i} data-testid="instrument-problem">
            <code>{p.path === "(root)" ? t("instrumentUpload.wholeFile") : p.path}</code>: {p.message}
          </li>
        ))}
      </ol>
      <p className="hint">{t("instrumentUpload.problemsHint")}</p>
    </div>
  );
}

/** The uploaded versions, newest instrument last (as the server lists them: by id, then version). */
function VersionTable({ instruments }: { instruments: InstrumentSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const uploaded = instruments.filter((i) => i.source === "uploaded");
  if (!uploaded.length) return <p data-testid="instrument-versions-empty">{t("instrumentUpload.noVersions")}</p>;
  return (
    <div className="table-scroll">
    <table className="data-table" data-testid="instrument-versions">
      <caption className="visually-hidden">{t("instrumentUpload.versionsTitle")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("instrumentUpload.colId")}</th>
          <th scope="col">{t("instrumentUpload.colVersion")}</th>
          <th scope="col">{t("instrumentUpload.colName")}</th>
          <th scope="col">{t("instrumentUpload.colIndicators")}</th>
          <th scope="col">{t("instrumentUpload.colUploadedBy")}</th>
          <th scope="col">{t("instrumentUpload.colUploadedAt")}</th>
        </tr>
      </thead>
      <tbody>
        {uploaded.map((i) => (
          <tr key={i.id} data-testid="instrument-version">
            <td>
              <code>{i.baseId}</code>
            </td>
            <td>{i.version}</td>
            <td>
              <Link to={`/instrumen/${encodeURIComponent(i.id)}`}>{i.name}</Link>
            </td>
            <td>{i.indicatorCount}</td>
            <td>{i.uploadedBy ?? "—"}</td>
            <td>{i.uploadedAt ? formatDate(i.uploadedAt.slice(0, 10), lang) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

function UploadView() {
  const { t } = useTranslation();
  const id = useId();
  const list = useApi("instruments", fetchInstruments);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [done, setDone] = useState<InstrumentUploadResult | null>(null);
  const submit = useSubmit();
  // A file picked but not uploaded yet counts as an unsaved change.
  useUnsavedChanges(file !== null);

  const pick = (f: File | undefined) => {
    setDone(null);
    submit.setError(null);
    setFile(f ?? null);
    if (f && f.size > INSTRUMENT_MAX_BYTES) submit.setError(new ApiError(400, "instrument_too_large", "larger than 1 MB", null, { field: "file", limitMegabytes: 1 }));
  };
  const upload = async () => {
    if (!file) return;
    await submit.run(async () => {
      const result = await uploadInstrumentFile(file);
      setDone(result);
      setFile(null);
      setInputKey((k) => k + 1);
      list.reload();
    });
  };
  const problems = instrumentProblemsOf(submit.error);
  const tooLarge = file !== null && file.size > INSTRUMENT_MAX_BYTES;

  return (
    <>
      <p>
        <Link to="/instrumen">{t("instrument.back")}</Link>
      </p>
      <h1>{t("instrumentUpload.title")}</h1>
      <p className="lead">{t("instrumentUpload.intro")}</p>
      <section className="card" aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{t("instrumentUpload.formTitle")}</h2>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("instrumentUpload.file")}</label>
          <input
            key={inputKey}
            id={`${id}-file`}
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            aria-describedby={`${id}-hint`}
            disabled={submit.busy}
            data-testid="instrument-file"
            onChange={(e) => pick(e.target.files?.[0])}
          />
          <p className="hint" id={`${id}-hint`}>
            {t("instrumentUpload.fileHint")}
          </p>
        </div>
        {file && !tooLarge && (
          <p>
            <ConfirmButton
              label={t("instrumentUpload.submit", { name: file.name })}
              question={t("instrumentUpload.confirm")}
              className="button"
              testId="instrument-upload"
              onConfirm={upload}
            />
          </p>
        )}
        {problems ? <ProblemList problems={problems} /> : <FormError error={submit.error} testId="instrument-upload-error" />}
        {done && (
          <Success testId="instrument-uploaded" focus>
            {done.created ? t("instrumentUpload.created", { id: done.instrument.baseId, version: done.instrument.version }) : t("instrumentUpload.unchanged", { id: done.instrument.baseId, version: done.instrument.version })}
          </Success>
        )}
      </section>
      <section aria-labelledby={`${id}-versions`}>
        <h2 id={`${id}-versions`}>{t("instrumentUpload.versionsTitle")}</h2>
        <p className="hint">{t("instrumentUpload.versionsHint")}</p>
        {list.status === "loading" && <Loading label={t("instruments.loading")} />}
        {list.status === "error" && <ErrorMessage error={list.error} retry={list.retry} />}
        {list.status === "ok" && <VersionTable instruments={list.data} />}
      </section>
    </>
  );
}

/** Instrumen → Unggah instrumen: an administrator uploads an instrument file (JSON or YAML) as a new version. */
export function InstrumentUploadPage() {
  const { t } = useTranslation();
  usePageTitle(t("instrumentUpload.title"));
  return (
    <RequireSession ability="uploadInstruments">
      <UploadView />
    </RequireSession>
  );
}
