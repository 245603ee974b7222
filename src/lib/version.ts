import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The version in package.json. */
export const VERSION: string = (
  JSON.parse(fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json"), "utf8")) as { version: string }
).version;
