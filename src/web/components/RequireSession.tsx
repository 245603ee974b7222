import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import type { Abilities } from "../accountsApi";
import { useSession } from "../session";
import { usePageTitle } from "../usePageTitle";
import { Loading } from "./Status";

function NotAllowed() {
  const { t } = useTranslation();
  usePageTitle(t("access.title"));
  return (
    <section className="page-narrow">
      <h1>{t("access.title")}</h1>
      <p>{t("access.text")}</p>
    </section>
  );
}

/**
 * Shows its children only to a signed-in user (with `ability`, when given). Anyone else is sent to
 * the sign-in page, which brings them back here afterwards.
 */
export function RequireSession({ children, ability }: { children: ReactNode; ability?: keyof Abilities }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const { pathname, search } = useLocation();
  if (state.status === "unknown") return <Loading label={t("app.loading")} />;
  if (state.status === "signedOut") return <Navigate to={`/masuk?next=${encodeURIComponent(pathname + search)}`} replace />;
  if (ability && !state.me.abilities[ability]) return <NotAllowed />;
  return <>{children}</>;
}
