/**
 * Application forms as data: the definition a service's officers write (a JSON or YAML file, later
 * the form builder), versioned and published like an instrument. The shapes are checked by
 * form-schema.ts, the rules that need the whole form by validate-form.ts.
 */

/** A text in Bahasa Indonesia (first) and English. */
export interface LocalizedText {
  id: string;
  en: string;
}

/** The field types a form may use; `section` and `group` hold no value of their own. */
export const FIELD_TYPES = [
  "text",
  "textarea",
  "number",
  "date",
  "email",
  "phone",
  "nik",
  "kk",
  "choice",
  "address",
  "file",
  "group",
  "section",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The Kemendagri region levels an address can go down to. */
export const REGION_LEVELS = ["province", "regency", "district", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Scalar a condition compares with. */
export type ConditionValue = string | number;

/**
 * When a field is shown. A field's value is looked up by its key path (`jenis_usaha`, or
 * `pemilik.status` inside the group `pemilik`); inside a repeating group a path names the field of
 * the same item.
 */
export type Condition =
  | { field: string; equals: ConditionValue }
  | { field: string; in: ConditionValue[] }
  | { field: string; notEmpty: true }
  | { all: Condition[] }
  | { any: Condition[] };

interface FieldBase {
  key: string;
  label: LocalizedText;
  help?: LocalizedText | undefined;
  when?: Condition | undefined;
}

/** What every field that collects a value says about the data (UU 27/2022). */
export interface DataFieldBase extends FieldBase {
  required?: boolean | undefined;
  /** Why the data is collected, shown to the applicant. */
  purpose?: LocalizedText | undefined;
  /** Days the value is kept after the application is closed; the form's default when absent. */
  retentionDays?: number | undefined;
  /** Specific (sensitive) personal data under Ps. 4(2) UU 27/2022: health, biometric, children, finance... */
  specificData?: boolean | undefined;
}

export interface TextField extends DataFieldBase {
  type: "text" | "textarea";
  minLength?: number | undefined;
  maxLength?: number | undefined;
  /** A regular expression the whole answer must match. */
  pattern?: string | undefined;
}
export interface NumberField extends DataFieldBase {
  type: "number";
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
}
export interface DateField extends DataFieldBase {
  type: "date";
  /** Earliest and latest allowed date (YYYY-MM-DD). */
  min?: string | undefined;
  max?: string | undefined;
  /** The date may not be after the day the application is checked (needs `today`). */
  notFuture?: boolean | undefined;
}
export interface SimpleField extends DataFieldBase {
  type: "email" | "phone" | "kk";
}
export interface NikField extends DataFieldBase {
  type: "nik";
  /** A date field (same level) holding the birth date the NIK must agree with. */
  birthDateField?: string | undefined;
}
export interface ChoiceOption {
  value: string;
  label: LocalizedText;
}
export interface ChoiceField extends DataFieldBase {
  type: "choice";
  multiple?: boolean | undefined;
  options: ChoiceOption[];
  minSelected?: number | undefined;
  maxSelected?: number | undefined;
}
export interface AddressField extends DataFieldBase {
  type: "address";
  /** The lowest level asked for (default `village`). */
  level?: RegionLevel | undefined;
  /** Also ask for the street, RT/RW and house number. */
  street?: boolean | undefined;
  /** Only regions inside this code (2, 4 or 6 digits), e.g. "1571" for Kota Jambi. */
  within?: string | undefined;
}
export interface FileField extends DataFieldBase {
  type: "file";
  /** Accepted media types (see FILE_MEDIA_TYPES). */
  accept: string[];
  maxSizeMb: number;
  /** How many files may be attached (default 1). */
  maxFiles?: number | undefined;
}
export interface GroupField extends FieldBase {
  type: "group";
  /** Repeated as a list of items (e.g. family members) between min and max times. */
  repeat?: { min?: number | undefined; max?: number | undefined } | undefined;
  fields: FormField[];
}
export interface SectionField extends FieldBase {
  type: "section";
}

export type DataField = TextField | NumberField | DateField | SimpleField | NikField | ChoiceField | AddressField | FileField;
export type FormField = DataField | GroupField | SectionField;

export const FORM_STATUSES = ["draft", "published"] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

export interface FormDefinition {
  $schema?: string | undefined;
  /** Stable id of the form, e.g. `kota-jambi-domisili-usaha`. */
  id: string;
  /** Whole number, raised with every published change; an application keeps the version it used. */
  version: number;
  status: FormStatus;
  title: LocalizedText;
  description?: LocalizedText | undefined;
  /** Agency code (Kemendagri, e.g. `15.71`) that runs the service. */
  agency?: string | undefined;
  /** Slug of the catalogue service the form belongs to. */
  service?: string | undefined;
  /** The service's legal basis: the lawful basis of processing (Ps. 20(2) huruf e UU 27/2022). */
  legalBasis?: string | undefined;
  /** Retention (days after closing) for fields that do not name their own. */
  defaultRetentionDays?: number | undefined;
  fields: FormField[];
}

/** Media types a file field may accept: the evidence upload types, checked by content on upload. */
export const FILE_MEDIA_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "video/mp4",
] as const;

/** The longest retention a field may name: 100 years (permanent archives are not form data). */
export const MAX_RETENTION_DAYS = 36_500;

export const isDataField = (f: FormField): f is DataField => f.type !== "group" && f.type !== "section";
