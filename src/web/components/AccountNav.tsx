import { useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useNavigate } from "react-router";
import { SERVICE_ROLES } from "../../core/access/roles";
import { useSession } from "../session";
import { NotificationBell } from "./NotificationBell";

/**
 * The account entries of the main menu: "Masuk" when signed out; otherwise the pages the user's
 * abilities allow (never derived from the roles here).
 */
export function AccountMenuItems() {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status === "unknown") return null;
  if (state.status === "signedOut") {
    return (
      <li>
        <NavLink to="/masuk" data-testid="nav-login">
          {t("nav.login")}
        </NavLink>
      </li>
    );
  }
  const { abilities } = state.me;
  // The agency of the first agency-level role: where "Rekomendasi & Aksi" opens.
  const ownAgency = state.me.roles.find((r) => r.agency && r.role !== "koordinator_provinsi")?.agency?.code;
  // The service catalogue of that agency, or of the province a Koordinator Provinsi coordinates.
  const catalogueAgency = ownAgency ?? state.me.roles.find((r) => r.agency && r.role === "koordinator_provinsi")?.agency?.code;
  // Complaints: the agency's service staff and Koordinator SPBE read its inbox.
  const complaintAgency = state.me.roles.find((r) => r.agency && ["petugas_layanan", "pejabat_layanan", "koordinator_spbe"].includes(r.role))?.agency?.code;
  // The officers' workbench of online applications, for those who serve citizens (petugas/pejabat layanan).
  const serviceAgency = state.me.roles.find((r) => r.agency && (SERVICE_ROLES as readonly string[]).includes(r.role))?.agency?.code;
  return (
    <>
      <li>
        <NavLink to="/beranda" data-testid="nav-tasks">
          {t("tasks.nav")}
        </NavLink>
      </li>
      <li>
        <NavLink to="/penilaian" data-testid="nav-assessments">
          {t("nav.assessments")}
        </NavLink>
      </li>
      {abilities.evidenceLibrary && (
        <li>
          <NavLink to="/bukti" data-testid="nav-evidence">
            {t("nav.evidence")}
          </NavLink>
        </li>
      )}
      {abilities.openCockpit && (
        <li>
          <NavLink to="/kokpit" data-testid="nav-cockpit">
            {t("cockpit.nav")}
          </NavLink>
        </li>
      )}
      {abilities.openNational && (
        <li>
          <NavLink to="/nasional" data-testid="nav-national">
            {t("national.nav")}
          </NavLink>
        </li>
      )}
      {abilities.readOwnPlanning && ownAgency && (
        <li>
          <NavLink to={`/rekomendasi/${encodeURIComponent(ownAgency)}`} data-testid="nav-recommendations">
            {t("planning.nav.recommendations")}
          </NavLink>
        </li>
      )}
      {catalogueAgency && (
        <li>
          <NavLink to={`/katalog-layanan/${encodeURIComponent(catalogueAgency)}`} data-testid="nav-service-catalogue">
            {t("services.officer.nav")}
          </NavLink>
        </li>
      )}
      {catalogueAgency && (
        <li>
          <NavLink to={`/dasbor-layanan/${encodeURIComponent(catalogueAgency)}`} data-testid="nav-service-dashboard">
            {t("serviceDashboard.nav")}
          </NavLink>
        </li>
      )}
      {complaintAgency && (
        <li>
          <NavLink to={`/pengaduan-masuk/${encodeURIComponent(complaintAgency)}`} data-testid="nav-complaints">
            {t("complaints.inbox.title")}
          </NavLink>
        </li>
      )}
      {serviceAgency && (
        <li>
          <NavLink to={`/formulir/${encodeURIComponent(serviceAgency)}`} data-testid="nav-forms">
            {t("forms.nav")}
          </NavLink>
        </li>
      )}
      {serviceAgency && (
        <li>
          <NavLink to="/layanan-masuk" data-testid="nav-application-queue">
            {t("applications.officer.nav")}
          </NavLink>
        </li>
      )}
      {abilities.openPilotingBoard && (
        <li>
          <NavLink to="/papan-piloting" data-testid="nav-piloting-board">
            {t("planning.nav.board")}
          </NavLink>
        </li>
      )}
      {abilities.manageUsers && (
        <li>
          <NavLink to="/pengguna" data-testid="nav-users">
            {t("nav.users")}
          </NavLink>
        </li>
      )}
      {abilities.readAudit && (
        <li>
          <NavLink to="/audit" data-testid="nav-audit">
            {t("nav.audit")}
          </NavLink>
        </li>
      )}
      {abilities.manageTokens && (
        <li>
          <NavLink to="/token" data-testid="nav-tokens">
            {t("nav.tokens")}
          </NavLink>
        </li>
      )}
    </>
  );
}

/** The notification bell, the signed-in user's name (to the profile) and "Keluar"; nothing when signed out. */
export function AccountBar() {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!me) return null;
  const onLogout = async () => {
    setBusy(true);
    try {
      await signOut();
    } catch {
      // The session is forgotten locally either way.
    } finally {
      setBusy(false);
    }
    navigate("/masuk");
  };
  return (
    <nav aria-label={t("nav.account")} className="account-nav">
      <ul>
        <li>
          <NotificationBell />
        </li>
        <li>
          <NavLink to="/profil" data-testid="nav-profile" className="nav-user" title={me.user.email}>
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="1.8" />
              <path d="M4 21c1.2-4 4.3-6 8-6s6.8 2 8 6" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>
            <span className="visually-hidden">{t("nav.profile")}: </span>
            <span className="nav-user-name">{me.user.name}</span>
          </NavLink>
        </li>
        <li>
          <button type="button" className="nav-button" data-testid="logout" disabled={busy} onClick={() => void onLogout()}>
            {t("nav.logout")}
          </button>
        </li>
      </ul>
    </nav>
  );
}
