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
import { InstrumentsPage } from "./pages/Instruments";
import { AssessmentsPage } from "./pages/Assessments";
import { AuditPage } from "./pages/Audit";
import { LoginPage } from "./pages/Login";
import { NotFoundPage } from "./pages/NotFound";
import { ProfilePage } from "./pages/Profile";
import { SetPasswordPage } from "./pages/SetPassword";
import { TokensPage } from "./pages/Tokens";
import { UsersPage } from "./pages/Users";
import { SessionProvider } from "./session";

// The detail page carries the scoring core (and zod); load it only when an instrument is opened.
const InstrumentDetailPage = lazy(() => import("./pages/InstrumentDetail").then((m) => ({ default: m.InstrumentDetailPage })));

// The workspace reuses the instrument tree and the core as well.
const WorkspacePage = lazy(() => import("./pages/Workspace").then((m) => ({ default: m.WorkspacePage })));

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
      { path: "masuk", element: <LoginPage /> },
      { path: "profil", element: <ProfilePage /> },
      { path: "token", element: <TokensPage /> },
      { path: "pengguna", element: <UsersPage /> },
      { path: "audit", element: <AuditPage /> },
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
