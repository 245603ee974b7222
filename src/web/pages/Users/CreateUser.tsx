import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { createUser, type GrantableRole, type OneTimeLink } from "../../adminApi";
import { emptyRole, RoleFields, roleInput, type RoleDraft } from "../../components/RoleFields";
import { FormError, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { LinkResult } from "./LinkResult";
import { useUnsavedChanges } from "../../useUnsavedChanges";

const EMPTY = { email: "", name: "", nip: "", phone: "" };
type TextField = keyof typeof EMPTY;

/** Create a user with one of the roles the signed-in user may grant; the invitation link is shown once (or e-mailed). */
export function CreateUser({ grantable, onCreated }: { grantable: GrantableRole[]; onCreated(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState(EMPTY);
  const [role, setRole] = useState<RoleDraft>(() => emptyRole(grantable));
  useUnsavedChanges(JSON.stringify(fields) !== JSON.stringify(EMPTY));
  const { busy, error, run } = useSubmit();
  const [created, setCreated] = useState<{ email: string; invitation: OneTimeLink | null } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    await run(async () => {
      const nip = fields.nip.replace(/\s/g, "");
      const phone = fields.phone.trim();
      const res = await createUser({ email: fields.email.trim(), name: fields.name.trim(), ...(nip ? { nip } : {}), ...(phone ? { phone } : {}), roles: [roleInput(role)] });
      setCreated({ email: res.user.email, invitation: res.invitation });
      setFields(EMPTY);
      setRole(emptyRole(grantable));
      onCreated();
    });
  };

  const input = (name: TextField, type: string, opts: { required?: boolean; hint?: string; autoComplete?: string; inputMode?: "numeric" | "tel" | "email" } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`users.${name}`)}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        required={opts.required}
        autoComplete={opts.autoComplete ?? "off"}
        inputMode={opts.inputMode}
        value={fields[name]}
        aria-describedby={opts.hint ? `${id}-${name}-hint` : undefined}
        data-testid={`new-user-${name}`}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
      />
      {opts.hint && (
        <p className="hint" id={`${id}-${name}-hint`}>
          {opts.hint}
        </p>
      )}
    </div>
  );

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("users.createTitle")}</h2>
      <form className="card form form-wide" onSubmit={(e) => void submit(e)}>
        <FormError error={error} testId="new-user-error" />
        <div className="form-grid">
          {input("email", "email", { required: true, inputMode: "email" })}
          {input("name", "text", { required: true })}
          {input("nip", "text", { hint: t("users.nipHint"), inputMode: "numeric" })}
          {input("phone", "tel", { hint: t("users.phoneHint"), inputMode: "tel" })}
          <RoleFields value={role} onChange={setRole} grantable={grantable} testIdPrefix="new-user" />
        </div>
        <div>
          <button type="submit" className="button" disabled={busy} data-testid="new-user-submit">
            {t("users.create")}
          </button>
        </div>
      </form>
      {created && (
        <div className="result">
          <Success testId="new-user-done">{t("users.created", { email: created.email })}</Success>
          {created.invitation && <LinkResult link={created.invitation} purpose="invitation" email={created.email} testId="invitation-link" />}
        </div>
      )}
    </section>
  );
}
