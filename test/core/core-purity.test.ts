import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CORE = path.resolve(__dirname, "../../src/core");
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));

// The core may import only other core files and zod. No database, HTTP, file system or clock.
const ALLOWED_PACKAGES = new Set(["zod"]);
const FORBIDDEN_CALLS = [/\bDate\.now\s*\(/, /\bnew Date\s*\(/, /\bperformance\.now\s*\(/, /\bprocess\./, /\bfetch\s*\(/, /\brequire\s*\(/, /\bMath\.random\s*\(/];

describe("src/core is pure", () => {
  const all = files(CORE);
  it("has source files", () => expect(all.length).toBeGreaterThan(5));
  it.each(all.map((f) => [path.relative(CORE, f), f]))("%s imports nothing with I/O and reads no clock", (_rel, file) => {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']/g)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith(".")) {
        expect(path.resolve(path.dirname(file), spec).startsWith(CORE), `${spec} leaves src/core`).toBe(true);
      } else {
        expect(ALLOWED_PACKAGES.has(spec), `imports ${spec}`).toBe(true);
      }
    }
    for (const re of FORBIDDEN_CALLS) expect(re.test(text), `uses ${re}`).toBe(false);
  });
});
