import { api, type ApiBody, type ApiResponse } from "./apiTypes";
import type { StageName } from "./assessmentApi";

/** An assessment's schedule: today (Indonesian time), the open stage's window with days left or until opening (types from the API contract). */
export type AssessmentSchedule = ApiResponse<"getAssessmentSchedule">;
/** One working stage's dates (null when the stage has none) and where today falls. */
export type StageWindowItem = AssessmentSchedule["stages"][number];
export type WindowState = StageWindowItem["state"];

export async function fetchAssessmentSchedule(id: number, signal?: AbortSignal): Promise<AssessmentSchedule> {
  return api("get", "/api/assessments/{id}/schedule", { path: { id }, signal });
}

/** Removes one stage's dates: the stage is then unscheduled (same people as setting them). */
export async function clearStageWindow(periodId: number, stage: Exclude<StageName, "final">): Promise<StageWindowItem[]> {
  return (await api("delete", "/api/periods/{id}/schedule/{stage}", { path: { id: periodId, stage } })).schedule;
}

/** Sets or extends one stage's dates (administrator, or a province's Koordinator Provinsi for its own period). */
export async function setStageWindow(periodId: number, input: ApiBody<"putPeriodSchedule">): Promise<StageWindowItem[]> {
  return (await api("put", "/api/periods/{id}/schedule", { path: { id: periodId }, body: input })).schedule;
}
