import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { createToken } from "../../accountsApi";
import { OneTimeSecret } from "../../components/OneTimeSecret";
import { FormError } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** Create an API token; its secret is shown once, with a copy button. */
export function CreateToken({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "write">("read");
  const [days, setDays] = useState("90");
  useUnsavedChanges(name.trim() !== "");
  const { busy, error, setError, run } = useSubmit();
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) {
      setError(t("tokens.daysInvalid"));
      return;
    }
    setSecret(null);
    await run(async () => {
      const created = await createToken({ name: name.trim(), scope, days: n });
      setSecret({ name: created.name, token: created.token });
      setName("");
      onCreated();
    });
  };

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("tokens.createTitle")}</h2>
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <FormError error={error} testId="token-error" />
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("tokens.name")}</label>
          <input id={`${id}-name`} type="text" required maxLength={100} value={name} aria-describedby={`${id}-name-hint`} data-testid="token-name" onChange={(e) => setName(e.target.value)} />
          <p className="hint" id={`${id}-name-hint`}>
            {t("tokens.nameHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-scope`}>{t("tokens.scope")}</label>
          <select id={`${id}-scope`} value={scope} data-testid="token-scope" onChange={(e) => setScope(e.target.value === "write" ? "write" : "read")}>
            <option value="read">{t("tokens.scopeRead")}</option>
            <option value="write">{t("tokens.scopeWrite")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-days`}>{t("tokens.days")}</label>
          <input id={`${id}-days`} type="number" min={1} max={365} step={1} required value={days} aria-describedby={`${id}-days-hint`} data-testid="token-days" onChange={(e) => setDays(e.target.value)} />
          <p className="hint" id={`${id}-days-hint`}>
            {t("tokens.daysHint")}
          </p>
        </div>
        <div>
          <button type="submit" className="button" disabled={busy} data-testid="token-create">
            {t("tokens.create")}
          </button>
        </div>
      </form>
      {secret && <OneTimeSecret label={t("tokens.secretLabel", { name: secret.name })} value={secret.token} warning={t("tokens.secretWarning")} testId="token-secret" />}
    </section>
  );
}
