import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { disableTwoFactor, enableTwoFactor, startTwoFactor, type TwoFactorSetup } from "../../accountsApi";
import { PasswordField } from "../../components/PasswordField";
import { FormError, Success } from "../../components/Status";
import { useSession } from "../../session";
import { useSubmit } from "../../useSubmit";

/** Scan the QR code (or type the secret), then confirm with a code from the app. */
function Enrol({ setup, onDone, onCancel }: { setup: TwoFactorSetup; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState("");
  const { busy, error, run } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(async () => {
      await enableTwoFactor(code);
      onDone();
    });
    if (!ok) setCode("");
  };
  return (
    <div className="card two-factor-setup">
      <h3 ref={heading} tabIndex={-1}>
        {t("twoFactor.scanTitle")}
      </h3>
      <ol className="steps">
        <li>{t("twoFactor.step1")}</li>
        <li>
          {t("twoFactor.step2")}
          <img className="qr" src={setup.qrDataUrl} alt={t("twoFactor.qrAlt")} width={200} height={200} data-testid="totp-qr" />
          <p>
            {t("twoFactor.manual")} <code className="secret" data-testid="totp-secret">{setup.secret}</code>
          </p>
        </li>
        <li>{t("twoFactor.step3")}</li>
      </ol>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <FormError error={error} />
        <div className="field">
          <label htmlFor={`${id}-code`}>{t("twoFactor.code")}</label>
          <input id={`${id}-code`} type="text" inputMode="numeric" pattern="[0-9]{6}" maxLength={6} required autoComplete="one-time-code" value={code} data-testid="totp-code" onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy} data-testid="totp-enable">
            {t("twoFactor.enable")}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Turning two-factor sign-in off needs the password. */
function Disable({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await disableTwoFactor(password);
      onDone();
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <FormError error={error} />
      <PasswordField label={t("twoFactor.password")} value={password} onChange={setPassword} autoComplete="current-password" testId="totp-disable-password" />
      <div>
        <button type="submit" className="button button-secondary" disabled={busy} data-testid="totp-disable">
          {t("twoFactor.disable")}
        </button>
      </div>
    </form>
  );
}

/** The two-factor section of the profile: state, set up, or turn off. */
export function TwoFactor({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    setMessage(null);
    try {
      setSetup(await startTwoFactor());
    } catch (err) {
      setError(err);
    }
  };
  const finished = async (text: string) => {
    setSetup(null);
    setMessage(text);
    await refresh();
  };

  return (
    <section className="section" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t("twoFactor.title")}</h2>
      <p>
        {t("twoFactor.intro")} <strong data-testid="totp-state">{enabled ? t("twoFactor.on") : t("twoFactor.off")}</strong>
      </p>
      {message && <Success>{message}</Success>}
      <FormError error={error} />
      {enabled ? (
        <Disable onDone={() => void finished(t("twoFactor.disabled"))} />
      ) : setup ? (
        <Enrol setup={setup} onDone={() => void finished(t("twoFactor.enabled"))} onCancel={() => setSetup(null)} />
      ) : (
        <button type="button" className="button button-secondary" data-testid="totp-start" onClick={() => void start()}>
          {t("twoFactor.start")}
        </button>
      )}
    </section>
  );
}
