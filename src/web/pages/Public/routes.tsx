import { lazy, Suspense, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import type { RouteObject } from "react-router";
import { Loading } from "../../components/Status";

// The portal carries ECharts; load it only when a portal page is opened.
const portal = () => import("./index");
const ResultsPage = lazy(() => portal().then((m) => ({ default: m.PublicResultsPage })));
const AgencyPage = lazy(() => portal().then((m) => ({ default: m.PublicAgencyPage })));
const ProvincePage = lazy(() => portal().then((m) => ({ default: m.PublicProvincePage })));

function Lazy({ page: Page }: { page: ComponentType }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t("portal.loading")} />}>
      <Page />
    </Suspense>
  );
}

/** The public portal's route group under /publik (no session needed). */
export const publicPortalRoutes: RouteObject[] = [
  { path: "publik", element: <Lazy page={ResultsPage} /> },
  { path: "publik/instansi/:code", element: <Lazy page={AgencyPage} /> },
  { path: "publik/provinsi/:code", element: <Lazy page={ProvincePage} /> },
];
