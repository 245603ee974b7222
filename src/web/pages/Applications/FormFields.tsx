import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AddressField, ChoiceField, FileField, FormField, GroupField, RegionLevel } from "../../../core/forms/types";
import { REGION_LEVELS } from "../../../core/forms/types";
import { validateKk, validateNik } from "../../../core/forms/nik";
import { regionCodeProblem } from "../../../core/forms/region-codes";
import type { AnswerErrorItem, FileRef } from "../../applicationsApi";
import { errorText } from "../../errorText";
import { formatFileSize } from "../../format";
import { useLang } from "../../i18n";
import { answerErrorText, errorsAt, inputId, isObject, makeLookup, shown, text, type Answers } from "./answers";

interface Ctx {
  root: Answers;
  items: { keyPath: string; values: Answers }[];
  errors: AnswerErrorItem[];
  upload(field: string, file: File): Promise<FileRef>;
  disabled: boolean;
}

/** The fields of a form (or of a group) with their answers; `onChange` gets the new answers of this level. */
export function FormFields({ fields, values, onChange, ctx, keyPrefix = "", pathPrefix = "" }: { fields: FormField[]; values: Answers; onChange(v: Answers): void; ctx: Ctx; keyPrefix?: string; pathPrefix?: string }) {
  const lang = useLang();
  const lookup = makeLookup(ctx.root, ctx.items);
  return (
    <>
      {fields.map((field) => {
        if (!shown(field.when, lookup)) return null;
        const path = `${pathPrefix}${field.key}`;
        if (field.type === "section")
          return (
            <h2 key={field.key} className="form-section-title">
              {text(field.label, lang)}
            </h2>
          );
        const set = (v: unknown) => onChange({ ...values, [field.key]: v });
        if (field.type === "group") return <GroupInput key={field.key} field={field} value={values[field.key]} onChange={set} ctx={ctx} keyPath={`${keyPrefix}${field.key}`} path={path} />;
        return <FieldInput key={field.key} field={field} value={values[field.key]} onChange={set} ctx={ctx} path={path} />;
      })}
    </>
  );
}

function ErrorList({ errors, id }: { errors: AnswerErrorItem[]; id: string }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <ul className="field-error" id={id} data-testid={`${id}-errors`}>
      {errors.map((e, i) => (
        <li key={i}>{answerErrorText(t, e)}</li>
      ))}
    </ul>
  );
}

function Help({ field, id }: { field: FormField; id: string }) {
  const lang = useLang();
  const { t } = useTranslation();
  const purpose = "purpose" in field ? field.purpose : undefined;
  if (!field.help && !purpose) return null;
  return (
    <span className="hint" id={id}>
      {text(field.help, lang)}
      {purpose && ` ${t("applications.form.purpose")}: ${text(purpose, lang)}`}
    </span>
  );
}

function FieldInput({ field, value, onChange, ctx, path }: { field: Exclude<FormField, GroupField | { type: "section" }>; value: unknown; onChange(v: unknown): void; ctx: Ctx; path: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = inputId(path);
  const errors = errorsAt(ctx.errors, path);
  const describedBy = [`${id}-help`, errors.length ? `${id}-err` : ""].filter(Boolean).join(" ");
  const required = "required" in field && field.required === true;
  const label = (
    <>
      {text(field.label, lang)}
      {required && <span aria-hidden="true"> *</span>}
    </>
  );
  const str = typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  const common = { id, "aria-describedby": describedBy, "aria-invalid": errors.length > 0, required, disabled: ctx.disabled, "data-testid": id };
  let input: React.ReactNode;
  let hint: string | null = null;
  switch (field.type) {
    case "textarea":
      input = <textarea {...common} value={str} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} rows={4} />;
      break;
    case "number":
      input = <input {...common} type="number" inputMode="decimal" value={str} min={field.min} max={field.max} step={field.integer ? 1 : "any"} onChange={(e) => onChange(e.target.value === "" ? "" : Number(e.target.value))} />;
      break;
    case "date":
      input = <input {...common} type="date" value={str} min={field.min} max={field.max} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "email":
      input = <input {...common} type="email" autoComplete="email" value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "phone":
      input = <input {...common} type="tel" autoComplete="tel" value={str} onChange={(e) => onChange(e.target.value)} />;
      break;
    case "nik":
    case "kk": {
      input = <input {...common} type="text" inputMode="numeric" autoComplete="off" maxLength={16} value={str} onChange={(e) => onChange(e.target.value.replace(/\s/g, ""))} />;
      if (str.length > 0) {
        const r = field.type === "nik" ? validateNik(str) : validateKk(str);
        if (!r.ok) hint = r.reasons.map((reason) => answerErrorText(t, { code: `${field.type}_${reason}` })).join(" ");
      }
      break;
    }
    case "choice":
      return <ChoiceInput field={field} value={value} onChange={onChange} ctx={ctx} path={path} errors={errors} />;
    case "address":
      return <AddressInput field={field} value={value} onChange={onChange} ctx={ctx} path={path} errors={errors} />;
    case "file":
      return <FileInput field={field} value={value} onChange={onChange} ctx={ctx} path={path} errors={errors} />;
    default:
      input = <input {...common} type="text" value={str} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {input}
      <Help field={field} id={`${id}-help`} />
      {hint && (
        <span className="hint hint-warning" data-testid={`${id}-hint`}>
          {t("applications.form.checkHint")} {hint}
        </span>
      )}
      <ErrorList errors={errors} id={`${id}-err`} />
    </div>
  );
}

