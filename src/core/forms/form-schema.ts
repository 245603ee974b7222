import { z } from "zod";
import { FORM_STATUSES, REGION_LEVELS, type Condition, type FormField } from "./types";

/**
 * Zod schemas of the form file format (shapes only). validateForm parses each field with the schema
 * of its type, so that one bad field does not hide the problems of the others; the rules that need
 * the whole form (unique keys, conditions, retention) are in validate-form.ts.
 */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

export const LocalizedTextSchema = z.strictObject({
  id: z.string().trim().min(1, "a Bahasa Indonesia text is required"),
  en: z.string().trim().min(1, "an English text is required"),
});

const ConditionValueSchema = z.union([z.string(), z.number()]);

/** A condition as the JSON Schema describes it (validateForm checks conditions by hand, with paths). */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ field: z.string().min(1), equals: ConditionValueSchema }),
    z.strictObject({ field: z.string().min(1), in: z.array(ConditionValueSchema).min(1) }),
    z.strictObject({ field: z.string().min(1), notEmpty: z.literal(true) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
);

const key = z.string().regex(KEY_PATTERN, "use lower-case letters, digits and _ (starting with a letter)");

/** The schemas of every field type; `when` and a group's `fields` are given by the caller. */
export function fieldSchemas(when: z.ZodType, fields: z.ZodType) {
  const base = { key, label: LocalizedTextSchema, help: LocalizedTextSchema.optional(), when: when.optional() };
  const data = {
    ...base,
    required: z.boolean().optional(),
    purpose: LocalizedTextSchema.optional(),
    retentionDays: z.number().optional(),
    specificData: z.boolean().optional(),
  };
  const count = z.number().int().nonnegative();
  const text = {
    ...data,
    minLength: count.optional(),
    maxLength: z.number().int().positive().optional(),
    pattern: z.string().min(1).optional(),
  };
  return {
    text: z.strictObject({ type: z.literal("text"), ...text }),
    textarea: z.strictObject({ type: z.literal("textarea"), ...text }),
    number: z.strictObject({ type: z.literal("number"), ...data, min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional() }),
    date: z.strictObject({
      type: z.literal("date"),
      ...data,
      min: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD").optional(),
      max: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD").optional(),
      notFuture: z.boolean().optional(),
    }),
    email: z.strictObject({ type: z.literal("email"), ...data }),
    phone: z.strictObject({ type: z.literal("phone"), ...data }),
    nik: z.strictObject({ type: z.literal("nik"), ...data, birthDateField: z.string().min(1).optional() }),
    kk: z.strictObject({ type: z.literal("kk"), ...data }),
    choice: z.strictObject({
      type: z.literal("choice"),
      ...data,
      multiple: z.boolean().optional(),
      options: z.array(z.strictObject({ value: z.string().min(1), label: LocalizedTextSchema })),
      minSelected: count.optional(),
      maxSelected: z.number().int().positive().optional(),
    }),
    address: z.strictObject({
      type: z.literal("address"),
      ...data,
      level: z.enum(REGION_LEVELS).optional(),
      street: z.boolean().optional(),
      within: z.string().optional(),
    }),
    file: z.strictObject({
      type: z.literal("file"),
      ...data,
      accept: z.array(z.string()).min(1),
      maxSizeMb: z.number().positive(),
      maxFiles: z.number().int().positive().optional(),
    }),
    group: z.strictObject({
      type: z.literal("group"),
      ...base,
      repeat: z.strictObject({ min: count.optional(), max: z.number().int().positive().optional() }).optional(),
      fields,
    }),
    section: z.strictObject({ type: z.literal("section"), ...base }),
  } as const;
}

/** The form without its fields' insides (validateForm checks each field on its own). */
export function formHeaderSchema(fields: z.ZodType) {
  return z.strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens"),
    version: z.number().int().positive(),
    status: z.enum(FORM_STATUSES),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    agency: z.string().regex(/^(\d{2}(\.\d{2})?|KL\.[A-Za-z0-9.-]+)$/, "expected an agency code such as 15 or 15.71").optional(),
    service: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens").optional(),
    legalBasis: z.string().min(1).optional(),
    defaultRetentionDays: z.number().optional(),
    fields,
  });
}

/** The whole form as one schema, for the JSON Schema of the file format. */
export const FormFieldSchema: z.ZodType<FormField> = z.lazy(() => {
  const s = fieldSchemas(ConditionSchema, z.array(FormFieldSchema).min(1));
  return z.discriminatedUnion("type", [s.text, s.textarea, s.number, s.date, s.email, s.phone, s.nik, s.kk, s.choice, s.address, s.file, s.group, s.section]);
}) as unknown as z.ZodType<FormField>;

export const FormDefinitionSchema = formHeaderSchema(z.array(FormFieldSchema).min(1));

