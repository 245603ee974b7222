import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Condition, FieldType, FormDefinition, FormField, LocalizedText } from "../../../core/forms/types";
import { FIELD_TYPES, FILE_MEDIA_TYPES, REGION_LEVELS } from "../../../core/forms/types";
import type { FormProblemItem } from "../../formsApi";
import { earlierKeyPaths, editList, fieldAt, freshKey, moveField, newField, placePath, removeField, replaceField, retype, type FieldPlace } from "./formDraft";
import { ProblemList } from "./ProblemList";

type Loose = Record<string, unknown>;

interface Props {
  form: FormDefinition;
  place: FieldPlace;
  count: number;
  problems: FormProblemItem[];
  onChange(form: FormDefinition): void;
}

/** The problems that belong to a field itself (not to a field of its group). */
export function ownProblems(problems: FormProblemItem[], path: string): FormProblemItem[] {
  return problems.filter((p) => {
    if (!p.path.startsWith(path)) return false;
    const rest = p.path.slice(path.length);
    return rest === "" || ((rest.startsWith(".") || rest.startsWith("[")) && !rest.startsWith(".fields["));
  });
}

/** The builder's id of an input of a field (`fb-fields-2-fields-0-key`), for labels and tests. */
export const builderId = (path: string, what: string) => `fb-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-$/, "")}-${what}`;

/** Two inputs for a text in Bahasa Indonesia and English; both empty removes it when `optional`. */
function TextPair({ value, onChange, id, label, optional }: { value: LocalizedText | undefined; onChange(v: LocalizedText | undefined): void; id: string; label: string; optional?: boolean }) {
  const { t } = useTranslation();
  const set = (lang: "id" | "en", s: string) => {
    const next = { id: value?.id ?? "", en: value?.en ?? "", [lang]: s };
    onChange(optional && !next.id && !next.en ? undefined : next);
  };
  return (
    <div className="form-builder-pair">
      <label htmlFor={`${id}-id`}>
        {label} ({t("forms.builder.langId")})
      </label>
      <input id={`${id}-id`} data-testid={`${id}-id`} type="text" value={value?.id ?? ""} onChange={(e) => set("id", e.target.value)} />
      <label htmlFor={`${id}-en`}>
        {label} ({t("forms.builder.langEn")})
      </label>
      <input id={`${id}-en`} data-testid={`${id}-en`} type="text" value={value?.en ?? ""} onChange={(e) => set("en", e.target.value)} />
    </div>
  );
}

const numberOrUndefined = (s: string) => (s.trim() === "" ? undefined : Number(s));

function NumberInput({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange(v: number | undefined): void }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} data-testid={id} type="number" inputMode="numeric" value={typeof value === "number" ? value : ""} onChange={(e) => onChange(numberOrUndefined(e.target.value))} />
    </div>
  );
}

function Check({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange(v: boolean | undefined): void }) {
  return (
    <label className="checkbox-label" htmlFor={id}>
      <input id={id} data-testid={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked ? true : undefined)} /> {label}
    </label>
  );
}

