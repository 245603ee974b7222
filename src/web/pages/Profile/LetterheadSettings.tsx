import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { fetchLetterhead, letterheadLogoUrl, removeLetterheadLogo, saveLetterhead, uploadLetterheadLogo, type Letterhead } from "../../letterheadApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorMessage, FormError, Loading, Success } from "../../components/Status";
import { useApi } from "../../useApi";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

const FIELDS = ["officeName", "address", "phone", "email", "website", "seat"] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const draftOf = (l: Letterhead): Draft => Object.fromEntries(FIELDS.map((f) => [f, l[f] ?? ""])) as Draft;

/** The largest logo the server accepts (checked here first, so a big file is not sent for nothing). */
const LOGO_MAX_BYTES = 1024 * 1024;

/** What the kop surat prints, as a small preview: logo left, the lines centred, a double rule beneath. */
function Preview({ code, l }: { code: string; l: Letterhead }) {
  const { t } = useTranslation();
  return (
    <figure className="letterhead-preview" aria-label={t("letterhead.preview")} data-testid="letterhead-preview">
      <div className="letterhead-preview-body">
        {l.logo ? <img src={letterheadLogoUrl(code, l.logo.sha256)} alt={t("letterhead.logoAlt")} className="letterhead-preview-logo" /> : null}
        <div className="letterhead-preview-text">
          <strong>{l.printed.governmentName}</strong>
          {l.printed.agencyName.toLocaleUpperCase("id-ID") !== l.printed.governmentName && <strong>{l.printed.agencyName}</strong>}
          {l.printed.address && <span>{l.printed.address}</span>}
          {l.printed.contact && <span>{l.printed.contact}</span>}
        </div>
      </div>
      <figcaption className="small muted">{l.printed.seat ? t("letterhead.seatShown", { seat: l.printed.seat }) : t("letterhead.seatMissing")}</figcaption>
    </figure>
  );
}

function LetterheadForm({ code, name, initial }: { code: string; name: string; initial: Letterhead }) {
  const { t } = useTranslation();
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [done, setDone] = useState<"text" | "logo" | null>(null);
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(draftOf(saved)));
  const text = useSubmit();
  const logo = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    await text.run(async () => {
      const next = await saveLetterhead(code, Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim() || null])) as Record<Field, string | null>);
      setSaved(next);
      setDraft(draftOf(next));
      setDone("text");
    });
  };
  const upload = async (file: File | undefined) => {
    setDone(null);
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES) {
      // The server's own answer, so the same sentence shows (it would refuse the file too).
      logo.setError(new ApiError(400, "logo_too_large", "larger than 1 MB", null, { field: "file", limitMegabytes: 1 }));
      return;
    }
    await logo.run(async () => {
      setSaved(await uploadLetterheadLogo(code, file));
      setDone("logo");
    });
  };
  const remove = async () => {
    setDone(null);
    await logo.run(async () => {
      setSaved(await removeLetterheadLogo(code));
      setDone("logo");
    });
  };

  const input = (field: Field, opts: { type?: string; autoComplete?: string; hint?: string; placeholder?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`letterhead.fields.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        type={opts.type ?? "text"}
        autoComplete={opts.autoComplete ?? "off"}
        value={draft[field]}
        placeholder={opts.placeholder}
        aria-describedby={opts.hint ? `${id}-${field}-hint` : undefined}
        data-testid={`letterhead-${field}`}
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
    <section className="section" aria-labelledby={`${id}-title`} data-testid={`letterhead-${code}`}>
      <h2 id={`${id}-title`}>{t("letterhead.title", { agency: name })}</h2>
      <p className="muted">{t("letterhead.intro")}</p>
      <Preview code={code} l={saved} />
      <form className="card form form-wide" onSubmit={(e) => void submit(e)}>
        <FormError error={text.error} testId="letterhead-error" />
        {done === "text" && <Success testId="letterhead-saved">{t("letterhead.saved")}</Success>}
        <div className="form-grid">
          {input("officeName", { hint: t("letterhead.officeNameHint") })}
          {input("address", { autoComplete: "street-address" })}
          {input("phone", { type: "tel", autoComplete: "tel" })}
          {input("email", { type: "email", autoComplete: "email" })}
          {input("website", { autoComplete: "url" })}
          {input("seat", { hint: saved.defaultSeat ? t("letterhead.seatHintDefault", { seat: saved.defaultSeat }) : t("letterhead.seatHint"), placeholder: saved.defaultSeat ?? undefined })}
        </div>
        <div>
          <button type="submit" className="button" disabled={text.busy} data-testid="letterhead-save">
            {t("letterhead.save")}
          </button>
        </div>
      </form>
      <div className="card form form-wide">
        <FormError error={logo.error} testId="letterhead-logo-error" />
        {done === "logo" && <Success testId="letterhead-logo-saved">{t("letterhead.logoSaved")}</Success>}
        <div className="field">
          <label htmlFor={`${id}-logo`}>{t("letterhead.logo")}</label>
          <input id={`${id}-logo`} type="file" accept="image/png,image/jpeg" aria-describedby={`${id}-logo-hint`} disabled={logo.busy} data-testid="letterhead-logo" onChange={(e) => void upload(e.target.files?.[0])} />
          <p className="hint" id={`${id}-logo-hint`}>
            {t("letterhead.logoHint")}
          </p>
        </div>
        {saved.logo && (
          <div>
            <ConfirmButton label={t("letterhead.logoRemove")} question={t("letterhead.logoRemoveQuestion")} testId="letterhead-logo-remove" onConfirm={remove} />
          </div>
        )}
      </div>
    </section>
  );
}

/** The "Kop surat" settings of one agency: the text fields, the logo upload and a preview of what documents print. */
export function LetterheadSettings({ code, name }: { code: string; name: string }) {
  const { t } = useTranslation();
  const state = useApi(`letterhead:${code}`, (signal) => fetchLetterhead(code, signal));
  if (state.status === "loading") return <Loading label={t("letterhead.loading")} />;
  if (state.status === "error") return <ErrorMessage error={state.error} retry={state.retry} />;
  return <LetterheadForm code={code} name={name} initial={state.data} />;
}
