// What `npm test` counts: a pure function over one vitest run (its JSON report, the unhandled errors
// our reporter wrote, the exit status), so the counter itself is tested (test/scripts/test-summary.test.ts).
//
// A failure is any of: a failed test; a test file that failed without a failed test (it did not load,
// or a beforeAll/afterAll hook threw — vitest then marks the tests "skipped", not failed); an unhandled
// error or rejection (vitest prints "Errors" and exits 1 but puts them in no JSON field); a run that
// ended without a report, was interrupted, or exited non-zero with nothing else to explain it.

/**
 * Counts one vitest run.
 * @param {{ name: string, report?: any, errors?: { unhandled?: string[], reason?: string } | null, status?: number | null }} run
 *   `report`: the parsed `--reporter=json` file (absent when the run wrote none); `errors`: what
 *   scripts/vitest-errors-reporter.mjs wrote (absent when it wrote nothing); `status`: vitest's exit code.
 * @returns {{ name: string, passed: number, failed: number, failedTests: number, failedFiles: string[], unhandledErrors: number, problems: string[] }}
 */
export function countRun({ name, report, errors, status }) {
  const problems = [];
  if (!report) {
    problems.push(`the run wrote no report (exit status ${status ?? "none"}): it crashed before the end`);
    return { name, passed: 0, failed: 1, failedTests: 0, failedFiles: [], unhandledErrors: 0, problems };
  }
  const files = report.testResults ?? [];
  const failedTests = files.reduce((n, f) => n + (f.assertionResults ?? []).filter((a) => a.status === "failed").length, 0);
  // numFailedTests covers tests vitest reported outside testResults (none today); take the larger.
  const testFailures = Math.max(failedTests, report.numFailedTests ?? 0);
  const brokenFiles = files.filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"));
  for (const f of brokenFiles) problems.push(`${f.name}: ${f.message || "failed outside its tests (a hook threw or the file did not load)"}`);
  const failedFiles = brokenFiles.map((f) => f.name);
  const unhandled = errors?.unhandled ?? [];
  for (const m of unhandled) problems.push(`unhandled error: ${m}`);
  let failed = testFailures + failedFiles.length + unhandled.length;
  if (errors?.reason === "interrupted") {
    problems.push("the run was interrupted");
    failed += 1;
  }
  if (failed === 0 && status !== 0 && status !== undefined) {
    problems.push(`vitest exited with status ${status ?? "none (killed)"} although no failure was reported`);
    failed = 1;
  }
  if (failed === 0 && report.success === false) {
    problems.push("vitest reported the run as unsuccessful although no failure was counted");
    failed = 1;
  }
  return { name, passed: report.numPassedTests ?? 0, failed, failedTests: testFailures, failedFiles, unhandledErrors: unhandled.length, problems };
}

/**
 * Adds up the runs: the lines to print (one per run, then "N passed, N failed") and the exit code,
 * which is 1 when anything failed or nothing passed.
 * @param {ReturnType<typeof countRun>[]} runs
 * @returns {{ passed: number, failed: number, lines: string[], exitCode: number }}
 */
export function summarise(runs) {
  let passed = 0;
  let failed = 0;
  const lines = [];
  for (const r of runs) {
    passed += r.passed;
    failed += r.failed;
    const parts = [`${r.failedTests} tests`, `${r.failedFiles.length} files or hooks`, `${r.unhandledErrors} unhandled errors`];
    lines.push(`${r.name}: ${r.passed} passed, ${r.failed} failed (${parts.join(", ")})`);
    for (const p of r.problems) lines.push(`  ${p}`);
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { passed, failed, lines, exitCode: failed > 0 || passed === 0 ? 1 : 0 };
}
