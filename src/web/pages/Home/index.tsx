import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fetchProvinceResults, publicResultsCsvUrl } from "../../api";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { agencyRows, resultYears } from "./results";
import { ResultsTable } from "./ResultsTable";

/** Kemendagri code of Provinsi Jambi, the first province using Pandu. */
const JAMBI = "15";

/** The published results of Jambi for every year the data holds, with the download of the latest. */
function JambiResults() {
  const { t } = useTranslation();
  const state = useApi(`results-${JAMBI}`, (signal) => fetchProvinceResults(JAMBI, signal));
  const years = useMemo(() => (state.status === "ok" ? resultYears(state.data.results) : []), [state]);
  const latest = years.at(-1);
  const rows = useMemo(() => (state.status === "ok" && latest !== undefined ? agencyRows(state.data.results, latest) : []), [state, latest]);
  const familyOf = useMemo(() => {
    const families = new Map(state.status === "ok" ? state.data.instruments.map((i) => [i.instrument, i.family]) : []);
    return (instrument: string) => families.get(instrument) ?? instrument;
  }, [state]);
  return (
    <>
      <div className="section-head">
        <h2 id="results-title">{t("home.resultsTitle")}</h2>
        {latest !== undefined && (
          <a className="button button-secondary" href={publicResultsCsvUrl(latest)} download>
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t("home.download", { year: latest })}
          </a>
        )}
      </div>
      <p>{t("home.resultsIntro")}</p>
      {/* Above the table that loads afterwards, so the link does not move away under a finger or a click. */}
      <p className="portal-home-link">
        <Link to="/publik" data-testid="home-portal-link">
          {t("portal.homeLink")}
        </Link>
      </p>
      {state.status === "loading" ? (
        <Loading label={t("home.loading")} />
      ) : state.status === "error" ? (
        <ErrorMessage error={state.error} retry={state.retry} />
      ) : !rows.length ? (
        <p>{t("home.empty")}</p>
      ) : (
        <>
          <ResultsTable rows={rows} years={years} familyOf={familyOf} />
          <p className="table-note">{t("home.missingNote")}</p>
        </>
      )}
    </>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(null);
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p>{t("home.intro")}</p>
        <p>
          <Link to="/instrumen" className="button">
            {t("home.ctaInstruments")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="results-title" className="section">
        <JambiResults />
      </section>
    </>
  );
}
