import { defineConfig } from "vitest/config";

// Test files ending in .db.test.ts touch the database and run once per database kind
// (PANDU_TEST_DB=pglite|postgres); see scripts/run-tests.mjs.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
