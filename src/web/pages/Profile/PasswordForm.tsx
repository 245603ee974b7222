import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { changePassword } from "../../accountsApi";
import { PasswordField } from "../../components/PasswordField";
import { FormError, Success } from "../../components/Status";
import { useSession } from "../../session";
import { useSubmit } from "../../useSubmit";

/** Change own password; the server ends every other session and opens a new one here. */
export function PasswordForm() {
  const { t } = useTranslation();
  const id = useId();
  const { signedIn } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const { busy, error, setError, run } = useSubmit();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (next !== repeat) {
      setError(t("password.mismatch"));
      return;
    }
    await run(async () => {
      signedIn(await changePassword(current, next));
      setCurrent("");
      setNext("");
      setRepeat("");
      setDone(true);
    });
  };

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("password.changeTitle")}</h2>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <FormError error={error} id={`${id}-error`} testId="password-error" />
        {done && <Success testId="password-done">{t("password.changed")}</Success>}
        <PasswordField label={t("password.current")} value={current} onChange={setCurrent} autoComplete="current-password" testId="password-current" />
        <PasswordField label={t("password.new")} value={next} onChange={setNext} autoComplete="new-password" withRule testId="password-new" />
        <PasswordField label={t("password.repeat")} value={repeat} onChange={setRepeat} autoComplete="new-password" testId="password-repeat" />
        <div>
          <button type="submit" className="button" disabled={busy} data-testid="password-submit">
            {t("password.changeSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
