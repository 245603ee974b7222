import { defineConfig } from "vitest/config";

// Test files ending in .db.test.ts touch the database and run once per database kind
// (PANDU_TEST_DB=pglite|postgres); see scripts/run-tests.mjs.
// On a slow or loaded machine (CI, PANDU_TEST_SLOW=1) the limits are longer: they catch hangs, not slowness
// (test/helpers/browser.ts scales the browser tests' own limits the same way).
const slow = process.env.CI === "true" || process.env.CI === "1" || process.env.PANDU_TEST_SLOW === "1" ? 3 : 1;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000 * slow,
    hookTimeout: 120_000 * slow,
    // expect.poll waits for what a page or a process does next: vitest's 1 s is too short on a busy machine.
    expect: { poll: { timeout: 15_000 * slow, interval: 100 } },
    pool: "forks",
    maxWorkers: 2,
  },
});
