import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, fetchInstrument } from "../../api";
import { PredicateBadge } from "../../components/Badges";
import { PrintButton } from "../../components/PrintButton";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { fetchAnalysis } from "../../planningApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { AspectFulfilment, StrengthsWeaknesses } from "./AspectFulfilment";
import { GeneralRecommendation } from "./GeneralRecommendation";
import { RoadmapPanel } from "./RoadmapPanel";
import { WhatIfPanel } from "./WhatIfPanel";

function PlanLoader({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApi(`plan-${id}-${lang}`, async (signal) => {
    const analysis = await fetchAnalysis(id, lang, signal);
    return { analysis, instrument: await fetchInstrument(analysis.period.instrument, signal) };
  });
  usePageTitle(state.status === "ok" ? `${t("planning.title")} · ${state.data.analysis.agency.name}` : t("planning.title"));
  const back = (
    <p className="breadcrumb">
      <Link to={`/penilaian/${id}`}>← {t("planning.backToWorkspace")}</Link>
    </p>
  );
  if (state.status === "loading") return <Loading label={t("planning.loading")} />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.code === "not_found";
    return (
      <section className="page-narrow">
        {back}
        {missing ? <h1>{t("planning.notFound")}</h1> : <ErrorMessage error={state.error} retry={state.retry} />}
      </section>
    );
  }
  const { analysis: a, instrument } = state.data;
  return (
    <div className="plan-page">
      <header className="instrument-header">
        {back}
        <h1>
          {t("planning.title")}: {a.agency.name}
        </h1>
        <dl className="facts">
          <div>
            <dt>{t("planning.period")}</dt>
            <dd>
              {a.period.name} · {a.period.year}
            </dd>
          </div>
          <div>
            <dt>{t("planning.index")}</dt>
            <dd data-testid="plan-index">{formatIndex(a.analysis.indexHundredths / 100, lang)}</dd>
          </div>
          <div>
            <dt>{t("planning.predicate")}</dt>
            <dd>
              <PredicateBadge name={a.analysis.predicate} />
            </dd>
          </div>
          <div>
            <dt>{t("planning.levelSource")}</dt>
            <dd>{a.levelSource === "result" ? t("planning.fromResult") : t("planning.fromStage")}</dd>
          </div>
        </dl>
        {a.missing.length > 0 && <p className="note note-warning small">{t("planning.missing", { count: a.missing.length })}</p>}
        <p className="button-row">
          <Link to={`/rekomendasi/${encodeURIComponent(a.agency.code)}`} data-testid="plan-to-actions">
            {t("planning.toRecommendations")}
          </Link>
          <PrintButton testId="plan-print" />
        </p>
      </header>
      <AspectFulfilment analysis={a} />
      <StrengthsWeaknesses analysis={a} />
      <GeneralRecommendation analysis={a} />
      <WhatIfPanel analysis={a} instrument={instrument} />
      <RoadmapPanel analysis={a} instrument={instrument} />
    </div>
  );
}

/** `/penilaian/:id/rencana`: analysis, general recommendation, what-if and roadmap of one assessment. */
export function PlanPage() {
  const { id = "" } = useParams();
  const n = Number(id);
  return (
    <RequireSession>
      <PlanLoader id={Number.isInteger(n) && n > 0 ? n : 0} />
    </RequireSession>
  );
}
