import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchTokens, revokeToken, type ApiToken } from "../../accountsApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, FormError, Loading } from "../../components/Status";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { CreateToken } from "./CreateToken";

function tokenState(token: ApiToken, now: number): "revoked" | "expired" | "active" {
  if (token.revoked) return "revoked";
  return Date.parse(token.expiresAt) <= now ? "expired" : "active";
}

function TokenTable({ tokens, onRevoked }: { tokens: ApiToken[]; onRevoked(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<unknown>(null);
  const now = Date.now();
  if (!tokens.length) return <p data-testid="tokens-empty">{t("tokens.empty")}</p>;
  const revoke = async (token: ApiToken) => {
    setError(null);
    try {
      await revokeToken(token.id);
      onRevoked();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <FormError error={error} />
      <div className="table-scroll">
        <table className="data-table" data-testid="tokens-table">
          <caption>{t("tokens.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.scope")}</th>
              <th scope="col">{t("tokens.created")}</th>
              <th scope="col">{t("tokens.expires")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("tokens.state")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("common.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => {
              const state = tokenState(tk, now);
              return (
                <tr key={tk.id}>
                  <th scope="row">{tk.name}</th>
                  <td>{tk.scope === "write" ? t("tokens.scopeWrite") : t("tokens.scopeRead")}</td>
                  <td>{formatDateTime(tk.createdAt, lang)}</td>
                  <td>{formatDateTime(tk.expiresAt, lang)}</td>
                  <td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, lang) : t("tokens.never")}</td>
                  <td>
                    <span className={`badge badge-token-${state}`}>{t(`tokens.${state}`)}</span>
                  </td>
                  <td>
                    {state === "active" && (
                      <ConfirmButton label={t("tokens.revoke")} question={t("tokens.revokeQuestion", { name: tk.name })} testId={`revoke-${tk.id}`} onConfirm={() => revoke(tk)} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TokensView() {
  const { t } = useTranslation();
  const state = useApi("tokens", fetchTokens);
  return (
    <>
      <h1>{t("tokens.title")}</h1>
      <p className="lead">{t("tokens.intro")}</p>
      {state.status === "loading" && <Loading label={t("tokens.loading")} />}
      {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && <TokenTable tokens={state.data} onRevoked={state.reload} />}
      <CreateToken onCreated={state.reload} />
    </>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  usePageTitle(t("tokens.title"));
  return (
    <RequireSession ability="manageTokens">
      <TokensView />
    </RequireSession>
  );
}
