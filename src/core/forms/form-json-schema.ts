import { z } from "zod";
import { FormDefinitionSchema } from "./form-schema";

/**
 * The form file format as a JSON Schema document (draft 2020-12), derived from the zod schemas so
 * the two cannot drift. Unique keys, conditions, retention and ranges are checked by
 * `pandu forms validate`, not by the schema.
 */
export function formJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(FormDefinitionSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $id: "urn:pandu-spbe:form-schema:1",
    title: "Pandu application form",
    description:
      "An online application form as data: typed fields (NIK, KK, Kemendagri addresses, choices, files, repeating groups) with labels in Bahasa Indonesia and English, conditions, and the purpose and retention of every data field (UU 27/2022). Checked completely by `pandu forms validate`.",
    ...schema,
  };
}
