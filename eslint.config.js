// Lint rules: typescript-eslint's recommended set, plus the architecture rule that the pure core
// (src/core) imports nothing that does I/O (also checked by test/core/core-purity.test.ts), and every
// CSV is written by src/lib/csv-write.ts (formula cells neutralised).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/lib/csv-write.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "csv-stringify/sync", message: "Write CSV with writeCsv (src/lib/csv-write.ts): it neutralises formula cells." }, { name: "csv-stringify", message: "Write CSV with writeCsv (src/lib/csv-write.ts): it neutralises formula cells." }] }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(node:|fs|path|pg|@electric-sql|drizzle-orm|fastify|@fastify|http|net|os|child_process|react)", message: "src/core is pure: no I/O, database, HTTP or UI imports." }] },
      ],
      "no-restricted-globals": ["error", "fetch", "process", "performance"],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date']", message: "src/core reads no clock: pass dates in." }],
    },
  },
);
