import { lazy, Suspense, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "./components/Status";

/** The "loading…" sentence a lazy page shows while it is fetched. */
type LoadingKey = "app.loading" | "instrument.loading" | "ws.loading" | "planning.loading" | "cockpit.loading" | "national.loading" | "notifications.loading" | "portal.loading" | "services.loading" | "skm.loading" | "applications.loading";

/**
 * A route whose page is fetched when first opened: the entry bundle carries only the frame, the home
 * page and the not-found page (the JavaScript budget of `/` and `/publik`, test/web/bundle-budget.test.ts);
 * the workspace and calculator carry the scoring core, the dashboards ECharts.
 */
export function lazyRoute(load: () => Promise<ComponentType>, loadingKey: LoadingKey = "app.loading") {
  const Page = lazy(async () => ({ default: await load() }));
  function LazyPage() {
    const { t } = useTranslation();
    return (
      <Suspense fallback={<Loading label={t(loadingKey)} />}>
        <Page />
      </Suspense>
    );
  }
  return <LazyPage />;
}

