import fs from "node:fs";
import { CliError } from "./cli-error";

/** Reads a file, or standard input when the name is "-". */
export function readFileOrStdin(file: string): string {
  try {
    return file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  } catch {
    throw new CliError(`cannot read ${file === "-" ? "standard input" : file}`);
  }
}

/** Parses JSON from a file or stdin, naming the source on failure. */
export function readJson(file: string): unknown {
  const text = readFileOrStdin(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file === "-" ? "standard input" : file}: not valid JSON: ${(e as Error).message}`);
  }
}
