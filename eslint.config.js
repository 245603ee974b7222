// Lint rules: typescript-eslint's recommended set, plus the layering of ARCHITECTURE.md ("Layers and
// the rules that check them"): which folder of src/ may import which, relative paths included, over
// .ts and .tsx; the pure core's rules are also checked by test/core/core-purity.test.ts, and every
// CSV is written by src/lib/csv-write.ts (formula cells neutralised).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The folders of src/ each folder may NOT import (by relative path). */
const FORBIDDEN_LAYERS = {
  lib: ["db", "server", "cli", "web", "config", "startup"],
  config: ["db", "server", "cli", "web", "startup"],
  db: ["server", "cli", "web", "startup"],
  startup: ["server", "cli", "web"],
  server: ["cli", "web"],
  cli: ["server", "web"],
  web: ["lib", "db", "server", "cli", "config", "startup"],
};
const CORE_MESSAGE = "src/core is pure: it imports only other core files and zod (no I/O, database, HTTP, clock or UI).";
/** Handlers and commands of the server and the CLI read and write through src/db/queries and src/db/commands. */
const DB_ACCESS_MESSAGE = "read and write through src/db/queries and src/db/commands (a multi-table write is a named command): no drizzle-orm, no tables of src/db/schema (types are fine)";
/** Files allowed direct database access past the rule below: none today; add one only with a reason. */
const DB_ACCESS_EXEMPT = [];
const MAX_DEPTH = 6;

/**
 * One config object per folder and depth below src/: a file n folders below src/ reaches another
 * folder of src/ with exactly n "../", so the patterns match relative imports exactly.
 */
function layerRules() {
  const configs = [];
  const up = (depth) => `(?:\\.\\./){${depth}}`;
  const globs = (layer, depth) => [`src/${layer}/${"*/".repeat(depth - 1)}*.ts`, `src/${layer}/${"*/".repeat(depth - 1)}*.tsx`];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    for (const [layer, forbidden] of Object.entries(FORBIDDEN_LAYERS)) {
      const patterns = [{ regex: `^${up(depth)}(?:${forbidden.join("|")})(?:/|$)`, message: `src/${layer} may not import src/{${forbidden.join(",")}} (ARCHITECTURE.md, Layers).` }];
      if (layer === "web") patterns.push({ regex: "^(?:node:|fs$|path$|pg$|@electric-sql|drizzle-orm|fastify|@fastify)", message: "src/web runs in the browser: no Node, database or server packages." });
      const dbAccess = [
        { regex: "^drizzle-orm", message: DB_ACCESS_MESSAGE },
        { regex: `^${up(depth)}db/schema(?:/|$)`, message: DB_ACCESS_MESSAGE, allowTypeImports: true },
      ];
      const rule = (withDb) => ["error", { patterns: withDb && (layer === "server" || layer === "cli") ? [...patterns, ...dbAccess] : patterns }];
      configs.push({ files: globs(layer, depth), rules: { "@typescript-eslint/no-restricted-imports": rule(true) } });
      if (layer === "server" || layer === "cli") {
        const exempt = DB_ACCESS_EXEMPT.filter((f) => f.split("/").length - 2 === depth && f.startsWith(`src/${layer}/`));
        if (exempt.length) configs.push({ files: exempt, rules: { "@typescript-eslint/no-restricted-imports": rule(false) } });
      }
    }
    configs.push({
      files: globs("core", depth),
      rules: {
        "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ regex: `^${up(depth)}`, message: CORE_MESSAGE }, { regex: "^(?!zod$|\\.)", message: CORE_MESSAGE }] }],
      },
    });
  }
  configs.push(
    {
      files: ["src/core/**/*.ts", "src/core/**/*.tsx"],
      rules: {
        "no-restricted-globals": ["error", "fetch", "process", "performance", "Date", "crypto", "require", "setTimeout", "setInterval", "globalThis"],
        "no-restricted-syntax": [
          "error",
          { selector: "ImportDeclaration[specifiers.length=0]", message: "src/core has no side-effect imports (`import \"x\"`)." },
          { selector: "ImportExpression", message: "src/core loads nothing at run time." },
          { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "src/core draws no random numbers: pass them in." },
        ],
      },
    },
    { files: ["src/core/**/*.tsx"], rules: { "no-restricted-syntax": ["error", { selector: "Program", message: "src/core holds no .tsx: UI lives in src/web." }] } },
  );
  return configs;
}

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", ".test-results/", "src/db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly", fetch: "readonly", setTimeout: "readonly", __dirname: "readonly", performance: "readonly", document: "readonly", window: "readonly", localStorage: "readonly", navigator: "readonly", clearTimeout: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  ...layerRules(),
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/lib/csv-write.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "csv-stringify/sync", message: "Write CSV with writeCsv (src/lib/csv-write.ts): it neutralises formula cells." }, { name: "csv-stringify", message: "Write CSV with writeCsv (src/lib/csv-write.ts): it neutralises formula cells." }] }],
    },
  },
);
