import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { formJsonSchema } from "../../src/core/forms/form-json-schema";

it("forms/form.schema.json matches the zod schemas (regenerate with scripts/gen-form-schema.ts)", () => {
  const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../forms/form.schema.json"), "utf8"));
  expect(committed).toEqual(JSON.parse(JSON.stringify(formJsonSchema())));
});

it("the schema names every field type and the data protection properties", () => {
  const text = JSON.stringify(formJsonSchema());
  for (const t of ["text", "textarea", "number", "date", "email", "phone", "nik", "kk", "choice", "address", "file", "group", "section"]) {
    expect(text).toContain(`"const":"${t}"`);
  }
  for (const p of ["purpose", "retentionDays", "specificData", "defaultRetentionDays", "when"]) expect(text).toContain(`"${p}"`);
});
