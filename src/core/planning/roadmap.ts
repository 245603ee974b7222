import type { CompiledInstrument } from "../scoring/compile-instrument";
import { fromScaledInt, toScaledInt } from "../scoring/fixed-point";
import { numeratorOfHundredths, valueHundredths } from "../scoring/index-numerator";
import { ScoringError } from "../scoring/scoring-error";
import { predicateFor, roundTenThousandthsToHundredths, type PredicatePolicy } from "../scoring/predicate";
import { PlanningError } from "./planning-error";

/** A target index (up to four decimals; 2.6 means 2.6000) or a predicate (that one or better). */
export type PlanTarget = { index: number } | { predicate: string };
/**
 * Cost per indicator code (default 1 per step; an indicator valued from another agency's index —
 * `externalScore` — is held at its value unless named here). A number: every step costs that. An array: the cost
 * of each step from the current level upward (index 0 = current → current + 1); steps beyond the
 * array are not offered, entries beyond the top level are ignored. Costs are positive with at most
 * two decimals.
 */
export type CostTable = Record<string, number | number[]>;

export interface PlanInput {
  /** Every indicator's current level (a decimal such as 1.26 where the instrument declares decimals). */
  levels: Record<string, number>;
  target: PlanTarget;
  costs?: CostTable;
  /** Most levels one indicator may rise in the plan (default 1). */
  maxStepsPerIndicator?: number;
  policy: PredicatePolicy;
}

/**
 * Raise `indicator` from `from` to `to` at `cost` (the sum of its step costs). Steps end on whole
 * levels: a decimal value (1.26) rises to the next whole level (2) in its first step.
 */
export interface PlanStep {
  indicator: string;
  from: number;
  to: number;
  cost: number;
}

export type PlanResult =
  | {
      feasible: true;
      /** In instrument order. */
      steps: PlanStep[];
      totalCost: number;
      /** Planned index rounded half-up to two decimals, as published. */
      index: number;
      /** Planned index, exact (four decimals). */
      indexExact: number;
      predicate: string;
      indicatorsTouched: number;
      /** Every indicator's level after the plan. */
      levels: Record<string, number>;
    }
  | {
      feasible: false;
      /** Highest index reachable with every indicator at its highest allowed level (two decimals). */
      maxIndex: number;
      maxIndexExact: number;
      maxPredicate: string;
      reason: string;
    };

export interface YearTarget {
  year: number;
  target: PlanTarget;
}

/** Costs are held in integer hundredths so that sums and comparisons stay exact. */
const COST_PLACES = 2;

/** Validated per-indicator step costs (hundredths); `stepCost(i, j)` is step j above the base level. */
interface ParsedCosts {
  /** Per indicator: null = default 1 per step; number = flat; array = per step from the base level. */
  table: (number | number[] | null)[];
}

function checkLevels(compiled: CompiledInstrument, levels: Record<string, number>): Int32Array {
  if (typeof levels !== "object" || levels === null || Array.isArray(levels)) {
    throw new PlanningError("missing_levels", "levels must map every indicator code to a level");
  }
  const unknown = Object.keys(levels).filter((c) => !compiled.position.has(c));
  if (unknown.length) throw new PlanningError("unknown_indicator", `unknown indicator code(s): ${unknown.join(", ")}`, { codes: unknown });
  const missing = compiled.codes.filter((c) => levels[c] === undefined || levels[c] === null);
  if (missing.length) throw new PlanningError("missing_levels", `no level for indicator(s): ${missing.join(", ")}`, { codes: missing });
  // Values in integer hundredths (1.26 → 126).
  const out = new Int32Array(compiled.codes.length);
  compiled.codes.forEach((code, i) => {
    try {
      out[i] = valueHundredths(compiled, i, levels[code]);
    } catch (e) {
      if (e instanceof ScoringError) throw new PlanningError("invalid_level", e.message, e.details);
      throw e;
    }
  });
  return out;
}

function scaledCost(code: string, v: unknown, where: string): number {
  const scaled = typeof v === "number" ? toScaledInt(v, COST_PLACES) : null;
  if (scaled === null || scaled <= 0) {
    throw new PlanningError("invalid_cost", `indicator ${code}: cost ${where}${JSON.stringify(v)} must be a positive number with at most two decimals`, {
      codes: [code],
      values: [v],
    });
  }
  return scaled;
}

