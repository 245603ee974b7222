import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = path.resolve(__dirname, "../../src/core");
const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
/** The code without its comments (a comment may say "process" or "Date"). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

// The core may import only other core files and zod. No database, HTTP, file system, clock, process,
// crypto or randomness; no side-effect imports and no .tsx (UI lives in src/web). The ESLint rules
// in eslint.config.js say the same while editing; this test holds when lint is skipped.
const ALLOWED_PACKAGES = new Set(["zod"]);
const FORBIDDEN = [/\bDate\b/, /\bcrypto\b/, /\bprocess\b/, /\bperformance\b/, /\bfetch\s*\(/, /\brequire\s*\(/, /\bMath\.random\s*\(/, /\bimport\s*\(/, /\bglobalThis\b/];

describe("src/core is pure", () => {
  const all = files(CORE);
  it("has source files, all of them .ts (no .tsx: UI lives in src/web)", () => {
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((f) => !f.endsWith(".ts")).map((f) => path.relative(CORE, f))).toEqual([]);
  });
  it.each(all.map((f) => [path.relative(CORE, f), f]))("%s imports nothing with I/O and reads no clock", (_rel, file) => {
    const text = code(fs.readFileSync(file, "utf8"));
    expect(text.match(/^\s*import\s*["'][^"']+["']/gm) ?? [], "side-effect imports").toEqual([]);
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) {
        expect(path.resolve(path.dirname(file), spec).startsWith(CORE + path.sep), `${spec} leaves src/core`).toBe(true);
      } else {
        expect(ALLOWED_PACKAGES.has(spec), `imports ${spec}`).toBe(true);
      }
    }
    for (const re of FORBIDDEN) expect(text.match(re)?.[0], `uses ${re}`).toBeUndefined();
  });
});
