import type { RouteObject } from "react-router";
import { lazyRoute } from "../../lazyRoute";

// The portal's pages load when opened; their charts (ECharts) load after them, see components/Chart.
const portal = () => import("./index");

/** The public portal's route group under /publik (no session needed). */
export const publicPortalRoutes: RouteObject[] = [
  { path: "publik", element: lazyRoute(() => portal().then((m) => m.PublicResultsPage), "portal.loading") },
  { path: "publik/instansi/:code", element: lazyRoute(() => portal().then((m) => m.PublicAgencyPage), "portal.loading") },
  { path: "publik/provinsi/:code", element: lazyRoute(() => portal().then((m) => m.PublicProvincePage), "portal.loading") },
];
