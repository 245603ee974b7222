import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { updateProfile, type Me } from "../../accountsApi";
import { FormError, Success } from "../../components/Status";
import { isLang, type Lang } from "../../format";
import { useSession } from "../../session";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

interface Draft {
  name: string;
  nip: string;
  phone: string;
  language: Lang;
}

const draftOf = (me: Me): Draft => ({
  name: me.user.name,
  nip: me.user.nip ?? "",
  phone: me.user.phone ?? "",
  language: isLang(me.user.language) ? me.user.language : "id",
});

/** Edit own name, NIP, phone and interface language; only changed fields are sent. */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const { signedIn } = useSession();
  const [draft, setDraft] = useState<Draft>(() => draftOf(me));
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(draftOf(me)));
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const before = draftOf(me);
    const nip = draft.nip.replace(/\s/g, "");
    const phone = draft.phone.trim();
    const name = draft.name.trim();
    await run(async () => {
      const updated = await updateProfile({
        ...(name !== before.name ? { name } : {}),
        ...(nip !== before.nip ? { nip: nip || null } : {}),
        ...(phone !== before.phone ? { phone: phone || null } : {}),
        ...(draft.language !== before.language ? { language: draft.language } : {}),
      });
      signedIn(updated);
      setDraft(draftOf(updated));
      setDone(true);
    });
  };

  const text = (field: "name" | "nip" | "phone", type: string, opts: { hint?: string; autoComplete: string; inputMode?: "numeric" | "tel"; required?: boolean }) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`profile.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        type={type}
        required={opts.required}
        autoComplete={opts.autoComplete}
        inputMode={opts.inputMode}
        value={draft[field]}
        aria-describedby={opts.hint ? `${id}-${field}-hint` : undefined}
        data-testid={`profile-${field}`}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
      />
      {opts.hint && (
        <p className="hint" id={`${id}-${field}-hint`}>
          {opts.hint}
        </p>
      )}
    </div>
  );

  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("profile.editTitle")}</h2>
      <form className="card form form-wide" onSubmit={(e) => void submit(e)}>
        <FormError error={error} testId="profile-error" />
        {done && <Success testId="profile-saved">{t("profile.saved")}</Success>}
        <div className="form-grid">
          {text("name", "text", { autoComplete: "name", required: true })}
          {text("nip", "text", { autoComplete: "off", inputMode: "numeric", hint: t("profile.nipHint") })}
          {text("phone", "tel", { autoComplete: "tel", inputMode: "tel", hint: t("profile.phoneHint") })}
          <div className="field">
            <label htmlFor={`${id}-language`}>{t("profile.language")}</label>
            <select id={`${id}-language`} value={draft.language} data-testid="profile-language" onChange={(e) => setDraft({ ...draft, language: isLang(e.target.value) ? e.target.value : "id" })}>
              <option value="id" lang="id">
                {t("profile.languageId")}
              </option>
              <option value="en" lang="en">
                {t("profile.languageEn")}
              </option>
            </select>
          </div>
        </div>
        <div>
          <button type="submit" className="button" disabled={busy} data-testid="profile-save">
            {t("profile.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
