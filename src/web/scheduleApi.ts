import { ApiError, getJson, isRecord, request } from "./api";
import type { StageName } from "./assessmentApi";

export type WindowState = "unscheduled" | "not_open" | "open" | "closed";

/** One working stage's dates (null when the stage has none) and where today falls. */
export interface StageWindowItem {
  stage: StageName;
  opens: string | null;
  closes: string | null;
  state: WindowState;
}

/** An assessment's schedule: today (Indonesian time), the open stage's window with days left or until opening. */
export interface AssessmentSchedule {
  today: string;
  stage: StageName;
  current: { state: WindowState; opens: string | null; closes: string | null; daysLeft: number | null; daysUntilOpen: number | null };
  stages: StageWindowItem[];
  canExtend: boolean;
  periodId: number;
}

export async function fetchAssessmentSchedule(id: number, signal?: AbortSignal): Promise<AssessmentSchedule> {
  const body = await getJson(`/api/assessments/${id}/schedule`, signal);
  if (!isRecord(body) || !isRecord(body.current) || !Array.isArray(body.stages)) throw new ApiError(200, "invalid_response", "not a schedule");
  return body as unknown as AssessmentSchedule;
}

/** Removes one stage's dates: the stage is then unscheduled (same people as setting them). */
export async function clearStageWindow(periodId: number, stage: StageName): Promise<StageWindowItem[]> {
  return scheduleOf(await request("DELETE", `/api/periods/${periodId}/schedule/${stage}`));
}

/** Sets or extends one stage's dates (administrator, or a province's Koordinator Provinsi for its own period). */
export async function setStageWindow(periodId: number, input: { stage: StageName; opens: string; closes: string }): Promise<StageWindowItem[]> {
  return scheduleOf(await request("PUT", `/api/periods/${periodId}/schedule`, input));
}

function scheduleOf(body: unknown): StageWindowItem[] {
  if (!isRecord(body) || !Array.isArray(body.schedule)) throw new ApiError(200, "invalid_response", "not a schedule");
  return body.schedule as StageWindowItem[];
}
