import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countRun, summarise } from "../../scripts/test-summary.mjs";

// Real vitest 4 reports (JSON reporter + scripts/vitest-errors-reporter.mjs) of small runs, trimmed:
// what `npm test` must count. The exit status is the one vitest gave for that run.
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8")) as { report: unknown; errors: { unhandled: string[]; reason: string } };
const count = (name: string, status: number) => countRun({ name, ...fixture(name), status });

describe("the test summary counts every failure", () => {
  it("a green run: all passed, none failed, exit 0", () => {
    const s = summarise([count("ok", 0)]);
    expect(s.lines.at(-1)).toBe("1 passed, 0 failed");
    expect(s.exitCode).toBe(0);
  });

  it("a failed test", () => {
    expect(count("fail", 1)).toMatchObject({ passed: 1, failed: 1, failedTests: 1, failedFiles: [] });
  });

  it("a beforeAll that throws (a browser test whose server did not start) fails its file, though vitest marks its tests skipped", () => {
    const r = count("hook", 1);
    expect(r).toMatchObject({ passed: 1, failed: 1, failedTests: 0, failedFiles: ["test/hook.test.mjs"] });
    const s = summarise([r]);
    expect(s.lines.at(-1)).toBe("1 passed, 1 failed");
    expect(s.exitCode).toBe(1);
  });

  it("an afterAll that throws", () => {
    expect(count("after", 1)).toMatchObject({ passed: 1, failed: 1, failedFiles: ["test/after.test.mjs"] });
    expect(count("after", 1).problems).toEqual(["test/after.test.mjs: cleanup failed"]);
  });

  it("a file that fails to import", () => {
    const r = count("import", 1);
    expect(r).toMatchObject({ passed: 0, failed: 1, failedFiles: ["test/import.test.mjs"] });
    expect(r.problems[0]).toContain("Cannot find module");
  });

  it("an unhandled rejection, though every test passed", () => {
    const r = count("unhandled", 1);
    expect(r).toMatchObject({ passed: 1, failed: 1, failedTests: 0, unhandledErrors: 1 });
    expect(r.problems).toEqual(["unhandled error: leaked"]);
  });

  it("an unhandled error is still a failure when the errors reporter wrote nothing: the exit status counts", () => {
    const { report } = fixture("unhandled");
    expect(countRun({ name: "unhandled", report, status: 1 }).failed).toBe(1);
  });

  it("a run that crashed before writing its report", () => {
    const r = countRun({ name: "postgres", report: undefined, status: null });
    expect(r.failed).toBe(1);
    expect(summarise([count("ok", 0), r])).toMatchObject({ passed: 1, failed: 1, exitCode: 1 });
  });

  it("an interrupted run", () => {
    const { report } = fixture("ok");
    expect(countRun({ name: "ok", report, errors: { unhandled: [], reason: "interrupted" }, status: 0 }).failed).toBe(1);
  });

  it("adds the runs of both databases, and a run where nothing passed exits 1", () => {
    const s = summarise([count("fail", 1), count("hook", 1), count("unhandled", 1)]);
    expect(s.lines.at(-1)).toBe("3 passed, 3 failed");
    expect(summarise([]).exitCode).toBe(1);
  });
});
