import { indicatorsOf, PlanningError, spreadDueDates, planMultiYear, planRoadmap, type CompiledInstrument, type CostTable, type PlanStep, type PlanTarget, type PredicatePolicy } from "../../../core";
import type { RoadmapStepAction } from "../../../db/commands/improvement-actions";
import { AppError } from "../../errors";

export interface RoadmapRequest {
  target?: PlanTarget;
  targets?: { year: number; target: PlanTarget }[];
  costs?: CostTable;
  costUnit: "person_days" | "rupiah";
  maxStepsPerIndicator: number;
  dueDate: string | null;
  targetYear?: number;
}

interface YearPlan {
  year: number | null;
  steps: PlanStep[];
  totalCost: number;
  index: number;
  predicate: string;
}

const formatDays = (n: number) => `${String(n).replace(".", ",")} hari kerja`;

/**
 * Plans the roadmap on the server from the assessment's levels (never from the client's steps) and
 * turns every step into an action: aimed at the step's indicator and level, due on `dueDate` (one
 * target) or on 31 December of its year (several years). One target without `dueDate` spreads its
 * steps evenly from `today` to 31 December of `targetYear` (default: next year), in plan order. A priced step's cost becomes the action's
 * budget when costs are Rupiah, and an estimate in its title when they are person-days; unpriced
 * steps (the optimiser's default cost 1) carry neither. Any infeasible year answers 422 and nothing
 * is written.
 */
export function roadmapActions(compiled: CompiledInstrument, levels: Record<string, number>, body: RoadmapRequest, policy: PredicatePolicy, today: string) {
  const common = { levels, costs: body.costs, maxStepsPerIndicator: body.maxStepsPerIndicator, policy };
  let plans: YearPlan[];
  try {
    const raw = body.targets ? planMultiYear(compiled, { ...common, targets: body.targets }) : [{ year: null, plan: planRoadmap(compiled, { ...common, target: body.target! }) }];
    plans = raw.map(({ year, plan }) => {
      if (!plan.feasible) {
        const when = year === null ? "the target" : `the target of ${year}`;
        throw new AppError(422, "not_reachable", `${when} is not reachable; the highest reachable index is ${plan.maxIndex} (${plan.maxPredicate})`, { year, maxIndex: plan.maxIndex, maxPredicate: plan.maxPredicate });
      }
      return { year, steps: plan.steps, totalCost: plan.totalCost, index: plan.index, predicate: plan.predicate };
    });
  } catch (e) {
    if (e instanceof PlanningError) throw new AppError(400, "planning_invalid", `body: ${e.message}`, { field: "body", ...(e.details as Record<string, unknown> | undefined) });
    throw e;
  }
  const names = new Map(indicatorsOf(compiled.instrument.tree).map((n) => [n.code, n.name]));
  const priced = new Set(Object.keys(body.costs ?? {}));
  const single = plans[0]!.year === null && body.dueDate === null ? spreadDueDates(plans[0]!.steps.length, today, body.targetYear ?? Number(today.slice(0, 4)) + 1) : null;
  const actions: RoadmapStepAction[] = plans.flatMap((p) =>
    p.steps.map((s, n) => {
      const base = `Indikator ${s.indicator} (${names.get(s.indicator) ?? ""}): level ${s.from} → ${s.to}`;
      const estimate = priced.has(s.indicator) && body.costUnit === "person_days" ? ` · perkiraan ${formatDays(s.cost)}` : "";
      return {
        ...s,
        title: `${base.slice(0, 500 - estimate.length)}${estimate}`,
        dueDate: p.year !== null ? `${p.year}-12-31` : (single?.[n] ?? body.dueDate),
        budget: priced.has(s.indicator) && body.costUnit === "rupiah" ? s.cost : null,
        ...(p.year === null ? {} : { year: p.year }),
      };
    }),
  );
  const last = plans.at(-1)!;
  return {
    actions,
    summary: {
      steps: plans.flatMap((p) => p.steps),
      totalCost: Math.round(plans.reduce((n, p) => n + p.totalCost * 100, 0)) / 100,
      index: last.index,
      predicate: last.predicate,
      costUnit: body.costUnit,
      ...(body.targets ? { years: plans.map((p) => ({ year: p.year!, steps: p.steps, totalCost: p.totalCost, index: p.index, predicate: p.predicate })) } : {}),
    },
  };
}
