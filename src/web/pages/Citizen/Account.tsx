import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { CITIZEN_EXPORT_URL, updateCitizenProfile, type CitizenMe } from "../../citizenApi";
import { useCitizen } from "../../citizen";
import { FormError, Loading, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { usePageTitle } from "../../usePageTitle";

const draftOf = (me: CitizenMe) => ({ name: me.citizen.name ?? "", phone: me.citizen.phone ?? "" });

/** The citizen's account (`/warga`): name and phone, sign out, and the download of their own data. */
export function CitizenAccountPage() {
  const { t } = useTranslation();
  usePageTitle(t("citizen.account.title"));
  const citizen = useCitizen();
  if (citizen.state.status === "unknown") return <Loading label={t("citizen.account.loading")} />;
  if (!citizen.me) {
    return (
      <section className="page-narrow">
        <h1>{t("citizen.account.signedOutTitle")}</h1>
        <p>
          <Link to="/masuk-warga" className="button" data-testid="citizen-sign-in-link">
            {t("citizen.account.signInLink")}
          </Link>
        </p>
      </section>
    );
  }
  return <Account me={citizen.me} />;
}

function Account({ me }: { me: CitizenMe }) {
  const { t } = useTranslation();
  const id = useId();
  const citizen = useCitizen();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => draftOf(me));
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(draftOf(me)));
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    await run(async () => {
      const updated = await updateCitizenProfile({ name: draft.name.trim() || null, phone: draft.phone.trim() || null });
      citizen.signedIn(updated);
      setDraft(draftOf(updated));
      setDone(true);
    });
  };

  return (
    <section>
      <h1 data-testid="citizen-account-title">{t("citizen.account.title")}</h1>
      <p>{t("citizen.account.intro")}</p>
      <p>
        <Link to="/permohonan-saya" data-testid="citizen-my-applications">
          {t("applications.mine.title")}
        </Link>
        {" · "}
        <Link to="/pengaduan-saya" data-testid="citizen-my-complaints">
          {t("complaints.mine.title")}
        </Link>
      </p>
      <dl className="facts">
        <dt>{t("citizen.account.email")}</dt>
        <dd data-testid="citizen-account-email">{me.citizen.email ?? t("citizen.account.noEmail")}</dd>
        <dt>{t("citizen.account.method")}</dt>
        <dd>{t(me.method === "oidc" ? "citizen.account.method_oidc" : "citizen.account.method_email_code")}</dd>
      </dl>
      <form className="card form form-wide" onSubmit={(e) => void submit(e)}>
        <FormError error={error} testId="citizen-account-error" />
        {done && <Success testId="citizen-account-saved">{t("citizen.account.saved")}</Success>}
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("citizen.account.name")}</label>
            <input id={`${id}-name`} type="text" autoComplete="name" maxLength={200} value={draft.name} data-testid="citizen-account-name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-phone`}>{t("citizen.account.phone")}</label>
            <input
              id={`${id}-phone`}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              maxLength={30}
              value={draft.phone}
              aria-describedby={`${id}-phone-hint`}
              data-testid="citizen-account-phone"
              onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
            />
            <p className="hint" id={`${id}-phone-hint`}>
              {t("citizen.account.phoneHint")}
            </p>
          </div>
        </div>
        <div>
          <button type="submit" className="button" disabled={busy} data-testid="citizen-account-save">
            {t("citizen.account.save")}
          </button>
        </div>
      </form>
      <section className="section" aria-labelledby={`${id}-export`}>
        <h2 id={`${id}-export`}>{t("citizen.account.export")}</h2>
        <p>{t("citizen.account.exportHint")}</p>
        <p>
          <a className="button button-secondary" href={CITIZEN_EXPORT_URL} download data-testid="citizen-export">
            {t("citizen.account.export")}
          </a>
        </p>
      </section>
      <p>
        <button
          type="button"
          className="button button-ghost"
          data-testid="citizen-sign-out"
          onClick={() => void citizen.signOut().then(() => navigate("/masuk-warga"))}
        >
          {t("citizen.account.signOut")}
        </button>
      </p>
    </section>
  );
}
