import type { Actor, PeriodKind, StageSchedule } from "../../../core";
import { canCreatePeriod } from "../../policies/assessment.policy";
import { stageWindows } from "./stage-window";

/**
 * A period's stage dates for the period list: every working stage with its window and where today
 * falls, and whether the reader may change them (the same rule as `PUT /api/periods/:id/schedule`).
 */
export function presentPeriodSchedule(period: { kind: PeriodKind; withVisit: boolean; schedule: StageSchedule; ownerAgencyId: number | null }, actor: Actor, today: string) {
  return {
    schedule: stageWindows(period, period.schedule, today),
    canEditSchedule: actor.canWrite && canCreatePeriod(actor, period.ownerAgencyId),
  };
}
