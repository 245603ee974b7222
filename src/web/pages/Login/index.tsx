import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { fetchMe, finishSsoWithTotp, login } from "../../accountsApi";
import { ApiError } from "../../api";
import { fetchStaffSsoOptions, staffSsoStartUrl } from "../../citizenApi";
import { errorText } from "../../errorText";
import { PasswordField } from "../../components/PasswordField";
import { FormError } from "../../components/Status";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";

/** Where to go after signing in: a path inside this app only (no other origins, no protocol-relative URLs, not the sign-in page itself). */
export function safeNext(next: string | null): string {
  const inside = next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith("/masuk");
  return inside ? next : "/beranda";
}

/** Sign in with e-mail and password, then (for two-factor accounts) the authenticator code. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t("login.title"));
  const id = useId();
  const session = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  // Back from the SSO provider for an account with two-factor on: only the code is asked for.
  const [ssoPending, setSsoPending] = useState(() => params.get("sso") === "kode");
  const [ssoReturnTo, setSsoReturnTo] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(ssoPending);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const totpInput = useRef<HTMLInputElement>(null);
  const [sso, setSso] = useState<{ label: string } | null>(null);
  const refused = params.get("galat");

  useEffect(() => {
    fetchStaffSsoOptions().then((o) => setSso(o.oidc), () => setSso(null));
  }, []);

  useEffect(() => {
    if (needTotp) totpInput.current?.focus();
  }, [needTotp]);

  if (session.state.status === "signedIn") return <Navigate to={safeNext(ssoReturnTo ?? params.get("next"))} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (ssoPending) {
        setSsoReturnTo(await finishSsoWithTotp(totp.trim()));
        const me = await fetchMe();
        if (me) session.signedIn(me);
        return;
      }
      session.signedIn(await login({ email: email.trim(), password, ...(needTotp ? { totp: totp.trim() } : {}) }));
    } catch (err) {
      if (err instanceof ApiError && err.code === "totp_required") setNeedTotp(true);
      else setError(err);
      if (err instanceof ApiError && err.code === "invalid_totp") setTotp("");
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setSsoPending(false);
    setNeedTotp(false);
    setTotp("");
    setError(null);
  };

  const errorId = `${id}-error`;
  return (
    <section className="page-narrow">
      <h1>{t("login.title")}</h1>
      <p>{ssoPending ? t("login.ssoTotpIntro") : needTotp ? t("login.totpIntro") : t("login.intro")}</p>
      {refused?.startsWith("oidc_") && (
        <div className="status-error" role="alert" data-testid="login-sso-refused">
          {errorText(t, new ApiError(401, refused, refused))}
        </div>
      )}
      <form className="card form" onSubmit={(e) => void submit(e)} aria-describedby={error ? errorId : undefined}>
        <FormError error={error} id={errorId} testId="login-error" />
        {!needTotp ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-email`}>{t("login.email")}</label>
              <input
                id={`${id}-email`}
                name="email"
                type="email"
                required
                autoComplete="username"
                inputMode="email"
                value={email}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                data-testid="login-email"
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <PasswordField label={t("login.password")} value={password} onChange={setPassword} autoComplete="current-password" invalid={Boolean(error)} errorId={errorId} testId="login-password" />
          </>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-totp`}>{t("login.totp")}</label>
            <input
              ref={totpInput}
              id={`${id}-totp`}
              name="totp"
              type="text"
              required
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              autoComplete="one-time-code"
              value={totp}
              aria-describedby={`${id}-totp-hint${error ? ` ${errorId}` : ""}`}
              aria-invalid={error ? true : undefined}
              data-testid="login-totp"
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ""))}
            />
            <p className="hint" id={`${id}-totp-hint`}>
              {ssoPending ? t("login.ssoTotpHint") : t("login.totpHint", { email })}
            </p>
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={busy} data-testid="login-submit">
            {needTotp ? t("login.verify") : t("login.submit")}
          </button>
          {needTotp && (
            <button type="button" className="button button-ghost" onClick={restart}>
              {t("login.back")}
            </button>
          )}
        </div>
      </form>
      {!needTotp && sso && (
        <p>
          <a className="button button-secondary" href={staffSsoStartUrl(safeNext(params.get("next")))} data-testid="login-sso">
            {sso.label === "SSO" ? t("login.sso") : t("login.ssoVia", { label: sso.label })}
          </a>
        </p>
      )}
      {!needTotp && (
        <p>
          <Link to="/lupa-sandi" data-testid="login-forgot">
            {t("forgot.link")}
          </Link>
        </p>
      )}
      {!needTotp && (
        <p>
          <Link to="/masuk-warga" data-testid="login-citizen">
            {t("login.citizenLink")}
          </Link>
        </p>
      )}
    </section>
  );
}