/** "Show when": one simple condition (equals / not empty) on an earlier field; compound conditions stay as they are (JSON view). */
function ConditionEditor({ form, place, when, onChange, path }: { form: FormDefinition; place: FieldPlace; when: Condition | undefined; onChange(c: Condition | undefined): void; path: string }) {
  const { t } = useTranslation();
  const id = builderId(path, "when");
  if (when && !("field" in when && ("equals" in when || "notEmpty" in when))) {
    return (
      <p className="hint">
        {t("forms.builder.compoundCondition")}{" "}
        <button type="button" className="button button-small button-secondary" onClick={() => onChange(undefined)}>
          {t("forms.builder.removeCondition")}
        </button>
      </p>
    );
  }
  const keys = earlierKeyPaths(form, place);
  const op = !when ? "" : "notEmpty" in when ? "notEmpty" : "equals";
  const target = when && "field" in when ? when.field : "";
  const value = when && "equals" in when ? String(when.equals) : "";
  const set = (o: string, f: string, v: string) => onChange(!o || !f ? undefined : o === "notEmpty" ? { field: f, notEmpty: true } : { field: f, equals: v });
  const options = target && !keys.includes(target) ? [...keys, target] : keys;
  return (
    <fieldset className="form-builder-condition">
      <legend>{t("forms.builder.condition")}</legend>
      <label htmlFor={`${id}-field`}>{t("forms.builder.conditionField")}</label>
      <select id={`${id}-field`} data-testid={`${id}-field`} value={target} onChange={(e) => set(op || "equals", e.target.value, value)}>
        <option value="">{t("forms.builder.always")}</option>
        {options.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      {target && (
        <>
          <label htmlFor={`${id}-op`}>{t("forms.builder.conditionOp")}</label>
          <select id={`${id}-op`} data-testid={`${id}-op`} value={op} onChange={(e) => set(e.target.value, target, value)}>
            <option value="equals">{t("forms.builder.opEquals")}</option>
            <option value="notEmpty">{t("forms.builder.opNotEmpty")}</option>
          </select>
          {op === "equals" && (
            <>
              <label htmlFor={`${id}-value`}>{t("forms.builder.conditionValue")}</label>
              <input id={`${id}-value`} data-testid={`${id}-value`} type="text" value={value} onChange={(e) => set("equals", target, e.target.value)} />
            </>
          )}
        </>
      )}
    </fieldset>
  );
}

/** One field of the form in the builder: its type, key, texts, rules, condition and data protection; groups hold their own fields. */
export function FieldEditor({ form, place, count, problems, onChange }: Props) {
  const { t } = useTranslation();
  const path = placePath(place);
  const field = fieldAt(form, place);
  const f = field as unknown as Loose;
  const id = (what: string) => builderId(path, what);
  const put = (changes: Loose) => {
    const next: Loose = { ...f, ...changes };
    for (const k of Object.keys(changes)) if (changes[k] === undefined) delete next[k];
    onChange(replaceField(form, place, next as unknown as FormField));
  };
  const index = place[place.length - 1]!;
  const isData = field.type !== "group" && field.type !== "section";
  const mine = ownProblems(problems, path);
  return (
    <li className="card form-builder-field" data-testid={id("card")} aria-invalid={mine.length > 0}>
      <div className="form-builder-head">
        <h3>
          {t(`forms.types.${field.type}`, { defaultValue: field.type })}: {field.label.id || field.key}
        </h3>
        <div className="button-row">
          <button type="button" className="button button-small button-secondary" disabled={index === 0} onClick={() => onChange(moveField(form, place, -1))} aria-label={t("forms.builder.moveUp", { key: field.key })}>
            ↑
          </button>
          <button type="button" className="button button-small button-secondary" disabled={index === count - 1} onClick={() => onChange(moveField(form, place, 1))} aria-label={t("forms.builder.moveDown", { key: field.key })}>
            ↓
          </button>
          <button type="button" className="button button-small button-danger" data-testid={id("remove")} onClick={() => onChange(removeField(form, place))}>
            {t("forms.builder.removeField", { key: field.key })}
          </button>
        </div>
      </div>
      <ProblemList problems={mine} testId={id("problems")} />
      <div className="form-builder-grid">
        <div>
          <label htmlFor={id("type")}>{t("forms.builder.type")}</label>
          <select id={id("type")} data-testid={id("type")} value={field.type} onChange={(e) => onChange(replaceField(form, place, retype(field, e.target.value as FieldType)))}>
            {FIELD_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`forms.types.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("key")}>{t("forms.builder.key")}</label>
          <input id={id("key")} data-testid={id("key")} type="text" value={field.key} aria-describedby={`${id("key")}-hint`} onChange={(e) => put({ key: e.target.value })} />
          <span className="hint" id={`${id("key")}-hint`}>
            {t("forms.builder.keyHint")}
          </span>
        </div>
      </div>
      <TextPair id={id("label")} label={t("forms.builder.label")} value={field.label} onChange={(v) => put({ label: v ?? { id: "", en: "" } })} />
      <TextPair id={id("help")} label={t("forms.builder.help")} value={field.help} optional onChange={(v) => put({ help: v })} />
      {isData && <Check id={id("required")} label={t("forms.builder.required")} value={f.required} onChange={(v) => put({ required: v })} />}
      <TypeOptions field={field} put={put} id={id} />
      <ConditionEditor form={form} place={place} when={field.when} path={path} onChange={(when) => put({ when })} />
      {isData && (
        <fieldset>
          <legend>{t("forms.builder.dataProtection")}</legend>
          <TextPair id={id("purpose")} label={t("forms.builder.purpose")} value={f.purpose as LocalizedText | undefined} optional onChange={(v) => put({ purpose: v })} />
          <NumberInput id={id("retention")} label={t("forms.builder.retentionDays")} value={f.retentionDays} onChange={(v) => put({ retentionDays: v })} />
          <Check id={id("specific")} label={t("forms.builder.specificData")} value={f.specificData} onChange={(v) => put({ specificData: v })} />
        </fieldset>
      )}
      {field.type === "group" && <FieldList form={form} groupPlace={place} fields={field.fields} problems={problems} onChange={onChange} />}
    </li>
  );
}

/** The options that belong to one field type. */
function TypeOptions({ field, put, id }: { field: FormField; put(c: Loose): void; id(what: string): string }) {
  const { t } = useTranslation();
  const f = field as unknown as Loose;
  switch (field.type) {
    case "text":
    case "textarea":
      return (
        <div className="form-builder-grid">
          <NumberInput id={id("minLength")} label={t("forms.builder.minLength")} value={f.minLength} onChange={(v) => put({ minLength: v })} />
          <NumberInput id={id("maxLength")} label={t("forms.builder.maxLength")} value={f.maxLength} onChange={(v) => put({ maxLength: v })} />
          <div>
            <label htmlFor={id("pattern")}>{t("forms.builder.pattern")}</label>
            <input id={id("pattern")} type="text" value={typeof f.pattern === "string" ? f.pattern : ""} onChange={(e) => put({ pattern: e.target.value || undefined })} />
          </div>
        </div>
      );
    case "number":
      return (
        <div className="form-builder-grid">
          <NumberInput id={id("min")} label={t("forms.builder.min")} value={f.min} onChange={(v) => put({ min: v })} />
          <NumberInput id={id("max")} label={t("forms.builder.max")} value={f.max} onChange={(v) => put({ max: v })} />
          <Check id={id("integer")} label={t("forms.builder.integer")} value={f.integer} onChange={(v) => put({ integer: v })} />
        </div>
      );
    case "date":
      return (
        <div className="form-builder-grid">
          {(["min", "max"] as const).map((k) => (
            <div key={k}>
              <label htmlFor={id(k)}>{t(`forms.builder.date_${k}`)}</label>
              <input id={id(k)} type="date" value={typeof f[k] === "string" ? f[k] : ""} onChange={(e) => put({ [k]: e.target.value || undefined })} />
            </div>
          ))}
          <Check id={id("notFuture")} label={t("forms.builder.notFuture")} value={f.notFuture} onChange={(v) => put({ notFuture: v })} />
        </div>
      );
    case "nik":
      return (
        <div>
          <label htmlFor={id("birthDateField")}>{t("forms.builder.birthDateField")}</label>
          <input id={id("birthDateField")} type="text" value={typeof f.birthDateField === "string" ? f.birthDateField : ""} onChange={(e) => put({ birthDateField: e.target.value || undefined })} />
        </div>
      );
    case "choice":
      return (
        <fieldset>
          <legend>{t("forms.builder.options")}</legend>
          <Check id={id("multiple")} label={t("forms.builder.multiple")} value={field.multiple} onChange={(v) => put({ multiple: v, ...(v ? {} : { minSelected: undefined, maxSelected: undefined }) })} />
          <ol className="form-builder-options">
            {field.options.map((o, i) => (
              <li key={i}>
                <label htmlFor={id(`option-${i}-value`)}>{t("forms.builder.optionValue")}</label>
                <input id={id(`option-${i}-value`)} data-testid={id(`option-${i}-value`)} type="text" value={o.value} onChange={(e) => put({ options: field.options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
                <TextPair id={id(`option-${i}-label`)} label={t("forms.builder.optionLabel")} value={o.label} onChange={(v) => put({ options: field.options.map((x, j) => (j === i ? { ...x, label: v ?? { id: "", en: "" } } : x)) })} />
                <button type="button" className="button button-small button-secondary" onClick={() => put({ options: field.options.filter((_, j) => j !== i) })}>
                  {t("forms.builder.removeOption", { n: i + 1 })}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button button-small" data-testid={id("add-option")} onClick={() => put({ options: [...field.options, { value: `pilihan_${field.options.length + 1}`, label: { id: `Pilihan ${field.options.length + 1}`, en: `Option ${field.options.length + 1}` } }] })}>
            {t("forms.builder.addOption")}
          </button>
        </fieldset>
      );
    case "address":
      return (
        <div className="form-builder-grid">
          <div>
            <label htmlFor={id("level")}>{t("forms.builder.level")}</label>
            <select id={id("level")} value={field.level ?? "village"} onChange={(e) => put({ level: e.target.value })}>
              {REGION_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`applications.form.region.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={id("within")}>{t("forms.builder.within")}</label>
            <input id={id("within")} type="text" inputMode="numeric" value={field.within ?? ""} onChange={(e) => put({ within: e.target.value.trim() || undefined })} />
          </div>
          <Check id={id("street")} label={t("forms.builder.street")} value={field.street} onChange={(v) => put({ street: v })} />
        </div>
      );
    case "file":
      return (
        <fieldset>
          <legend>{t("forms.builder.fileRules")}</legend>
          {FILE_MEDIA_TYPES.map((m) => (
            <label key={m} className="checkbox-label">
              <input type="checkbox" checked={field.accept.includes(m)} onChange={(e) => put({ accept: e.target.checked ? [...field.accept, m] : field.accept.filter((x) => x !== m) })} /> {t(`applications.fileTypes.${m.replace(/[./]/g, "_")}`, { defaultValue: m })}
            </label>
          ))}
          <div className="form-builder-grid">
            <NumberInput id={id("maxSizeMb")} label={t("forms.builder.maxSizeMb")} value={field.maxSizeMb} onChange={(v) => put({ maxSizeMb: v })} />
            <NumberInput id={id("maxFiles")} label={t("forms.builder.maxFiles")} value={field.maxFiles} onChange={(v) => put({ maxFiles: v })} />
          </div>
        </fieldset>
      );
    case "group":
      return (
        <div className="form-builder-grid">
          <Check id={id("repeat")} label={t("forms.builder.repeat")} value={field.repeat !== undefined || undefined} onChange={(v) => put({ repeat: v ? { min: 1 } : undefined })} />
          {field.repeat && (
            <>
              <NumberInput id={id("repeatMin")} label={t("forms.builder.repeatMin")} value={field.repeat.min} onChange={(v) => put({ repeat: { ...field.repeat, min: v } })} />
              <NumberInput id={id("repeatMax")} label={t("forms.builder.repeatMax")} value={field.repeat.max} onChange={(v) => put({ repeat: { ...field.repeat, max: v } })} />
            </>
          )}
        </div>
      );
    default:
      return null;
  }
}

/** The fields of the form's root or of a group, each editable, and a way to add one of any type. */
export function FieldList({ form, groupPlace, fields, problems, onChange }: { form: FormDefinition; groupPlace: FieldPlace; fields: FormField[]; problems: FormProblemItem[]; onChange(form: FormDefinition): void }) {
  const { t } = useTranslation();
  const addId = builderId(groupPlace.length ? placePath(groupPlace) : "root", "add");
  const [type, setType] = useState<FieldType>("text");
  const add = () => onChange(editList(form, groupPlace, (list) => [...list, newField(type, freshKey(list))]));
  return (
    <>
      <ol className="form-builder-fields">
        {fields.map((_, i) => (
          <FieldEditor key={i} form={form} place={[...groupPlace, i]} count={fields.length} problems={problems} onChange={onChange} />
        ))}
      </ol>
      <div className="button-row">
        <label htmlFor={`${addId}-type`} className="visually-hidden">
          {t("forms.builder.newFieldType")}
        </label>
        <select id={`${addId}-type`} data-testid={`${addId}-type`} value={type} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`forms.types.${ty}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" data-testid={addId} onClick={add}>
          {groupPlace.length ? t("forms.builder.addSubField") : t("forms.builder.addField")}
        </button>
      </div>
    </>
  );
}
