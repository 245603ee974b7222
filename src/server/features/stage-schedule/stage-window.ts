import { scheduleRefusal, stageWindow, stagesFor, type PeriodKind, type StageSchedule } from "../../../core";
import { AppError } from "../../errors";
import { todayInIndonesia } from "../evidence/evidence-settings";

/**
 * Refuses work in a stage outside its scheduled dates (409 `stage_not_open` / `stage_closed`);
 * a stage without dates is open. Today is taken in Indonesian time.
 */
export function assertStageWindowOpen(schedule: StageSchedule, stage: string, today = todayInIndonesia()): void {
  assertStageWindowStarted(schedule, stage, today);
  if (scheduleRefusal(schedule, stage, today) === "stage_closed") throw new AppError(409, "stage_closed", `stage ${stage} closed on ${schedule[stage]!.closes}; the schedule must be extended first`, { stage, closes: schedule[stage]!.closes });
}

/** Refuses to close a stage before its opening date (closing it late is allowed). */
export function assertStageWindowStarted(schedule: StageSchedule, stage: string, today = todayInIndonesia()): void {
  if (scheduleRefusal(schedule, stage, today) === "stage_not_open") throw new AppError(409, "stage_not_open", `stage ${stage} opens on ${schedule[stage]!.opens}`, { stage, opens: schedule[stage]!.opens });
}

/** True when the schedule lets work happen in the stage today. */
export function stageWindowIsOpen(schedule: StageSchedule, stage: string, today = todayInIndonesia()): boolean {
  return scheduleRefusal(schedule, stage, today) === null;
}

/** Every working stage of a period (not "final") with its dates and where today falls. */
export function stageWindows(period: { kind: PeriodKind; withVisit: boolean }, schedule: StageSchedule, today: string) {
  return stagesFor(period.kind, period.withVisit)
    .filter((s) => s !== "final")
    .map((s) => {
      const w = stageWindow(schedule, s, today);
      return { stage: s, opens: w.opens, closes: w.closes, state: w.state };
    });
}
