import type { Command } from "commander";
import {
  PlanningError,
  PREDICATE_POLICIES,
  planMultiYear,
  planRoadmap,
  type CostTable,
  type PlanResult,
  type PlanTarget,
  type PredicatePolicy,
  type YearTarget,
} from "../../core";
import { resolveInstrument } from "../../lib/instrument-files";
import { CliError } from "../cli-error";
import { readJson } from "../read-input";

/** The score command's levels file: an object of indicator code → level (null = not answered). */
function parseLevels(raw: unknown, source: string): Record<string, number> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new CliError(`${source}: expected an object mapping indicator code to level`);
  const out: Record<string, number> = {};
  for (const [code, v] of Object.entries(raw)) {
    if (v === null) continue; // reported as missing by the planner
    if (typeof v !== "number") throw new CliError(`${source}: indicator ${code}: level ${JSON.stringify(v)} is not a number`);
    out[code] = v;
  }
  return out;
}

function parseCosts(raw: unknown, source: string): CostTable {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new CliError(`${source}: expected an object mapping indicator code to a cost or an array of step costs`);
  for (const [code, v] of Object.entries(raw)) {
    const ok = typeof v === "number" || (Array.isArray(v) && v.every((x) => typeof x === "number"));
    if (!ok) throw new CliError(`${source}: indicator ${code}: cost ${JSON.stringify(v)} is not a number or an array of numbers`);
  }
  return raw as CostTable;
}

/** "2.6" → an index; anything else → a predicate name. */
function parseTarget(text: string): PlanTarget {
  const t = text.trim();
  if (!t) throw new CliError("--target is empty");
  return /^\d+(\.\d+)?$/.test(t) ? { index: Number(t) } : { predicate: t };
}

/** "2025=Baik,2026=Sangat Baik" → yearly targets. */
function parseYears(text: string): YearTarget[] {
  return text.split(",").map((part) => {
    const m = /^\s*(\d{4})\s*=\s*(.+?)\s*$/.exec(part);
    if (!m) throw new CliError(`--target: expected YEAR=TARGET pairs separated by commas, not ${JSON.stringify(part)}`);
    return { year: Number(m[1]), target: parseTarget(m[2]!) };
  });
}

/** The plan without the full level map (the steps say what changes). */
function present(plan: PlanResult) {
  if (!plan.feasible) return plan;
  const { levels: _levels, ...rest } = plan;
  return rest;
}

/** `pandu plan`: the cheapest level rises that reach a target index or predicate. */
export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("the cheapest set of level rises that reaches a target index or predicate")
    .requiredOption("--instrument <id|path>", "bundled instrument id or instrument file")
    .requiredOption("--levels <file|->", "JSON file mapping indicator code to its current level, or - for stdin")
    .requiredOption("--target <target>", 'an index (2.6), a predicate (Baik), or yearly targets (2025=Baik,2026="Sangat Baik")')
    .option("--costs <file>", "JSON file mapping indicator code to a cost per step or an array of step costs (default 1 per step)")
    .option("--max-step <n>", "most levels one indicator may rise (per year)", "1")
    .option("--policy <policy>", "predicate policy: exact or rounded2", "exact")
    .action((opts: { instrument: string; levels: string; target: string; costs?: string; maxStep: string; policy: string }) => {
      if (!PREDICATE_POLICIES.includes(opts.policy as PredicatePolicy)) throw new CliError(`--policy must be exact or rounded2, not ${opts.policy}`);
      if (!/^\d+$/.test(opts.maxStep) || Number(opts.maxStep) < 1) throw new CliError(`--max-step must be a positive integer, not ${opts.maxStep}`);
      const compiled = resolveInstrument(opts.instrument);
      const levels = parseLevels(readJson(opts.levels), opts.levels);
      const costs = opts.costs === undefined ? undefined : parseCosts(readJson(opts.costs), opts.costs);
      const common = { levels, costs, maxStepsPerIndicator: Number(opts.maxStep), policy: opts.policy as PredicatePolicy };
      try {
        if (opts.target.includes("=")) {
          const years = planMultiYear(compiled, { ...common, targets: parseYears(opts.target) });
          console.log(JSON.stringify(years.map(({ year, plan }) => ({ year, ...present(plan) })), null, 2));
        } else {
          console.log(JSON.stringify(present(planRoadmap(compiled, { ...common, target: parseTarget(opts.target) })), null, 2));
        }
      } catch (e) {
        if (e instanceof PlanningError) throw new CliError(e.message);
        throw e;
      }
    });
}
