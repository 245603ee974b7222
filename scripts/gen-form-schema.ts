// Writes forms/form.schema.json (JSON Schema of the form file format) from the zod schemas, so the
// two cannot drift. A test fails when it is stale.
// Run: node --import tsx scripts/gen-form-schema.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formJsonSchema } from "../src/core/forms/form-json-schema";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../forms/form.schema.json");
fs.writeFileSync(out, `${JSON.stringify(formJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
