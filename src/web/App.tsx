import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { publicResultsCsvUrl } from "./api";
import { AccountBar, AccountMenuItems } from "./components/AccountNav";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { Logo } from "./components/Logo";
import { NavigationGuard } from "./components/NavigationGuard";
import { useSession } from "./session";
import { useCitizen } from "./citizen";

/** The page frame: skip link, header with navigation and language switch, main, footer. */
export function App() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  const { me } = useSession();
  const citizen = useCitizen();
  // On a narrow screen the menu folds behind a "Menu" button (CSS hides it only there).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // After a client-side navigation, move focus to the new content, as a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setMenuOpen(false);
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  // Escape closes an open menu and gives the focus back to its button.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  // Signed in, the menu gets a row of its own under the brand, the account and the language switch.
  const mainNav = (
    <nav aria-label={t("nav.label")} id="site-menu" className={menuOpen ? "site-nav is-open" : "site-nav"} data-testid="site-menu">
      <ul>
        <li>
          <NavLink to="/" end>
            {t("nav.home")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/publik" data-testid="nav-portal">
            {t("layout.nav.portal")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/layanan" data-testid="nav-services">
            {t("services.public.nav")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/pengaduan" data-testid="nav-complaint">
            {t("complaints.file.title")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/instrumen">{t("nav.instruments")}</NavLink>
        </li>
        {!me && (
          <li>
            <NavLink to={citizen.me ? "/warga" : "/masuk-warga"} data-testid="nav-citizen">
              {citizen.me ? t("citizen.navAccount") : t("citizen.nav")}
            </NavLink>
          </li>
        )}
        <AccountMenuItems />
      </ul>
    </nav>
  );

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className={`container header-inner${me ? " is-signed-in" : ""}`}>
          <Link to="/" className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{t("app.name")}</span>
              <span className="brand-tagline">{t("app.tagline")}</span>
            </span>
          </Link>
          <button
            type="button"
            ref={menuButton}
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            data-testid="menu-toggle"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              {menuOpen ? <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" /> : <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" />}
            </svg>
            {t("layout.menu.button")}
          </button>
          {me ? (
            <>
              <AccountBar />
              <LanguageSwitch />
              {mainNav}
            </>
          ) : (
            <>
              {mainNav}
              <LanguageSwitch />
            </>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="container site-main">
        <Outlet />
        <NavigationGuard />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.about")}</p>
          <p>
            {t("footer.openData")} <Link to="/publik">{t("portal.footerLink")}</Link>
            {" · "}
            <a href={publicResultsCsvUrl(2024)}>{t("footer.csv")}</a>
            {" · "}
            <a href="/api/openapi.json">{t("footer.api")}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
