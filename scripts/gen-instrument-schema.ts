// Writes instruments/instrument.schema.json (JSON Schema of the instrument format) from the zod
// schema that validates instruments, so the two cannot drift. A test fails when it is stale.
// Run: node --import tsx scripts/gen-instrument-schema.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { instrumentJsonSchema } from "../src/core/instruments/instrument-json-schema";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../instruments/instrument.schema.json");
fs.writeFileSync(out, `${JSON.stringify(instrumentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
