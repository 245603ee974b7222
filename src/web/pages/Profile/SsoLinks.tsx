import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { OidcIdentity } from "../../accountsApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { PasswordField } from "../../components/PasswordField";
import { FormError, Loading, Success } from "../../components/Status";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { LoadFailure } from "../NotFound";

/** The provider as people know it: the issuer's host name. */
const providerOf = (issuer: string) => {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
};
/** A subject is an opaque id: its start is enough to tell two apart, and the whole is not shown. */
const shortSubject = (subject: string) => (subject.length > 10 ? `${subject.slice(0, 8)}…` : subject);

/** Unlinking one's own identity: the password confirms it is really the account holder. */
function UnlinkWithPassword({ identity, unlink, onDone }: { identity: OidcIdentity; unlink(identity: OidcIdentity, password: string): Promise<void>; onDone(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!window.confirm(t("profile.sso.unlinkQuestion"))) return;
    await run(async () => {
      await unlink(identity, password);
      onDone();
    });
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <FormError error={error} testId="sso-unlink-error" />
      <PasswordField label={t("profile.sso.password")} value={password} onChange={setPassword} autoComplete="current-password" testId="sso-unlink-password" />
      <div>
        <button type="submit" className="button button-small button-secondary" disabled={busy || !password} data-testid="sso-unlink">
          {t("profile.sso.unlink")}
        </button>
      </div>
    </form>
  );
}

/**
 * The SSO (OpenID Connect) identities linked to a staff account, each with "Putuskan tautan". On the
 * profile the holder confirms with the password (`needsPassword`); an administrator unlinks another
 * user's identity after a confirmation. Hidden on the profile when nothing is linked.
 */
export function SsoLinks({
  cacheKey,
  load,
  unlink,
  needsPassword,
  title,
}: {
  cacheKey: string;
  load(signal: AbortSignal): Promise<OidcIdentity[]>;
  unlink(identity: OidcIdentity, password: string): Promise<void>;
  needsPassword: boolean;
  title: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = useApi(cacheKey, load);
  const [done, setDone] = useState(false);
  const admin = useSubmit();
  if (state.status === "loading") return <Loading label={title} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const identities = state.data;
  if (!identities.length && needsPassword && !done) return null;
  const finished = () => {
    setDone(true);
    state.reload();
  };
  return (
    <section className="section" aria-labelledby={`${cacheKey}-title`} data-testid="sso-links">
      <h2 id={`${cacheKey}-title`}>{title}</h2>
      <p>{t("profile.sso.intro")}</p>
      {done && <Success testId="sso-unlinked">{t("profile.sso.unlinked")}</Success>}
      <FormError error={admin.error} testId="sso-unlink-error" />
      {identities.length ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("profile.sso.provider")}</th>
                <th scope="col">{t("profile.sso.subject")}</th>
                <th scope="col">{t("profile.sso.linkedAt")}</th>
                <th scope="col">{t("profile.sso.lastSignInAt")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {identities.map((x) => (
                <tr key={`${x.issuer} ${x.subject}`} data-testid="sso-identity">
                  <td>{providerOf(x.issuer)}</td>
                  <td>
                    <code title={t("profile.sso.subject")}>{shortSubject(x.subject)}</code>
                  </td>
                  <td>{formatDateTime(x.linkedAt, lang)}</td>
                  <td>{x.lastSignInAt ? formatDateTime(x.lastSignInAt, lang) : t("profile.sso.never")}</td>
                  <td>
                    {needsPassword ? (
                      <UnlinkWithPassword identity={x} unlink={unlink} onDone={finished} />
                    ) : (
                      <ConfirmButton
                        label={t("profile.sso.unlink")}
                        question={t("profile.sso.userUnlinkQuestion")}
                        testId="sso-unlink"
                        onConfirm={async () => {
                          if (await admin.run(() => unlink(x, ""))) finished();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("profile.sso.none")}</p>
      )}
    </section>
  );
}