function parseCosts(compiled: CompiledInstrument, costs: CostTable | undefined): ParsedCosts {
  const table: (number | number[] | null)[] = new Array(compiled.codes.length).fill(null);
  if (costs === undefined) return { table };
  if (typeof costs !== "object" || costs === null || Array.isArray(costs)) {
    throw new PlanningError("invalid_cost", "costs must map indicator codes to a cost or an array of step costs");
  }
  const unknown = Object.keys(costs).filter((c) => !compiled.position.has(c));
  if (unknown.length) throw new PlanningError("unknown_indicator", `costs name unknown indicator code(s): ${unknown.join(", ")}`, { codes: unknown });
  for (const [code, v] of Object.entries(costs)) {
    const i = compiled.position.get(code)!;
    if (Array.isArray(v)) {
      if (v.length === 0) throw new PlanningError("invalid_cost", `indicator ${code}: the cost array is empty`, { codes: [code] });
      table[i] = v.map((x, j) => scaledCost(code, x, `of step ${j + 1} `));
    } else table[i] = scaledCost(code, v, "");
  }
  return { table };
}

function checkMaxSteps(value: number | undefined): number {
  const v = value ?? 1;
  if (!(typeof v === "number" && Number.isInteger(v) && v >= 1)) {
    throw new PlanningError("invalid_option", `maxStepsPerIndicator must be a positive integer, not ${String(value)}`, { codes: [], values: [value] });
  }
  return v;
}

/** Highest numerator any set of levels can reach (every indicator at the top level). */
function topNumerator(compiled: CompiledInstrument): number {
  let w = 0;
  for (let i = 0; i < compiled.weights.length; i++) w += compiled.weights[i]!;
  return compiled.levelMax * w;
}

/**
 * The smallest numerator (index × 10 000) that meets the target, or Infinity when no levels can. A
 * predicate target is found by bisection on `predicateFor` itself (it is monotone in the numerator),
 * so both policies and any instrument's bands are honoured without restating the banding rule.
 */