function ChoiceInput({ field, value, onChange, ctx, path, errors }: { field: ChoiceField; value: unknown; onChange(v: unknown): void; ctx: Ctx; path: string; errors: AnswerErrorItem[] }) {
  const lang = useLang();
  const id = inputId(path);
  const selected = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return (
    <fieldset className="form-field" aria-describedby={errors.length ? `${id}-err` : undefined} data-testid={id}>
      <legend>
        {text(field.label, lang)}
        {field.required && <span aria-hidden="true"> *</span>}
      </legend>
      <Help field={field} id={`${id}-help`} />
      {field.options.map((o) => (
        <label key={o.value} className="checkbox-label">
          <input
            type={field.multiple ? "checkbox" : "radio"}
            name={id}
            value={o.value}
            disabled={ctx.disabled}
            checked={selected.includes(o.value)}
            onChange={(e) => {
              if (!field.multiple) onChange(o.value);
              else onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value));
            }}
          />{" "}
          {text(o.label, lang)}
        </label>
      ))}
      <ErrorList errors={errors} id={`${id}-err`} />
    </fieldset>
  );
}

function AddressInput({ field, value, onChange, ctx, path, errors }: { field: AddressField; value: unknown; onChange(v: unknown): void; ctx: Ctx; path: string; errors: AnswerErrorItem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = inputId(path);
  const v = isObject(value) ? value : {};
  const levels: RegionLevel[] = REGION_LEVELS.slice(0, REGION_LEVELS.indexOf(field.level ?? "village") + 1);
  return (
    <fieldset className="form-field" data-testid={id}>
      <legend>
        {text(field.label, lang)}
        {field.required && <span aria-hidden="true"> *</span>}
      </legend>
      <Help field={field} id={`${id}-help`} />
      {levels.map((level) => {
        const code = typeof v[level] === "string" ? v[level] : "";
        const problem = code ? regionCodeProblem(code, level) : null;
        const subId = inputId(`${path}.${level}`);
        return (
          <div key={level}>
            <label htmlFor={subId}>{t(`applications.form.region.${level}`)}</label>
            <input
              id={subId}
              data-testid={subId}
              type="text"
              inputMode="numeric"
              value={code}
              disabled={ctx.disabled}
              placeholder={t(`applications.form.regionPlaceholder.${level}`)}
              aria-invalid={errorsAt(errors, `${path}.${level}`, true).length > 0}
              onChange={(e) => onChange({ ...v, [level]: e.target.value.trim() })}
            />
            {problem && <span className="hint hint-warning">{answerErrorText(t, { code: problem })}</span>}
          </div>
        );
      })}
      {field.street && (
        <div>
          <label htmlFor={inputId(`${path}.street`)}>{t("applications.form.street")}</label>
          <input type="text" id={inputId(`${path}.street`)} data-testid={inputId(`${path}.street`)} value={typeof v.street === "string" ? v.street : ""} disabled={ctx.disabled} onChange={(e) => onChange({ ...v, street: e.target.value })} />
        </div>
      )}
      <span className="hint">{t("applications.form.regionHint")}</span>
      <ErrorList errors={errors} id={`${id}-err`} />
    </fieldset>
  );
}

function FileInput({ field, value, onChange, ctx, path, errors }: { field: FileField; value: unknown; onChange(v: unknown): void; ctx: Ctx; path: string; errors: AnswerErrorItem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = inputId(path);
  const max = field.maxFiles ?? 1;
  const list = (Array.isArray(value) ? value : value ? [value] : []).filter(isObject);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const put = (next: Record<string, unknown>[]) => onChange(max > 1 ? next : (next[0] ?? null));
  return (
    <div className="form-field">
      <label htmlFor={id}>
        {text(field.label, lang)}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {list.length < max && (
        <input
          id={id}
          data-testid={id}
          type="file"
          accept={field.accept.join(",")}
          disabled={ctx.disabled || busy}
          aria-describedby={`${id}-help ${id}-limits`}
          onChange={async (e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            if (files.length === 0) return;
            setBusy(true);
            setFailure(null);
            const added: Record<string, unknown>[] = [];
            try {
              for (const file of files.slice(0, max - list.length)) added.push({ ...(await ctx.upload(field.key, file)) });
            } catch (err) {
              setFailure(errorText(t, err));
            } finally {
              setBusy(false);
            }
            if (added.length) put([...list, ...added]);
          }}
        />
      )}
      <Help field={field} id={`${id}-help`} />
      <span className="hint" id={`${id}-limits`}>
        {t("applications.form.fileLimits", { types: field.accept.map((a) => t(`applications.fileTypes.${a.replace(/[./]/g, "_")}`, { defaultValue: a })).join(", "), size: field.maxSizeMb, count: max })}
      </span>
      {busy && <span role="status">{t("applications.form.uploading")}</span>}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {list.length > 0 && (
        <ul className="file-list" data-testid={`${id}-files`}>
          {list.map((f, i) => (
            <li key={i}>
              {String(f.name)} ({typeof f.size === "number" ? formatFileSize(f.size, lang) : ""}){" "}
              {!ctx.disabled && (
                <button type="button" className="button button-small button-secondary" onClick={() => put(list.filter((_, j) => j !== i))}>
                  {t("applications.form.removeFile", { name: String(f.name) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorList errors={errors} id={`${id}-err`} />
    </div>
  );
}

function GroupInput({ field, value, onChange, ctx, keyPath, path }: { field: GroupField; value: unknown; onChange(v: unknown): void; ctx: Ctx; keyPath: string; path: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = inputId(path);
  const own = errorsAt(ctx.errors, path, true);
  if (!field.repeat) {
    const inner = isObject(value) ? value : {};
    return (
      <fieldset className="form-group" data-testid={id}>
        <legend>{text(field.label, lang)}</legend>
        <FormFields fields={field.fields} values={inner} onChange={onChange} ctx={ctx} keyPrefix={`${keyPath}.`} pathPrefix={`${path}.`} />
        <ErrorList errors={own} id={`${id}-err`} />
      </fieldset>
    );
  }
  const items = (Array.isArray(value) ? value : []).map((x) => (isObject(x) ? x : {}));
  const { min = 0, max } = field.repeat;
  const shownItems = items.length < min ? [...items, ...Array.from({ length: min - items.length }, () => ({}))] : items;
  return (
    <fieldset className="form-group" data-testid={id}>
      <legend>{text(field.label, lang)}</legend>
      {field.help && <span className="hint">{text(field.help, lang)}</span>}
      {shownItems.map((item, i) => (
        <fieldset key={i} className="form-group-item">
          <legend>{t("applications.form.item", { n: i + 1 })}</legend>
          <FormFields
            fields={field.fields}
            values={item}
            onChange={(next) => onChange(shownItems.map((x, j) => (j === i ? next : x)))}
            ctx={{ ...ctx, items: [...ctx.items, { keyPath, values: item }] }}
            keyPrefix={`${keyPath}.`}
            pathPrefix={`${path}[${i}].`}
          />
          {shownItems.length > min && !ctx.disabled && (
            <button type="button" className="button button-small button-secondary" onClick={() => onChange(shownItems.filter((_, j) => j !== i))}>
              {t("applications.form.removeItem", { n: i + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {(max === undefined || shownItems.length < max) && !ctx.disabled && (
        <button type="button" className="button button-small" data-testid={`${id}-add`} onClick={() => onChange([...shownItems, {}])}>
          {t("applications.form.addItem")}
        </button>
      )}
      <ErrorList errors={own} id={`${id}-err`} />
    </fieldset>
  );
}
