import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { fetchResetOptions, requestPasswordReset } from "../../tasksApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

/** "Lupa kata sandi?": asks for an e-mail and sends a reset link when the server can e-mail; otherwise points to the administrator. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("forgot.title"));
  const id = useId();
  const options = useApi("reset-options", fetchResetOptions);
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (options.status === "loading") body = <Loading label={t("forgot.loading")} />;
  else if (options.status === "error") body = <ErrorMessage error={options.error} retry={options.retry} />;
  else if (!options.data.mail) body = <p className="card" data-testid="forgot-ask-admin">{t("forgot.askAdministrator")}</p>;
  else if (sent) body = <Success testId="forgot-sent" focus>{t("forgot.sent", { email: email.trim() })}</Success>;
  else
    body = (
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <FormError error={error} id={`${id}-error`} testId="forgot-error" />
        <div className="field">
          <label htmlFor={`${id}-email`}>{t("login.email")}</label>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="username" inputMode="email" value={email} data-testid="forgot-email" onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy} data-testid="forgot-submit">
            {t("forgot.submit")}
          </button>
        </div>
      </form>
    );

  return (
    <section className="page-narrow">
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.intro")}</p>
      {body}
      <p>
        <Link to="/masuk">{t("forgot.backToLogin")}</Link>
      </p>
    </section>
  );
}
