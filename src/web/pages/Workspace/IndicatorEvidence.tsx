import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../components/Status";
import { evidenceFileUrl, fetchEvidenceList, linkEvidence, unlinkEvidence, type EvidenceSummary } from "../../evidenceApi";
import { formatFileSize } from "../../format";
import { useLang } from "../../i18n";
import { useSubmit } from "../../useSubmit";
import { DocumentRef, ReviewDate } from "../Evidence/EvidenceBadges";
import { UploadForm } from "../Evidence/UploadForm";
import { useWorkspace } from "./context";

/** Search the agency's library and attach a piece of evidence to the indicator. */
function AttachFromLibrary({ code, linked, onAttach }: { code: string; linked: Set<number>; onAttach(id: number): Promise<void> }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const id = useId();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<EvidenceSummary[] | null>(null);
  const { busy, error, run } = useSubmit();
  const list = (query: string) =>
    run(async () => {
      setFound((await fetchEvidenceList(ws.agency.code, { q: query, limit: 20 })).evidence);
    });
  const search = async (e: FormEvent) => {
    e.preventDefault();
    await list(q);
  };
  // The library is listed as soon as the form opens (newest first); "Cari" narrows it.
  useEffect(() => {
    void list("");
  }, [ws.agency.code]);
  return (
    <form className="ws-evidence-add" role="search" aria-label={t("evidence.ws.attachFor", { code })} onSubmit={(e) => void search(e)}>
      <div className="search-form">
        <label htmlFor={`${id}-q`}>{t("evidence.ws.searchLibrary")}</label>
        <input id={`${id}-q`} type="search" maxLength={100} value={q} data-testid={`ws-evidence-search-${code}`} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button button-small" disabled={busy} data-testid={`ws-evidence-search-submit-${code}`}>
          {t("evidence.searchSubmit")}
        </button>
      </div>
      <FormError error={error} />
      {found && found.length === 0 && <p className="small muted">{t("evidence.empty")}</p>}
      {found && found.length > 0 && (
        <ul>
          {found.map((e) => (
            <li key={e.id}>
              {e.title} <span className="small muted">({e.fileType.toUpperCase()})</span>{" "}
              {linked.has(e.id) ? (
                <span className="small">{t("evidence.ws.alreadyLinked")}</span>
              ) : (
                <button type="button" className="button button-small button-secondary" data-testid={`ws-evidence-attach-${code}-${e.id}`} onClick={() => void onAttach(e.id)}>
                  {t("evidence.ws.attach")}
                  <span className="visually-hidden">: {e.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/**
 * The evidence of one indicator: linked files with the too-old flag and downloads; for those who
 * may answer, unlink, attach from the library or upload a new file (with progress) and link it.
 */
export function IndicatorEvidence({ code, evidence }: { code: string; evidence: EvidenceSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws, refresh } = useWorkspace();
  const [mode, setMode] = useState<"none" | "attach" | "upload">("none");
  const [error, setError] = useState<unknown>(null);
  const canLink = ws.abilities.answer;
  const agency = ws.agency.code;
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="ws-evidence" aria-label={t("evidence.ws.title", { code })} data-testid={`ws-evidence-${code}`}>
      <h4>{t("evidence.ws.heading", { count: evidence.length })}</h4>
      {evidence.length > 0 && (
        <ul>
          {evidence.map((e) => (
            <li key={e.id} data-testid={`ws-evidence-item-${code}-${e.id}`}>
              <a href={evidenceFileUrl(agency, e.id)} download>
                {e.title}
              </a>{" "}
              <span className="small muted">
                ({(e.documentNumber || e.documentDate) && (
                  <>
                    <DocumentRef evidence={e} />;{" "}
                  </>
                )}
                {e.fileType.toUpperCase()}, {formatFileSize(e.size, lang)})
              </span>{" "}
              <span className="small">
                {t("evidence.fields.reviewDate")}: <ReviewDate evidence={e} testId={`ws-evidence-too-old-${code}-${e.id}`} />
              </span>{" "}
              {e.linkedInStage && e.linkedInStage !== ws.stage && (
                <span className="badge" data-testid={`ws-evidence-stage-${code}-${e.id}`}>
                  {t("evidence.ws.linkedIn", { stage: t(`stages.${e.linkedInStage}`) })}
                </span>
              )}{" "}
              {canLink && (e.linkedInStage ?? ws.stage) === ws.stage && (
                <button type="button" className="button button-small button-secondary" data-testid={`ws-evidence-unlink-${code}-${e.id}`} onClick={() => void run(() => unlinkEvidence(ws.id, code, e.id))}>
                  {t("evidence.ws.unlink")}
                  <span className="visually-hidden">: {e.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={error} testId={`ws-evidence-error-${code}`} />
      {canLink && (
        <div className="button-row">
          <button type="button" className="button button-small button-secondary" aria-expanded={mode === "attach"} data-testid={`ws-evidence-attach-open-${code}`} onClick={() => setMode(mode === "attach" ? "none" : "attach")}>
            {t("evidence.ws.fromLibrary")}
          </button>
          {ws.abilities.uploadEvidence && (
            <button type="button" className="button button-small button-secondary" aria-expanded={mode === "upload"} data-testid={`ws-evidence-upload-open-${code}`} onClick={() => setMode(mode === "upload" ? "none" : "upload")}>
              {t("evidence.ws.uploadNew")}
            </button>
          )}
        </div>
      )}
      {canLink && mode === "attach" && <AttachFromLibrary code={code} linked={new Set(evidence.map((e) => e.id))} onAttach={(id) => run(() => linkEvidence(ws.id, code, id))} />}
      {canLink && mode === "upload" && (
        <UploadForm agency={agency} testPrefix={`ws-upload-${code}`} title={t("evidence.ws.uploadFor", { code })} onUploaded={(r) => run(() => linkEvidence(ws.id, code, r.id))} />
      )}
    </section>
  );
}
