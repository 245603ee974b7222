import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../../api";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { fetchRecommendations, fetchUnits } from "../../planningApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { NewRecommendationForm } from "./NewRecommendationForm";
import { RecommendationCard } from "./RecommendationCard";

function RecommendationsLoader({ code }: { code: string }) {
  const { t } = useTranslation();
  const state = useApi(`recommendations-${code}`, async (signal) => {
    const list = await fetchRecommendations(code, signal);
    const units = list.abilities.manageActions ? await fetchUnits(code, signal).catch(() => []) : [];
    return { list, units };
  });
  usePageTitle(state.status === "ok" ? `${t("planning.recs.title")} · ${state.data.list.agency.name}` : t("planning.recs.title"));
  if (state.status === "loading") return <Loading label={t("planning.recs.loading")} />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.code === "not_found";
    return <section className="page-narrow">{missing ? <h1>{t("planning.recs.notFound")}</h1> : <ErrorMessage error={state.error} retry={state.retry} />}</section>;
  }
  const { list, units } = state.data;
  return (
    <div className="recs-page">
      <header className="instrument-header">
        <p className="breadcrumb">
          <Link to="/penilaian">← {t("planning.recs.back")}</Link>
        </p>
        <h1>
          {t("planning.recs.title")}: {list.agency.name}
        </h1>
        <p className="muted">{t("planning.recs.intro")}</p>
      </header>
      {list.abilities.writeRecommendations.length > 0 && <NewRecommendationForm code={code} sources={list.abilities.writeRecommendations} units={units} manageActions={list.abilities.manageActions} onCreated={state.reload} />}
      <section aria-labelledby="recs-list-title" className="section">
        <h2 id="recs-list-title">{t("planning.recs.listTitle", { count: list.recommendations.length })}</h2>
        {list.recommendations.length === 0 && <p className="muted">{t("planning.recs.none")}</p>}
        <ol className="card-list rec-list" data-testid="recs-list">
          {list.recommendations.map((r) => (
            <li key={r.id}>
              <RecommendationCard rec={r} agencyCode={code} units={units} manageActions={list.abilities.manageActions} onChange={state.reload} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** `/rekomendasi/:code`: an agency's recommendations with their actions, comments and progress evidence. */
export function RecommendationsPage() {
  const { code = "" } = useParams();
  return (
    <RequireSession>
      <RecommendationsLoader code={code.toUpperCase()} />
    </RequireSession>
  );
}
