import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { api, type ApiResponse } from "../../apiTypes";
import { errorText } from "../../errorText";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { usePageTitle } from "../../usePageTitle";

type Tracked = ApiResponse<"trackApplication">;

/**
 * Tracking an application without signing in (`/lacak`): the tracking number and the check value
 * given at submission answer the status and deadlines only, never personal data.
 */
export function TrackApplicationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t("track.title"));
  const [number, setNumber] = useState("");
  const [check, setCheck] = useState("");
  const [result, setResult] = useState<{ status: "idle" } | { status: "busy" } | { status: "found"; data: Tracked } | { status: "error"; message: string }>({ status: "idle" });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult({ status: "busy" });
    try {
      const data = await api("post", "/api/public/applications/track", { body: { trackingNumber: number, check, website: "" } });
      setResult({ status: "found", data });
    } catch (err) {
      setResult({ status: "error", message: err instanceof ApiError && err.status === 404 ? t("track.notFound") : errorText(t, err) });
    }
  };
  return (
    <section className="page-narrow" data-testid="track-page">
      <h1>{t("track.title")}</h1>
      <p>{t("track.intro")}</p>
      <form className="card" onSubmit={(e) => void submit(e)} aria-label={t("track.title")}>
        <label>
          {t("track.number")}
          <input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={40} autoComplete="off" data-testid="track-number" />
        </label>
        <label>
          {t("track.check")}
          <input value={check} onChange={(e) => setCheck(e.target.value)} required maxLength={40} autoComplete="off" data-testid="track-check" />
        </label>
        <button type="submit" disabled={result.status === "busy"}>
          {t("track.submit")}
        </button>
      </form>
      <div aria-live="polite">
        {result.status === "error" && <p className="status-error">{result.message}</p>}
        {result.status === "found" && (
          <dl className="facts" data-testid="track-result">
            <dt>{t("track.service")}</dt>
            <dd>{result.data.service}</dd>
            <dt>{t("track.agency")}</dt>
            <dd>{result.data.agency}</dd>
            <dt>{t("track.state")}</dt>
            <dd data-testid="track-state">{t(`track.states.${result.data.state}`, { defaultValue: result.data.state })}</dd>
            {result.data.stateDeadline && !result.data.terminal && (
              <>
                <dt>{t("track.deadline")}</dt>
                <dd>{formatDate(result.data.stateDeadline, lang)}</dd>
              </>
            )}
            {result.data.caseDeadline && !result.data.terminal && (
              <>
                <dt>{t("track.caseDeadline")}</dt>
                <dd>{formatDate(result.data.caseDeadline, lang)}</dd>
              </>
            )}
          </dl>
        )}
      </div>
    </section>
  );
}
