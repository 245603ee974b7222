// Writes workflows/workflow.schema.json (JSON Schema of the workflow file format) from the zod
// schemas, so the two cannot drift. A test fails when it is stale.
// Run: node --import tsx scripts/gen-workflow-schema.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workflowJsonSchema } from "../src/core/workflows/workflow-json-schema";

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../workflows/workflow.schema.json");
fs.writeFileSync(out, `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
