import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { fetchInstrument, ApiError } from "../../api";
import { fetchWorkspace } from "../../assessmentApi";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { WorkspaceView } from "./WorkspaceView";

function WorkspaceLoader({ id }: { id: number }) {
  const { t } = useTranslation();
  const state = useApi(`workspace-${id}`, async (signal) => {
    const ws = await fetchWorkspace(id, signal);
    return { ws, instrument: await fetchInstrument(ws.period.instrument, signal) };
  });
  usePageTitle(state.status === "ok" ? `${state.data.ws.agency.name} · ${state.data.ws.period.name}` : t("assess.title"));
  if (state.status === "loading") return <Loading label={t("ws.loading")} />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.code === "not_found";
    return (
      <section className="page-narrow">
        <p className="breadcrumb">
          <Link to="/penilaian">← {t("ws.back")}</Link>
        </p>
        {missing ? <h1>{t("ws.notFound")}</h1> : <ErrorMessage error={state.error} retry={state.retry} />}
      </section>
    );
  }
  return <WorkspaceView key={state.data.ws.id} initial={state.data.ws} instrument={state.data.instrument} />;
}

/** `/penilaian/:id`: one agency's assessment in a period. */
export function WorkspacePage() {
  const { id = "" } = useParams();
  const n = Number(id);
  return (
    <RequireSession>
      <WorkspaceLoader id={Number.isInteger(n) && n > 0 ? n : 0} />
    </RequireSession>
  );
}
