import "./i18n";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { App } from "./App";
import { lazyRoute } from "./lazyRoute";
import { HomePage } from "./pages/Home";
import { publicPortalRoutes } from "./pages/Public/routes";
import { NotFoundPage } from "./pages/NotFound";
import { SessionProvider } from "./session";
import { CitizenProvider } from "./citizen";

const recommendationsRoute = lazyRoute(() => import("./pages/Recommendations").then((m) => m.RecommendationsPage), "planning.loading");
const pilotingBoardRoute = lazyRoute(() => import("./pages/PilotingBoard").then((m) => m.PilotingBoardPage), "planning.loading");

const router = createBrowserRouter([
  {
    path: "/",
    element: <App />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "instrumen", element: lazyRoute(() => import("./pages/Instruments").then((m) => m.InstrumentsPage), "instrument.loading") },
      { path: "instrumen/unggah", element: lazyRoute(() => import("./pages/InstrumentUpload").then((m) => m.InstrumentUploadPage), "instrument.loading") },
      { path: "instrumen/:id", element: lazyRoute(() => import("./pages/InstrumentDetail").then((m) => m.InstrumentDetailPage), "instrument.loading") },
      { path: "penilaian", element: lazyRoute(() => import("./pages/Assessments").then((m) => m.AssessmentsPage)) },
      { path: "penilaian/:id", element: lazyRoute(() => import("./pages/Workspace").then((m) => m.WorkspacePage), "ws.loading") },
      { path: "penilaian/:id/rencana", element: lazyRoute(() => import("./pages/Plan").then((m) => m.PlanPage), "planning.loading") },
      { path: "rekomendasi/:code", element: recommendationsRoute },
      { path: "papan-piloting", element: pilotingBoardRoute },
      { path: "papan-piloting/:code", element: pilotingBoardRoute },
      { path: "masuk", element: lazyRoute(() => import("./pages/Login").then((m) => m.LoginPage)) },
      { path: "lupa-sandi", element: lazyRoute(() => import("./pages/ForgotPassword").then((m) => m.ForgotPasswordPage)) },
      { path: "beranda", element: lazyRoute(() => import("./pages/Tasks").then((m) => m.TasksPage)) },
      { path: "profil", element: lazyRoute(() => import("./pages/Profile").then((m) => m.ProfilePage)) },
      { path: "token", element: lazyRoute(() => import("./pages/Tokens").then((m) => m.TokensPage)) },
      { path: "pengguna", element: lazyRoute(() => import("./pages/Users").then((m) => m.UsersPage)) },
      { path: "audit", element: lazyRoute(() => import("./pages/Audit").then((m) => m.AuditPage)) },
      { path: "kokpit", element: lazyRoute(() => import("./pages/Cockpit").then((m) => m.CockpitPage), "cockpit.loading") },
      { path: "nasional", element: lazyRoute(() => import("./pages/National").then((m) => m.NationalPage), "national.loading") },
      { path: "bukti", element: lazyRoute(() => import("./pages/Evidence").then((m) => m.EvidencePage)) },
      { path: "notifikasi", element: lazyRoute(() => import("./pages/Notifications").then((m) => m.NotificationsPage), "notifications.loading") },
      ...publicPortalRoutes,
      { path: "layanan", element: lazyRoute(() => import("./pages/Services").then((m) => m.PublicCataloguePage), "services.loading") },
      { path: "layanan/:id", element: lazyRoute(() => import("./pages/Services").then((m) => m.PublicServicePage), "services.loading") },
      { path: "katalog-layanan/:code", element: lazyRoute(() => import("./pages/Services").then((m) => m.AgencyCataloguePage), "services.loading") },
      { path: "katalog-layanan/:code/:serviceId", element: lazyRoute(() => import("./pages/Services").then((m) => m.AgencyServicePage), "services.loading") },
      { path: "katalog-layanan/:code/:serviceId/bantuan", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.FaqEditorPage), "services.loading") },
      { path: "lacak", element: lazyRoute(() => import("./pages/Track").then((m) => m.TrackApplicationPage), "portal.loading") },
      { path: "survei/:surveyId", element: lazyRoute(() => import("./pages/Skm").then((m) => m.PublicSurveyPage), "skm.loading") },
      { path: "dasbor-layanan/:code", element: lazyRoute(() => import("./pages/ServiceDashboard").then((m) => m.ServiceDashboardPage), "skm.loading") },
      { path: "survei-kepuasan/:code", element: lazyRoute(() => import("./pages/Skm").then((m) => m.AgencySurveysPage), "skm.loading") },
      { path: "survei-kepuasan/:code/:surveyId", element: lazyRoute(() => import("./pages/Skm").then((m) => m.AgencySurveyPage), "skm.loading") },
      { path: "layanan/:id/bantuan", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.ServiceFaqPage), "services.loading") },
      { path: "pengaduan", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.FileComplaintPage), "services.loading") },
      { path: "pengaduan/lacak", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.TrackComplaintPage), "services.loading") },
      { path: "pengaduan-masuk/:code", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.ComplaintInboxPage), "services.loading") },
      { path: "pengaduan-masuk/:code/:id", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.ComplaintDetailPage), "services.loading") },
      { path: "pengaduan-saya", element: lazyRoute(() => import("./pages/Complaints").then((m) => m.MyComplaintsPage), "services.loading") },
      { path: "permohonan-saya", element: lazyRoute(() => import("./pages/Applications").then((m) => m.MyApplicationsPage), "applications.loading") },
      { path: "permohonan-saya/:id", element: lazyRoute(() => import("./pages/Applications").then((m) => m.MyApplicationPage), "applications.loading") },
      { path: "layanan-masuk", element: lazyRoute(() => import("./pages/Applications").then((m) => m.ApplicationQueuePage), "applications.loading") },
      { path: "layanan-masuk/:id", element: lazyRoute(() => import("./pages/Applications").then((m) => m.OfficerApplicationPage), "applications.loading") },
      { path: "formulir/:code", element: lazyRoute(() => import("./pages/Forms").then((m) => m.FormsListPage), "applications.loading") },
      { path: "formulir/:code/:formVersionId/ubah", element: lazyRoute(() => import("./pages/Forms").then((m) => m.FormBuilderPage), "applications.loading") },
      { path: "verifikasi/:id", element: lazyRoute(() => import("./pages/Verify").then((m) => m.VerifyDocumentPage), "portal.loading") },
      { path: "atur-sandi/:token", element: lazyRoute(() => import("./pages/SetPassword").then((m) => m.SetPasswordPage)) },
      { path: "masuk-warga", element: lazyRoute(() => import("./pages/Citizen").then((m) => m.CitizenSignInPage)) },
      { path: "warga", element: lazyRoute(() => import("./pages/Citizen").then((m) => m.CitizenAccountPage)) },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
createRoot(container).render(
  <StrictMode>
    <SessionProvider>
      <CitizenProvider>
        <RouterProvider router={router} />
      </CitizenProvider>
    </SessionProvider>
  </StrictMode>,
);
