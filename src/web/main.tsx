import "./i18n";
import "./styles.css";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { App } from "./App";
import { Loading } from "./components/Status";
import { HomePage } from "./pages/Home";
import { publicPortalRoutes } from "./pages/Public/routes";
import { InstrumentsPage } from "./pages/Instruments";
import { AssessmentsPage } from "./pages/Assessments";
import { AuditPage } from "./pages/Audit";
import { EvidencePage } from "./pages/Evidence";
import { LoginPage } from "./pages/Login";
import { ForgotPasswordPage } from "./pages/ForgotPassword";
import { TasksPage } from "./pages/Tasks";
import { NotFoundPage } from "./pages/NotFound";
import { NotificationsPage } from "./pages/Notifications";
import { ProfilePage } from "./pages/Profile";
import { SetPasswordPage } from "./pages/SetPassword";
import { TokensPage } from "./pages/Tokens";
import { UsersPage } from "./pages/Users";
import { SessionProvider } from "./session";

// The detail page carries the scoring core (and zod); load it only when an instrument is opened.
const InstrumentDetailPage = lazy(() => import("./pages/InstrumentDetail").then((m) => ({ default: m.InstrumentDetailPage })));

// The workspace reuses the instrument tree and the core as well.
const WorkspacePage = lazy(() => import("./pages/Workspace").then((m) => ({ default: m.WorkspacePage })));

// The dashboards carry ECharts; load them only when opened.
const CockpitPage = lazy(() => import("./pages/Cockpit").then((m) => ({ default: m.CockpitPage })));
const NationalPage = lazy(() => import("./pages/National").then((m) => ({ default: m.NationalPage })));

function DashboardRoute({ page }: { page: "cockpit" | "national" }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Loading label={t(`${page}.loading`)} />}>{page === "cockpit" ? <CockpitPage /> : <NationalPage />}</Suspense>;
}

// Improvement planning: the plan page carries the core (what-if, roadmap), the board ECharts.
const PlanPage = lazy(() => import("./pages/Plan").then((m) => ({ default: m.PlanPage })));
const RecommendationsPage = lazy(() => import("./pages/Recommendations").then((m) => ({ default: m.RecommendationsPage })));
const PilotingBoardPage = lazy(() => import("./pages/PilotingBoard").then((m) => ({ default: m.PilotingBoardPage })));

function PlanningRoute({ page }: { page: "plan" | "recommendations" | "board" }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t("planning.loading")} />}>
      {page === "plan" ? <PlanPage /> : page === "recommendations" ? <RecommendationsPage /> : <PilotingBoardPage />}
    </Suspense>
  );
}

function WorkspaceRoute() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t("ws.loading")} />}>
      <WorkspacePage />
    </Suspense>
  );
}

function InstrumentDetailRoute() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t("instrument.loading")} />}>
      <InstrumentDetailPage />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    path: "/",
    element: <App />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "instrumen", element: <InstrumentsPage /> },
      { path: "instrumen/:id", element: <InstrumentDetailRoute /> },
      { path: "penilaian", element: <AssessmentsPage /> },
      { path: "penilaian/:id", element: <WorkspaceRoute /> },
      { path: "penilaian/:id/rencana", element: <PlanningRoute page="plan" /> },
      { path: "rekomendasi/:code", element: <PlanningRoute page="recommendations" /> },
      { path: "papan-piloting", element: <PlanningRoute page="board" /> },
      { path: "papan-piloting/:code", element: <PlanningRoute page="board" /> },
      { path: "masuk", element: <LoginPage /> },
      { path: "lupa-sandi", element: <ForgotPasswordPage /> },
      { path: "beranda", element: <TasksPage /> },
      { path: "profil", element: <ProfilePage /> },
      { path: "token", element: <TokensPage /> },
      { path: "pengguna", element: <UsersPage /> },
      { path: "audit", element: <AuditPage /> },
      { path: "kokpit", element: <DashboardRoute page="cockpit" /> },
      { path: "nasional", element: <DashboardRoute page="national" /> },
      { path: "bukti", element: <EvidencePage /> },
      { path: "notifikasi", element: <NotificationsPage /> },
      ...publicPortalRoutes,
      { path: "atur-sandi/:token", element: <SetPasswordPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
createRoot(container).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
