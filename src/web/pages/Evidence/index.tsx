import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { AgencyPicker, looksLikeAgencyCode } from "../../components/AgencyPicker";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { fetchEvidenceList } from "../../evidenceApi";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { EvidenceDetailPanel } from "./EvidenceDetailPanel";
import { EvidenceTable } from "./EvidenceTable";
import { UploadForm } from "./UploadForm";

const PAGE = 50;

/** One agency's library: search, the table, the upload form when allowed, and the selected evidence. */
function Library({ agency }: { agency: string }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const state = useApi(`evidence-list-${agency}-${q}-${offset}`, (signal) => fetchEvidenceList(agency, { q, limit: PAGE, offset }, signal));
  const search = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setQ(draft.trim());
  };
  const canUpload = state.status === "ok" && state.data.abilities.upload;
  return (
    <>
      <form className="search-form" role="search" onSubmit={search}>
        <label htmlFor={searchId}>{t("evidence.search")}</label>
        <input id={searchId} type="search" value={draft} maxLength={100} placeholder={t("evidence.searchPlaceholder")} data-testid="evidence-search" onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button button-small">
          {t("evidence.searchSubmit")}
        </button>
      </form>
      {state.status === "loading" && <Loading label={t("evidence.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <p className="small" data-testid="evidence-total" aria-live="polite">
            {q ? t("evidence.foundFor", { count: state.data.total, q }) : t("evidence.total", { count: state.data.total })}
          </p>
          {!canUpload && (
            <p className="note" data-testid="evidence-read-only">
              {t("evidence.readOnly")}
            </p>
          )}
          {state.data.evidence.length > 0 ? <EvidenceTable agency={agency} rows={state.data.evidence} selected={selected} onOpen={setSelected} /> : <p className="note">{t("evidence.empty")}</p>}
          {state.data.total > PAGE && (
            <div className="button-row">
              <button type="button" className="button button-small button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t("evidence.previous")}
              </button>
              <button type="button" className="button button-small button-secondary" disabled={offset + PAGE >= state.data.total} onClick={() => setOffset(offset + PAGE)}>
                {t("evidence.next")}
              </button>
            </div>
          )}
        </>
      )}
      {selected !== null && <EvidenceDetailPanel key={selected} agency={agency} id={selected} canUpload={canUpload} onChanged={state.reload} onClose={() => setSelected(null)} />}
      {canUpload && (
        <UploadForm
          agency={agency}
          onUploaded={(r) => {
            state.reload();
            setSelected(r.id);
          }}
        />
      )}
    </>
  );
}

/**
 * For readers of other agencies' libraries (administrators, Tim Reviu, a Koordinator Provinsi):
 * any agency by code or name, kept in the address (`?instansi=`) so the view can be linked. The
 * server still answers 404 for an agency outside the reader's reach.
 */
function OtherAgencyLibrary({ fallback }: { fallback: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = (params.get("instansi") ?? fallback).toUpperCase();
  const [draft, setDraft] = useState(chosen);
  const open = (e: FormEvent) => {
    e.preventDefault();
    const code = draft.trim().toUpperCase();
    if (looksLikeAgencyCode(code)) setParams({ instansi: code });
  };
  return (
    <>
      <form className="evidence-agency-form" onSubmit={open}>
        <AgencyPicker label={t("evidence.pickAgency")} hint={t("evidence.pickHint")} value={draft} onChange={setDraft} testId="evidence-agency" required />
        <button type="submit" className="button button-small" data-testid="evidence-agency-open">
          {t("evidence.openLibrary")}
        </button>
      </form>
      {chosen && looksLikeAgencyCode(chosen) && <Library key={chosen} agency={chosen} />}
    </>
  );
}

/** Chooses the agency (the agencies of the reader's roles, or any for those who read others) and shows its library. */
function EvidenceLibrary() {
  const { t } = useTranslation();
  const { me } = useSession();
  const pickId = useId();
  const agencies = [...new Map((me?.roles ?? []).flatMap((r) => (r.agency ? [[r.agency.code, r.agency] as const] : []))).values()];
  const [agency, setAgency] = useState(agencies[0]?.code ?? "");
  usePageTitle(t("evidence.title"));
  if (me?.abilities.evidenceOtherAgencies) {
    return (
      <section className="evidence-page">
        <h1>{t("evidence.title")}</h1>
        <p className="lead">{t("evidence.intro")}</p>
        <OtherAgencyLibrary fallback={agencies[0]?.code ?? ""} />
      </section>
    );
  }
  return (
    <section className="evidence-page">
      <h1>{t("evidence.title")}</h1>
      <p className="lead">{t("evidence.intro")}</p>
      {agencies.length === 0 && <p className="note">{t("evidence.noAgency")}</p>}
      {agencies.length > 1 && (
        <div className="field">
          <label htmlFor={pickId}>{t("evidence.agency")}</label>
          <select id={pickId} value={agency} onChange={(e) => setAgency(e.target.value)}>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </div>
      )}
      {agencies.length === 1 && <p className="small muted">{agencies[0]!.name}</p>}
      {agency && <Library key={agency} agency={agency} />}
    </section>
  );
}

/** `/bukti`: the agency's evidence library (bukti dukung). */
export function EvidencePage() {
  return (
    <RequireSession>
      <EvidenceLibrary />
    </RequireSession>
  );
}
