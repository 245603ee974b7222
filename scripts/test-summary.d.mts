/** Types of scripts/test-summary.mjs for the TypeScript test that checks it. */
export interface RunCount {
  name: string;
  passed: number;
  failed: number;
  failedTests: number;
  failedFiles: string[];
  unhandledErrors: number;
  problems: string[];
}
export interface RunInput {
  name: string;
  report?: unknown;
  errors?: { unhandled?: string[]; reason?: string } | null;
  status?: number | null;
}
export function countRun(run: RunInput): RunCount;
export function summarise(runs: RunCount[]): { passed: number; failed: number; lines: string[]; exitCode: number };
