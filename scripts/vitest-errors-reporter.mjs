// A vitest reporter that writes what the JSON reporter leaves out: the unhandled errors and rejections
// of the run and why it ended ("passed", "failed", "interrupted"). scripts/run-tests.mjs passes the
// file in PANDU_VITEST_ERRORS_FILE and counts each error as a failure (scripts/test-summary.mjs).
import fs from "node:fs";

/** Writes `{ reason, unhandled: [message…] }` to PANDU_VITEST_ERRORS_FILE at the end of the run. */
export default class ErrorsReporter {
  onTestRunEnd(_testModules, unhandledErrors, reason) {
    const file = process.env.PANDU_VITEST_ERRORS_FILE;
    if (!file) return;
    const unhandled = (unhandledErrors ?? []).map((e) => String(e?.message ?? e).split("\n")[0]);
    fs.writeFileSync(file, JSON.stringify({ reason, unhandled }));
  }
}
