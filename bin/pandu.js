#!/usr/bin/env node
// The `pandu` command. Runs the compiled CLI (dist/cli/main.js, `npm run build`) when it was built
// from the current sources; otherwise, in a checkout with the development tools, the TypeScript
// sources through tsx, so a change is never hidden behind an old build. PANDU_FROM_SOURCE=1 always
// runs the sources. A production install (no src/, no tsx) always runs dist.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const compiled = new URL("../dist/cli/main.js", import.meta.url);
const hasTsx = () => fs.existsSync(new URL("../node_modules/tsx", import.meta.url)) && fs.existsSync(new URL("../src/cli/main.ts", import.meta.url));

async function fresh() {
  if (!fs.existsSync(compiled)) return false;
  const { isFresh } = await import("../scripts/build-stamp.mjs");
  return isFresh(root, { web: false });
}

if (process.env.PANDU_FROM_SOURCE !== "1" && (!hasTsx() || (await fresh()))) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
