import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { fetchLinkInfo, setPasswordWithLink, type LinkInfo } from "../../accountsApi";
import { ApiError } from "../../api";
import { PasswordField } from "../../components/PasswordField";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

function SetPasswordForm({ token, info }: { token: string; info: LinkInfo }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <Success testId="set-password-done" focus>
        <p>{t("setPassword.done")}</p>
        <p>
          <Link to="/masuk" className="button" data-testid="set-password-login">
            {t("setPassword.toLogin")}
          </Link>
        </p>
      </Success>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) {
      setError(t("password.mismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setPasswordWithLink(token, password);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.code === "not_found" ? t("setPassword.gone") : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <FormError error={error} testId="set-password-error" />
      <input type="email" name="username" autoComplete="username" value={info.email} readOnly hidden />
      <PasswordField label={t("password.new")} value={password} onChange={setPassword} autoComplete="new-password" withRule testId="set-password-new" />
      <PasswordField label={t("password.repeat")} value={repeat} onChange={setRepeat} autoComplete="new-password" testId="set-password-repeat" />
      <div>
        <button type="submit" className="button" disabled={busy} data-testid="set-password-submit">
          {t("setPassword.submit")}
        </button>
      </div>
    </form>
  );
}

/** `/atur-sandi/:token`: set a password with a one-time invitation or reset link. */
export function SetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t("setPassword.title"));
  const { token = "" } = useParams();
  const state = useApi(`link-${token}`, (signal) => fetchLinkInfo(token, signal));
  const gone = state.status === "error" && state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400);
  return (
    <section className="page-narrow">
      <h1>{t("setPassword.title")}</h1>
      {state.status === "loading" && <Loading label={t("setPassword.loading")} />}
      {gone && (
        <div className="status-error" role="alert" data-testid="set-password-gone">
          <p>{t("setPassword.gone")}</p>
          <p>{t("setPassword.goneHelp")}</p>
        </div>
      )}
      {state.status === "error" && !gone && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === "ok" && (
        <>
          <p data-testid="set-password-who">
            {t(state.data.purpose === "invitation" ? "setPassword.invitation" : "setPassword.reset", { name: state.data.name, email: state.data.email })}
          </p>
          <SetPasswordForm token={token} info={state.data} />
        </>
      )}
    </section>
  );
}
