import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { auditCsvUrl, auditQuery, fetchAudit, type AuditFilters } from "../../adminApi";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { AuditFilterForm } from "./AuditFilterForm";
import { AuditTable } from "./AuditTable";

function AuditView() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<AuditFilters>(
    () => ({ agency: params.get("agency") ?? "", actor: params.get("actor") ?? "", action: params.get("action") ?? "", from: params.get("from") ?? "", to: params.get("to") ?? "" }),
    [params],
  );
  const query = auditQuery(filters);
  const state = useApi(`audit?${query}`, (signal) => fetchAudit(filters, signal));
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <AuditFilterForm key={query} value={filters} onApply={(f) => setParams(new URLSearchParams(auditQuery(f)))} />
      <div className="section-head section">
        <h2>{t("audit.results")}</h2>
        <a className="button button-secondary" href={auditCsvUrl(filters)} download data-testid="audit-csv">
          {t("audit.csv")}
        </a>
      </div>
      {state.status === "loading" && <Loading label={t("audit.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (state.data.length ? <AuditTable events={state.data} /> : <p data-testid="audit-empty">{t("audit.empty")}</p>)}
    </>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t("audit.title"));
  return (
    <RequireSession ability="readAudit">
      <AuditView />
    </RequireSession>
  );
}
