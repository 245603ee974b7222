import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { evidenceFileUrl, fetchEvidenceDetail, PREVIEWABLE, updateEvidence, type EvidenceDetail, type EvidenceFields } from "../../evidenceApi";
import { formatDateTime, formatFileSize } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { nodeAnchor } from "../InstrumentDetail/labels";
import { DocumentRef, ReviewDate } from "./EvidenceBadges";
import { EvidenceFieldsInputs } from "./EvidenceFieldsForm";
import { UploadForm } from "./UploadForm";

const fieldsOf = (d: EvidenceDetail): EvidenceFields => ({ title: d.title, documentNumber: d.documentNumber ?? "", documentDate: d.documentDate ?? "", reviewDate: d.reviewDate ?? "" });

/** Changes title, document number and dates without a new file. */
function EditMetadata({ agency, detail, onSaved }: { agency: string; detail: EvidenceDetail; onSaved(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState(() => fieldsOf(detail));
  const { busy, error, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    await run(async () => {
      await updateEvidence(agency, detail.id, fields);
      setSaved(true);
      onSaved();
    });
  };
  return (
    <form className="evidence-edit" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{t("evidence.edit.title")}</h3>
      <EvidenceFieldsInputs id={id} value={fields} onChange={setFields} titleRequired testPrefix="evidence-edit" />
      <FormError error={error} testId="evidence-edit-error" />
      <div className="button-row">
        <button type="submit" className="button button-small" disabled={busy} data-testid="evidence-edit-submit">
          {t("evidence.edit.submit")}
        </button>
      </div>
      {saved && <Success testId="evidence-edit-done">{t("evidence.edit.done")}</Success>}
    </form>
  );
}

/** A sandboxed preview of a PDF or an image (the server answers with `Content-Security-Policy: sandbox`). */
function Preview({ agency, detail }: { agency: string; detail: EvidenceDetail }) {
  const { t } = useTranslation();
  const url = evidenceFileUrl(agency, detail.id, { inline: true });
  if (detail.fileType === "pdf") {
    // The file answers with `Content-Security-Policy: sandbox` (no scripts, unique origin) whichever
    // way it is opened; a sandbox attribute here would also stop the browser's PDF viewer.
    return (
      <>
        <iframe className="evidence-preview" src={url} title={t("evidence.previewOf", { title: detail.title })} data-testid="evidence-preview" />
        <p className="small">
          <a href={url} target="_blank" rel="noopener noreferrer">
            {t("evidence.openPreview")}
          </a>
        </p>
      </>
    );
  }
  return <img className="evidence-preview" src={url} alt={t("evidence.previewOf", { title: detail.title })} data-testid="evidence-preview" />;
}

/** One piece of evidence: metadata, versions with downloads, linked indicators, preview, edit and new version. */
export function EvidenceDetailPanel({ agency, id, canUpload, onChanged, onClose }: { agency: string; id: number; canUpload: boolean; onChanged(): void; onClose(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApi(`evidence-${agency}-${id}`, (signal) => fetchEvidenceDetail(agency, id, signal));
  const [preview, setPreview] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  const changed = () => {
    state.reload();
    onChanged();
  };
  return (
    <section className="evidence-detail card" aria-labelledby="evidence-detail-title" data-testid="evidence-detail">
      <div className="title-row">
        <h2 id="evidence-detail-title" ref={heading} tabIndex={-1}>
          {state.status === "ok" ? state.data.title : t("evidence.detail")}
        </h2>
        <button type="button" className="button button-small button-secondary" onClick={onClose}>
          {t("evidence.close")}
        </button>
      </div>
      {state.status === "loading" && <Loading label={t("evidence.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <dl className="facts">
            <div>
              <dt>{t("evidence.document")}</dt>
              <dd>
                <DocumentRef evidence={state.data} />
              </dd>
            </div>
            <div>
              <dt>{t("evidence.fields.reviewDate")}</dt>
              <dd>
                <ReviewDate evidence={state.data} testId="evidence-detail-too-old" />
              </dd>
            </div>
            <div>
              <dt>{t("evidence.latestFile")}</dt>
              <dd>
                {state.data.fileName} ({state.data.fileType.toUpperCase()}, {formatFileSize(state.data.size, lang)})
              </dd>
            </div>
          </dl>
          {PREVIEWABLE.includes(state.data.fileType) && (
            <div>
              <button type="button" className="button button-small button-secondary" aria-expanded={preview} data-testid="evidence-preview-toggle" onClick={() => setPreview((p) => !p)}>
                {preview ? t("evidence.hidePreview") : t("evidence.showPreview")}
              </button>
              {preview && <Preview agency={agency} detail={state.data} />}
            </div>
          )}
          <h3>{t("evidence.versionsTitle")}</h3>
          <div className="table-scroll">
            <table className="data-table" data-testid="evidence-versions">
              <thead>
                <tr>
                  <th scope="col">{t("evidence.version")}</th>
                  <th scope="col">{t("evidence.file")}</th>
                  <th scope="col" className="num">
                    {t("evidence.size")}
                  </th>
                  <th scope="col">{t("evidence.uploaded")}</th>
                  <th scope="col">{t("evidence.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{v.version}</th>
                    <td>{v.fileName}</td>
                    <td className="num">{formatFileSize(v.size, lang)}</td>
                    <td>
                      {formatDateTime(v.uploadedAt, lang)}
                      {v.uploadedBy ? ` · ${v.uploadedBy}` : ""}
                    </td>
                    <td>
                      <a href={evidenceFileUrl(agency, state.data.id, { version: v.version })} download>
                        {t("evidence.download")}
                        <span className="visually-hidden">
                          : {t("evidence.version")} {v.version}
                        </span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("evidence.linksTitle")}</h3>
          {state.data.links.length === 0 ? (
            <p className="muted">{t("evidence.noLinks")}</p>
          ) : (
            <ul data-testid="evidence-links">
              {state.data.links.map((l) => (
                <li key={`${l.assessmentId}-${l.indicatorCode}`}>
                  <Link to={`/penilaian/${l.assessmentId}#${nodeAnchor(l.indicatorCode)}`}>{t("evidence.linkLine", { code: l.indicatorCode, period: l.periodName, year: l.periodYear })}</Link>
                </li>
              ))}
            </ul>
          )}
          {canUpload && (
            <>
              <EditMetadata key={state.data.updatedAt} agency={agency} detail={state.data} onSaved={changed} />
              <UploadForm agency={agency} evidenceId={state.data.id} onUploaded={changed} testPrefix="evidence-version" />
            </>
          )}
        </>
      )}
    </section>
  );
}
