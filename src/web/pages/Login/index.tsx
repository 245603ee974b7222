import { useId } from "react";
import { useTranslation } from "react-i18next";
import { usePageTitle } from "../../usePageTitle";

/** Placeholder until accounts land (issue #4): the form is shown but cannot be submitted. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t("login.title"));
  const id = useId();
  return (
    <section className="page-narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <p className="note" id={`${id}-note`}>
        {t("login.note")}
      </p>
      <form className="card form" aria-describedby={`${id}-note`} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("login.email")}</label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="username" inputMode="email" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t("login.password")}</label>
          <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" />
        </div>
        <button type="submit" className="button" disabled>
          {t("login.submit")}
        </button>
      </form>
    </section>
  );
}
