import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { fetchInstruments, type InstrumentSummary } from "../../api";
import { InstrumentStatusBadge } from "../../components/Badges";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";

function InstrumentCard({ instrument: i }: { instrument: InstrumentSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = `instrument-${i.id}`;
  return (
    <li>
      <article className="card instrument-card" aria-labelledby={headingId}>
        <div className="card-head">
          <h2 id={headingId}>
            <Link to={`/instrumen/${encodeURIComponent(i.id)}`}>{i.name}</Link>
          </h2>
          <InstrumentStatusBadge status={i.status} />
          {i.version !== null && (
            <span className="badge" data-testid="instrument-uploaded-badge">
              {t("instruments.uploadedBadge", { version: i.version })}
            </span>
          )}
        </div>
        <dl className="facts">
          {i.legalBasis && (
            <div>
              <dt>{t("instruments.legalBasis")}</dt>
              <dd>{i.legalBasis}</dd>
            </div>
          )}
          {i.effectiveFrom && (
            <div>
              <dt>{t("instruments.effectiveFrom")}</dt>
              <dd>{formatDate(i.effectiveFrom, lang)}</dd>
            </div>
          )}
          <div>
            <dt>{t("instruments.indicatorCount")}</dt>
            <dd>{t("instruments.indicators", { count: i.indicatorCount })}</dd>
          </div>
          <div>
            <dt>{t("instruments.levelRange")}</dt>
            <dd>{t("instruments.levels", { min: i.levels.min, max: i.levels.max })}</dd>
          </div>
        </dl>
      </article>
    </li>
  );
}

/** Newest instrument first: by effective date, then name. */
const byEffectiveDesc = (a: InstrumentSummary, b: InstrumentSummary) => (b.effectiveFrom ?? "").localeCompare(a.effectiveFrom ?? "") || a.name.localeCompare(b.name);

export function InstrumentsPage() {
  const { t } = useTranslation();
  usePageTitle(t("instruments.title"));
  const state = useApi("instruments", fetchInstruments);
  const { me } = useSession();
  return (
    <>
      <h1>{t("instruments.title")}</h1>
      <p className="lead">{t("instruments.intro")}</p>
      {me?.abilities.uploadInstruments && (
        <p>
          <Link to="/instrumen/unggah" className="button button-secondary" data-testid="instrument-upload-link">
            {t("instrumentUpload.title")}
          </Link>
        </p>
      )}
      {state.status === "loading" && <Loading label={t("instruments.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" &&
        (state.data.length ? (
          <ul className="card-list">
            {[...state.data].sort(byEffectiveDesc).map((i) => (
              <InstrumentCard key={i.id} instrument={i} />
            ))}
          </ul>
        ) : (
          <p>{t("instruments.empty")}</p>
        ))}
    </>
  );
}
