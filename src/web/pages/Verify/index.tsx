import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../api";
import { api, type ApiResponse } from "../../apiTypes";
import { Loading } from "../../components/Status";
import { formatDate, formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadFailure } from "../NotFound";

type VerifiedDocument = ApiResponse<"verifyIssuedDocument">;
type Comparison = { status: "idle" } | { status: "hashing"; name: string } | { status: "done"; name: string; sha256: string } | { status: "failed"; name: string };

/** The SHA-256 of a file as lower-case hex, computed in the browser (the file never leaves it). */
async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The public verification of an issued document (`/verifikasi/<id>`, the address its QR code
 * holds): what Pandu registered when it issued the document — title, agency, date, number and the
 * SHA-256 of the file — and a check of a downloaded copy against that hash, in the browser.
 */
export function VerifyDocumentPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = "" } = useParams();
  const state = useApi(`verify:${id}`, (signal) => api("get", "/api/public/verify/{id}", { path: { id }, signal }));
  usePageTitle(t("verify.title"));
  if (state.status === "loading") return <Loading label={t("verify.loading")} />;
  if (state.status === "error") {
    // An id Pandu never issued (mistyped, or a forged copy): say so plainly, it is the answer the reader came for.
    if (state.error instanceof ApiError && state.error.status === 404) {
      return (
        <section className="page-narrow" data-testid="verify-not-found">
          <h1>{t("verify.title")}</h1>
          <p className="status-error">{t("verify.notFound")}</p>
        </section>
      );
    }
    return <LoadFailure error={state.error} retry={state.retry} />;
  }
  const doc = state.data;
  return (
    <section className="page-narrow" data-testid="verify-document">
      <h1>{t("verify.title")}</h1>
      <p className="status-success" data-testid="verify-registered">
        {t("verify.registered")}
      </p>
      <dl className="facts">
        <dt>{t("verify.documentTitle")}</dt>
        <dd data-testid="verify-title">{doc.title}</dd>
        <dt>{t("verify.agency")}</dt>
        <dd>
          {doc.agency.name} ({doc.agency.code})
        </dd>
        <dt>{t("verify.number")}</dt>
        <dd data-testid="verify-number">{doc.number}</dd>
        <dt>{t("verify.documentDate")}</dt>
        <dd>{formatDate(doc.documentDate, lang)}</dd>
        <dt>{t("verify.issuedAt")}</dt>
        <dd>{formatDateTime(doc.issuedAt, lang, "Asia/Jakarta")}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code data-testid="verify-sha256" className="hash">
            {doc.sha256}
          </code>
        </dd>
      </dl>
      <CompareFile doc={doc} />
    </section>
  );
}

/** Drop or choose the PDF to compare its SHA-256 with the registered one. */
function CompareFile({ doc }: { doc: VerifiedDocument }) {
  const { t } = useTranslation();
  const [comparison, setComparison] = useState<Comparison>({ status: "idle" });
  const [over, setOver] = useState(false);
  const check = (file: File | undefined) => {
    if (!file) return;
    setComparison({ status: "hashing", name: file.name });
    sha256Hex(file).then(
      (sha256) => setComparison({ status: "done", name: file.name, sha256 }),
      () => setComparison({ status: "failed", name: file.name }),
    );
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    check(e.dataTransfer.files[0]);
  };
  return (
    <div>
      <h2>{t("verify.compareTitle")}</h2>
      <p>{t("verify.compareIntro")}</p>
      <div
        className={`drop-zone${over ? " drop-zone-over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label htmlFor="verify-file">{t("verify.chooseFile")}</label>{" "}
        <input id="verify-file" type="file" accept="application/pdf,.pdf" data-testid="verify-file" onChange={(e) => check(e.target.files?.[0])} />
      </div>
      <div aria-live="polite" data-testid="verify-result">
        {comparison.status === "hashing" && <p>{t("verify.hashing", { name: comparison.name })}</p>}
        {comparison.status === "failed" && <p className="status-error">{t("verify.hashFailed", { name: comparison.name })}</p>}
        {comparison.status === "done" &&
          (comparison.sha256 === doc.sha256 ? (
            <p className="status-success" data-testid="verify-match">
              {t("verify.match", { name: comparison.name })}
            </p>
          ) : (
            <div className="status-error" data-testid="verify-mismatch">
              <p>{t("verify.mismatch", { name: comparison.name })}</p>
              <p>
                SHA-256: <code className="hash">{comparison.sha256}</code>
              </p>
            </div>
          ))}
      </div>
    </div>
  );
}