export function targetNumerator(compiled: CompiledInstrument, target: PlanTarget, policy: PredicatePolicy): number {
  const top = topNumerator(compiled);
  if (typeof target !== "object" || target === null) throw new PlanningError("invalid_target", "target must be { index } or { predicate }");
  if ("index" in target) {
    const scaled = typeof target.index === "number" ? toScaledInt(target.index, 4) : null;
    if (scaled === null || scaled < 0) {
      throw new PlanningError("invalid_target", `target index ${String(target.index)} must be a non-negative number with at most four decimals`, {
        codes: [],
        values: [target.index],
      });
    }
    return scaled > top ? Number.POSITIVE_INFINITY : scaled;
  }
  if ("predicate" in target) {
    const rank = compiled.predicates.findIndex((b) => b.name === target.predicate);
    if (rank < 0) {
      throw new PlanningError("invalid_target", `unknown predicate ${JSON.stringify(target.predicate)}; expected one of ${compiled.predicates.map((b) => b.name).join(", ")}`, {
        codes: [],
        values: [target.predicate],
      });
    }
    const rankAt = (numerator: number) => compiled.predicates.findIndex((b) => b.name === predicateFor(compiled, numerator, policy));
    if (rankAt(top) > rank) return Number.POSITIVE_INFINITY;
    let lo = 0;
    let hi = top; // invariant: hi meets the target
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (rankAt(mid) <= rank) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  throw new PlanningError("invalid_target", "target must be { index } or { predicate }");
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Multiple-choice knapsack: for each indicator pick a rise s in 0..k (cumulative cost cum[i][s],
 * index gain gain[i][s]) so that Σ gain ≥ need at the least cost; ties go to fewer indicators
 * touched, then fewer steps, then to the larger rise of the earlier indicator. Dynamic programming
 * over the index units still needed, capped at `need` (overshoot counts as done); units are gains
 * divided by their common divisor, which keeps the table small (6 400 states for 59/2020 from all 1
 * to Memuaskan). Returns the chosen rise per indicator.
 */
function knapsack(cum: number[][], gain: number[][], need: number): Int32Array {
  const n = cum.length;
  const movable: number[] = [];
  let g = 0;
  let steps = 0;
  let costCeiling = 0;
  for (let i = 0; i < n; i++) {
    const c = cum[i]!;
    if (c.length < 2) continue;
    movable.push(i);
    for (let s = 1; s < c.length; s++) g = gcd(g, gain[i]![s]!);
    steps += c.length - 1;
    costCeiling += c[c.length - 1]!;
  }
  const R = Math.ceil(need / g);
  const units = movable.map((i) => gain[i]!.map((x) => x / g));
  // One number per state orders (cost, touched, steps) lexicographically when it stays a safe
  // integer; otherwise (costs in the billions) compare the three separately.
  const S = steps + 1;
  const K = (movable.length + 1) * S;
  const picks = Number.isSafeInteger(costCeiling * K + K)
    ? packedTable(movable.map((i) => cum[i]!.map((c, s) => c * K + (s > 0 ? S : 0) + s)), units, R)
    : tupleTable(movable.map((i) => cum[i]!), units, R);
  const chosen = new Int32Array(n);
  let r = R;
  for (let m = 0; m < movable.length; m++) {
    const s = picks[m]![r]!;
    chosen[movable[m]!] = s;
    r = Math.max(0, r - units[m]![s]!);
  }
  return chosen;
}

/**
 * The DP with packed keys: f(r) is the best key over the indicators not yet decided (processed
 * from the last one back) for r units still needed. Returns, per indicator, the rise chosen at
 * every r; among equal keys the larger rise wins (s runs upward and replaces on ≤).
 */
function packedTable(keys: number[][], units: number[][], R: number): Uint8Array[] {
  let f = new Float64Array(R + 1).fill(Number.POSITIVE_INFINITY);
  f[0] = 0;
  let next = new Float64Array(R + 1);
  const picks: Uint8Array[] = new Array(keys.length);
  for (let m = keys.length - 1; m >= 0; m--) {
    const key = keys[m]!;
    const unit = units[m]!;
    const pick = new Uint8Array(R + 1);
    next.set(f);
    for (let s = 1; s < key.length; s++) {
      const ks = key[s]!;
      const shift = unit[s]!;
      const flat = ks + f[0]!; // r ≤ shift: this rise alone covers what is still needed
      const edge = shift < R ? shift : R;
      for (let r = 0; r <= edge; r++) {
        if (flat <= next[r]!) {
          next[r] = flat;
          pick[r] = s;
        }
      }
      for (let r = shift + 1; r <= R; r++) {
        const v = ks + f[r - shift]!;
        if (v <= next[r]!) {
          next[r] = v;
          pick[r] = s;
        }
      }
    }
    picks[m] = pick;
    [f, next] = [next, f];
  }
  return picks;
}

/** The same DP comparing (cost, touched, steps) as three numbers, for very large costs. */
function tupleTable(cum: number[][], units: number[][], R: number): Uint8Array[] {
  let fCost = new Float64Array(R + 1).fill(Number.POSITIVE_INFINITY);
  let fTouched = new Int32Array(R + 1);
  let fSteps = new Int32Array(R + 1);
  fCost[0] = 0;
  const picks: Uint8Array[] = new Array(cum.length);
  for (let m = cum.length - 1; m >= 0; m--) {
    const c = cum[m]!;
    const unit = units[m]!;
    const nCost = new Float64Array(R + 1);
    const nTouched = new Int32Array(R + 1);
    const nSteps = new Int32Array(R + 1);
    const pick = new Uint8Array(R + 1);
    for (let r = 0; r <= R; r++) {
      let bCost = Number.POSITIVE_INFINITY;
      let bTouched = 0;
      let bSteps = 0;
      let bS = 0;
      // From the largest rise down, replacing only on strictly better, so ties keep the larger rise.
      for (let s = c.length - 1; s >= 0; s--) {
        const rest = r - unit[s]! > 0 ? r - unit[s]! : 0;
        const cost = c[s]! + fCost[rest]!;
        if (cost > bCost) continue;
        const touched = (s > 0 ? 1 : 0) + fTouched[rest]!;
        const steps = s + fSteps[rest]!;
        if (cost < bCost || touched < bTouched || (touched === bTouched && steps < bSteps)) {
          bCost = cost;
          bTouched = touched;
          bSteps = steps;
          bS = s;
        }
      }
      nCost[r] = bCost;
      nTouched[r] = bTouched;
      nSteps[r] = bSteps;
      pick[r] = bS;
    }
    picks[m] = pick;
    fCost = nCost;
    fTouched = nTouched;
    fSteps = nSteps;
  }
  return picks;
}

/**
 * The optimiser proper, on validated input (values in hundredths). `base` are the values cost
 * arrays count from (the original values in a multi-year plan, else `current`).
 */
function solve(
  compiled: CompiledInstrument,
  current: Int32Array,
  base: Int32Array,
  costs: ParsedCosts,
  maxSteps: number,
  target: number,
  policy: PredicatePolicy,
): PlanResult {
  const { codes, weights } = compiled;
  const n = codes.length;
  // The choices of each indicator: rising 0..k whole levels, with the cumulative cost (hundredths)
  // and index gain (ten-thousandths) of each; a decimal value's first rise reaches the next whole level.
  const cum: number[][] = new Array(n);
  const gain: number[][] = new Array(n);
  const whole = (h: number) => Math.floor(h / 100);
  const numerator = numeratorOfHundredths(compiled, current);
  let maxGain = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const entry = costs.table[i] ?? null;
    // A value taken from another agency's index (Pemdi: SDI, SJIG, IPS) is not raised by the agency's
    // own evidence: held where it is unless the cost table prices its rise explicitly.
    const held = compiled.external[i] !== null && entry === null;
    let k = held ? 0 : Math.min(maxSteps, compiled.levelMax - whole(current[i]!));
    const offset = whole(current[i]!) - whole(base[i]!);
    if (Array.isArray(entry)) k = Math.max(0, Math.min(k, entry.length - offset));
    const c = [0];
    const gi = [0];
    for (let s = 1; s <= k; s++) {
      const step = entry === null ? 100 : typeof entry === "number" ? entry : entry[offset + s - 1]!;
      c.push(c[s - 1]! + step);
      gi.push((((whole(current[i]!) + s) * 100 - current[i]!) * weights[i]!) / 100);
    }
    cum[i] = c;
    gain[i] = gi;
    total += c[k]!;
    maxGain += gi[k]!;
  }
  if (!Number.isSafeInteger(total)) {
    throw new PlanningError("invalid_cost", "the costs are too large to add up exactly; express them in a larger unit (e.g. millions)");
  }
  const need = target - numerator;
  if (need > maxGain) {
    const max = numerator + maxGain;
    return {
      feasible: false,
      maxIndex: fromScaledInt(roundTenThousandthsToHundredths(max), 2),
      maxIndexExact: fromScaledInt(max, 4),
      maxPredicate: predicateFor(compiled, max, policy),
      reason: Number.isFinite(target)
        ? `the target needs the index at ${fromScaledInt(target, 4)} but at most ${fromScaledInt(max, 4)} is reachable with the allowed steps`
        : "the target is above the highest index of the instrument",
    };
  }
  const chosen = need > 0 ? knapsack(cum, gain, need) : new Int32Array(n);
  const steps: PlanStep[] = [];
  const levels: Record<string, number> = {};
  total = 0;
  let planned = numerator;
  for (let i = 0; i < n; i++) {
    const s = chosen[i]!;
    const from = fromScaledInt(current[i]!, 2);
    const to = s ? Math.floor(current[i]! / 100) + s : from;
    levels[codes[i]!] = to;
    if (!s) continue;
    const cost = cum[i]![s]!;
    total += cost;
    planned += gain[i]![s]!;
    steps.push({ indicator: codes[i]!, from, to, cost: fromScaledInt(cost, COST_PLACES) });
  }
  return {
    feasible: true,
    steps,
    totalCost: fromScaledInt(total, COST_PLACES),
    index: fromScaledInt(roundTenThousandthsToHundredths(planned), 2),
    indexExact: fromScaledInt(planned, 4),
    predicate: predicateFor(compiled, planned, policy),
    indicatorsTouched: steps.length,
    levels,
  };
}

/**
 * The cheapest set of level rises that reaches the target (a multiple-choice knapsack solved exactly
 * by dynamic programming over integer index units; see docs/planning.md). Ties on cost go to fewer
 * indicators touched, then fewer steps, then to raising earlier indicators (instrument order).
 * Already at the target: feasible with no steps. Throws `PlanningError` on bad input.
 */
export function planRoadmap(compiled: CompiledInstrument, input: PlanInput): PlanResult {
  const current = checkLevels(compiled, input.levels);
  const costs = parseCosts(compiled, input.costs);
  const maxSteps = checkMaxSteps(input.maxStepsPerIndicator);
  const target = targetNumerator(compiled, input.target, input.policy);
  return solve(compiled, current, current, costs, maxSteps, target, input.policy);
}

/**
 * One plan per year in year order; each year starts from the previous year's planned levels and
 * `maxStepsPerIndicator` applies per year. Cost arrays count steps from the original levels. After
 * an infeasible year the next one starts from the levels that year started from.
 */
export function planMultiYear(
  compiled: CompiledInstrument,
  input: Omit<PlanInput, "target"> & { targets: YearTarget[] },
): { year: number; plan: PlanResult }[] {
  const base = checkLevels(compiled, input.levels);
  const costs = parseCosts(compiled, input.costs);
  const maxSteps = checkMaxSteps(input.maxStepsPerIndicator);
  if (!Array.isArray(input.targets) || input.targets.length === 0) throw new PlanningError("invalid_target", "at least one yearly target is needed");
  const years = input.targets.map((t) => t.year);
  if (years.some((y) => !Number.isInteger(y))) throw new PlanningError("invalid_target", "every year must be an integer", { codes: [], values: years });
  if (new Set(years).size !== years.length) throw new PlanningError("invalid_target", "each year may appear only once", { codes: [], values: years });
  const ordered = [...input.targets].sort((a, b) => a.year - b.year);
  const targets = ordered.map((t) => targetNumerator(compiled, t.target, input.policy));
  let current = base;
  return ordered.map((t, y) => {
    const plan = solve(compiled, current, base, costs, maxSteps, targets[y]!, input.policy);
    if (plan.feasible) current = Int32Array.from(compiled.codes, (c) => Math.round(plan.levels[c]! * 100));
    return { year: t.year, plan };
  });
}
