// Writes the API contract: docs/openapi.json and the web's generated types (scripts/api-contract.ts).
// Run: npm run gen:api            (writes both files)
//      npm run gen:api -- --check (CI: exits 1 naming the stale files, writes nothing)
import fs from "node:fs";
import path from "node:path";
import { apiContractFiles, ROOT, staleApiContractFiles } from "./api-contract";

if (process.argv.includes("--check")) {
  const stale = await staleApiContractFiles();
  if (stale.length > 0) {
    console.error(`stale generated API contract: ${stale.join(", ")} — run \`npm run gen:api\` and commit the result`);
    process.exit(1);
  }
  console.log("API contract up to date");
} else {
  for (const [file, text] of Object.entries(await apiContractFiles())) {
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
