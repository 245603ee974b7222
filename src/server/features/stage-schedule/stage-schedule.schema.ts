import { z } from "zod";
import { STAGES } from "../../../core";

const IsoDate = z.iso.date();

export const PeriodParams = z.object({ id: z.coerce.number().int().positive() });
/** A working stage of the core's list (every stage but "final" has dates). */
const WorkingStage = z.enum(STAGES).exclude(["final"]);
export const StageWindowBody = z.object({ stage: WorkingStage, opens: IsoDate, closes: IsoDate });
export const StageWindowParams = PeriodParams.extend({ stage: WorkingStage });

const WindowState = z.enum(["unscheduled", "not_open", "open", "closed"]);
export const StageWindowItem = z.object({ stage: WorkingStage, opens: z.string().nullable(), closes: z.string().nullable(), state: WindowState });

export const AssessmentScheduleResponse = z.object({
  /** Today in Indonesia (YYYY-MM-DD), the day the windows are judged on. */
  today: z.string(),
  stage: z.enum(STAGES),
  /** The open stage's window. */
  current: z.object({ state: WindowState, opens: z.string().nullable(), closes: z.string().nullable(), daysLeft: z.number().nullable(), daysUntilOpen: z.number().nullable() }),
  stages: z.array(StageWindowItem),
  /** The caller may set or extend the period's stage dates. */
  canExtend: z.boolean(),
  periodId: z.number(),
});
export const PeriodScheduleResponse = z.object({ schedule: z.array(StageWindowItem) });
