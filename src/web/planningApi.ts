import { api, type ApiBody, type ApiResponse } from "./apiTypes";

/*
 * Analysis, recommendations, improvement actions and the piloting board. Types from the API
 * contract (src/web/apiSchema.d.ts).
 */

/** The analysis of an assessment with the drafted general recommendation. */
export type Analysis = ApiResponse<"getAssessmentAnalysis">;
export type Finding = Analysis["analysis"]["strengths"][number];

export type RecommendationList = ApiResponse<"getAgencyRecommendations">;
export type Recommendation = RecommendationList["recommendations"][number];
export type ImprovementAction = Recommendation["actions"][number];
export type RecommendationSource = Recommendation["source"];
export type Priority = Recommendation["priority"];
export type ActionStatus = ImprovementAction["status"];
export const ACTION_STATUSES: readonly ActionStatus[] = ["planned", "in_progress", "done", "blocked"];
export const PRIORITIES: readonly Priority[] = ["high", "medium", "low"];

/** A recommendation with its actions, written in one transaction (all or none). */
export type NewRecommendation = ApiBody<"postAgencyRecommendations">;
export type ActionInput = ApiBody<"postRecommendationActions">;

/** One target (`target`, with `dueDate`) or one per year (`targets`; actions due 31 December of their year). */
export type RoadmapRequest = ApiBody<"postRecommendationActionsFromRoadmap">;
export type RoadmapTarget = NonNullable<RoadmapRequest["target"]>;
/** What roadmap costs count; Rupiah costs become the actions' budgets. */
export type CostUnit = NonNullable<RoadmapRequest["costUnit"]>;

export type PilotingBoard = ApiResponse<"getProvincePilotingBoard">;
export type StatusCounts = PilotingBoard["agencies"][number]["actions"];

/** The analysis of an assessment with the drafted general recommendation (in `lang`). */
export async function fetchAnalysis(id: number, lang: "id" | "en", signal?: AbortSignal): Promise<Analysis> {
  return api("get", "/api/assessments/{id}/analysis", { path: { id }, query: { lang }, signal });
}

/** Saves the edited general recommendation of an assessment. */
export async function saveGeneralRecommendation(id: number, text: string): Promise<{ text: string; editedAt: string }> {
  return api("put", "/api/assessments/{id}/recommendation", { path: { id }, body: { text } });
}

/** An agency's recommendations with their actions. */
export async function fetchRecommendations(code: string, signal?: AbortSignal): Promise<RecommendationList> {
  return api("get", "/api/agencies/{code}/recommendations", { path: { code }, signal });
}

export async function createRecommendation(code: string, body: NewRecommendation): Promise<Recommendation> {
  return api("post", "/api/agencies/{code}/recommendations", { path: { code }, body });
}

export async function deleteRecommendation(id: number): Promise<void> {
  await api("delete", "/api/recommendations/{id}", { path: { id } });
}

export async function createAction(recommendationId: number, body: ActionInput): Promise<ImprovementAction> {
  return api("post", "/api/recommendations/{id}/actions", { path: { id: recommendationId }, body });
}

export async function updateAction(id: number, patch: ApiBody<"patchAction">): Promise<ImprovementAction> {
  return api("patch", "/api/actions/{id}", { path: { id }, body: patch });
}

export async function deleteAction(id: number): Promise<void> {
  await api("delete", "/api/actions/{id}", { path: { id } });
}

export async function addComment(actionId: number, body: string): Promise<ImprovementAction> {
  return api("post", "/api/actions/{id}/comments", { path: { id: actionId }, body: { body } });
}

export async function linkActionEvidence(actionId: number, evidenceId: number): Promise<ImprovementAction> {
  return api("post", "/api/actions/{id}/evidence", { path: { id: actionId }, body: { evidenceId } });
}

export async function unlinkActionEvidence(actionId: number, evidenceId: number): Promise<void> {
  await api("delete", "/api/actions/{id}/evidence/{evidenceId}", { path: { id: actionId, evidenceId } });
}

/** Plans the roadmap on the server from the assessment's levels and creates one action per step. */
export async function actionsFromRoadmap(recommendationId: number, body: RoadmapRequest): Promise<ApiResponse<"postRecommendationActionsFromRoadmap">> {
  return api("post", "/api/recommendations/{id}/actions/from-roadmap", { path: { id: recommendationId }, body });
}

const boardQuery = (year: number | null) => (year ? `?year=${year}` : "");

export async function fetchPilotingBoard(code: string, year: number | null, signal?: AbortSignal): Promise<PilotingBoard> {
  return api("get", "/api/provinces/{code}/piloting-board", { path: { code }, query: year ? { year } : {}, signal });
}

export const pilotingBoardXlsxUrl = (code: string, year: number | null) => `/api/provinces/${encodeURIComponent(code)}/piloting-board.xlsx${boardQuery(year)}`;

/** The units (OPD) of an agency, to pick an action's owner. */
export async function fetchUnits(code: string, signal?: AbortSignal): Promise<{ id: number; name: string }[]> {
  return (await api("get", "/api/agencies/{code}/units", { path: { code }, signal })).units;
}
