import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { ApiError } from "../../api";
import { safeReturnTo } from "../../../core/access/return-path";
import { citizenOidcStartUrl, fetchCitizenMe, fetchSignInOptions, requestSignInCode, verifySignInCode, type CitizenSignInOptions } from "../../citizenApi";
import { useCitizen } from "../../citizen";
import { errorText } from "../../errorText";
import { FormError, Loading } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { usePageTitle } from "../../usePageTitle";

/** A refusal of the provider flow the server redirected here with (`?galat=<code>`), explained. */
const OIDC_REFUSALS = new Set(["oidc_state_invalid", "oidc_state_expired", "oidc_failed", "oidc_not_configured"]);

/**
 * Citizens sign in (`/masuk-warga`): an e-mail address, then the 6-digit code sent there; and the
 * OpenID Connect provider's button (INApas) when the server has one configured. Either way the
 * citizen lands back on the same-site `?returnTo=` path they came from (their account otherwise).
 */
export function CitizenSignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("citizen.signIn.title"));
  const id = useId();
  const citizen = useCitizen();
  const [params] = useSearchParams();
  const [options, setOptions] = useState<CitizenSignInOptions | null>(null);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [website, setWebsite] = useState("");
  const { busy, error, setError, run } = useSubmit();
  const codeInput = useRef<HTMLInputElement>(null);
  const refused = params.get("galat");
  // Where the citizen was going (an application form, a complaint): back there after signing in.
  const returnTo = safeReturnTo(params.get("returnTo"), "/warga");

  useEffect(() => {
    fetchSignInOptions().then(setOptions, () => setOptions({ emailCode: true, oidc: null }));
  }, []);
  useEffect(() => {
    if (sentTo) codeInput.current?.focus();
  }, [sentTo]);

  if (citizen.state.status === "signedIn") return <Navigate to={returnTo} replace />;
  if (!options) return <Loading label={t("citizen.account.loading")} />;

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const address = email.trim();
    await run(async () => {
      const answer = await requestSignInCode({ email: address, ...(website ? { website } : {}) });
      setSentTo(address);
      setDemoCode(answer.demoCode ?? null);
      setCode("");
    });
  };
  const verify = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await verifySignInCode({ email: sentTo!, code: code.trim() });
      const me = await fetchCitizenMe();
      if (me) citizen.signedIn(me);
    });
  };

  const errorId = `${id}-error`;
  return (
    <section className="page-narrow">
      <h1>{t("citizen.signIn.title")}</h1>
      <p>{t("citizen.signIn.intro")}</p>
      {refused && OIDC_REFUSALS.has(refused) && (
        <div className="status-error" role="alert" data-testid="citizen-oidc-refused">
          <strong>{t("citizen.signIn.refused")}:</strong> {errorText(t, new ApiError(401, refused, refused))}
        </div>
      )}
      {!options.emailCode && !options.oidc && <p data-testid="citizen-no-ways">{t("citizen.signIn.noWays")}</p>}
      {options.emailCode && !sentTo && (
        <form className="card form" onSubmit={(e) => void send(e)} aria-describedby={error ? errorId : undefined}>
          <FormError error={error} id={errorId} testId="citizen-error" />
          <div className="field">
            <label htmlFor={`${id}-email`}>{t("citizen.signIn.email")}</label>
            <input
              id={`${id}-email`}
              type="email"
              required
              autoComplete="email"
              inputMode="email"
              value={email}
              data-testid="citizen-email"
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {/* The honeypot (src/server/honeypot.ts): hidden from people, filled in by naive scripts. */}
          <div style={{ position: "absolute", left: "-10000px" }} aria-hidden="true">
            <label htmlFor={`${id}-website`}>Website</label>
            <input id={`${id}-website`} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy} data-testid="citizen-send-code">
              {t("citizen.signIn.sendCode")}
            </button>
          </div>
        </form>
      )}
      {options.emailCode && sentTo && (
        <form className="card form" onSubmit={(e) => void verify(e)} aria-describedby={error ? errorId : undefined}>
          <p role="status">{t("citizen.signIn.codeSent", { email: sentTo })}</p>
          {demoCode && (
            <p className="hint" data-testid="citizen-demo-code">
              {t("citizen.signIn.demoCode", { code: demoCode })}
            </p>
          )}
          <FormError error={error} id={errorId} testId="citizen-error" />
          <div className="field">
            <label htmlFor={`${id}-code`}>{t("citizen.signIn.code")}</label>
            <input
              ref={codeInput}
              id={`${id}-code`}
              type="text"
              required
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              autoComplete="one-time-code"
              value={code}
              aria-invalid={error ? true : undefined}
              data-testid="citizen-code"
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy} data-testid="citizen-verify">
              {t("citizen.signIn.verify")}
            </button>
            <button type="button" className="button button-ghost" disabled={busy} onClick={() => void send()}>
              {t("citizen.signIn.resend")}
            </button>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                setSentTo(null);
                setDemoCode(null);
                setError(null);
              }}
            >
              {t("citizen.signIn.otherAddress")}
            </button>
          </div>
        </form>
      )}
      {options.oidc && (
        <>
          {options.emailCode && <p>{t("citizen.signIn.or")}</p>}
          <p>
            <a className="button button-secondary" href={citizenOidcStartUrl(returnTo)} data-testid="citizen-oidc">
              {t("citizen.signIn.oidc", { label: options.oidc.label })}
            </a>
          </p>
        </>
      )}
      <p>
        <Link to="/masuk">{t("citizen.signIn.staffLink")}</Link>
      </p>
    </section>
  );
}
