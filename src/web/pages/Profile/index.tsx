import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { fetchMyOidcIdentities, logoutEverywhere, unlinkMyOidcIdentity, type Me } from "../../accountsApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { RequireSession } from "../../components/RequireSession";
import { FormError } from "../../components/Status";
import { roleText } from "../../roleText";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { PasswordForm } from "./PasswordForm";
import { ProfileForm } from "./ProfileForm";
import { TwoFactor } from "./TwoFactor";
import { SsoLinks } from "./SsoLinks";
import { LetterheadSettings } from "./LetterheadSettings";

/** The agencies whose kop surat the user sets: where they are Koordinator SPBE, and the province they coordinate. */
function letterheadAgencies(me: Me): { code: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of me.roles) if ((r.role === "koordinator_spbe" || r.role === "koordinator_provinsi") && r.agency) out.set(r.agency.code, r.agency.name);
  return [...out].map(([code, name]) => ({ code, name }));
}

function Facts({ me }: { me: Me }) {
  const { t } = useTranslation();
  const u = me.user;
  return (
    <dl className="facts card" data-testid="profile-facts">
      <div>
        <dt>{t("profile.email")}</dt>
        <dd>{u.email}</dd>
      </div>
      <div className="facts-wide">
        <dt>{t("profile.roles")}</dt>
        <dd>
          {me.roles.length ? (
            <ul className="plain-list">
              {me.roles.map((r) => (
                <li key={r.id}>{roleText(t, r)}</li>
              ))}
            </ul>
          ) : (
            t("profile.noRoles")
          )}
        </dd>
      </div>
    </dl>
  );
}

function LogoutEverywhere() {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setError(null);
    try {
      await logoutEverywhere();
      signedOut();
      navigate("/masuk");
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="section" aria-labelledby="logout-all-title">
      <h2 id="logout-all-title">{t("profile.logoutAllTitle")}</h2>
      <p>{t("profile.logoutAllText")}</p>
      <FormError error={error} />
      <ConfirmButton label={t("profile.logoutAll")} question={t("profile.logoutAllQuestion")} className="button button-secondary" testId="logout-all" onConfirm={run} />
    </section>
  );
}

function ProfileView() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      <h1>{t("profile.title")}</h1>
      <Facts me={me} />
      <ProfileForm key={me.user.id} me={me} />
      <PasswordForm />
      <TwoFactor enabled={me.user.twoFactor} />
      <SsoLinks cacheKey="my-sso" load={fetchMyOidcIdentities} unlink={unlinkMyOidcIdentity} needsPassword title={t("profile.sso.title")} />
      {letterheadAgencies(me).map((a) => (
        <LetterheadSettings key={a.code} code={a.code} name={a.name} />
      ))}
      <LogoutEverywhere />
    </>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t("profile.title"));
  return (
    <RequireSession>
      <ProfileView />
    </RequireSession>
  );
}
